"""How people become members: applications, invitations and the code of conduct they agree
to. The network's own settings and areas are in tejido.network."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tejido.core.cache import forget, remembered
from tejido.core.models import TimeStamped, in_language

CONDUCT_CACHE_KEY = "tejido:current-conduct"


class CodeOfConduct(models.Model):
    version = models.PositiveIntegerField(unique=True)
    text_es = models.TextField(_("text (Spanish)"))
    text_en = models.TextField(_("text (English)"))
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"code of conduct v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        forget(CONDUCT_CACHE_KEY)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        forget(CONDUCT_CACHE_KEY)
        return super().delete(*args, **kwargs)

    @classmethod
    def current(cls) -> "CodeOfConduct | None":
        """The newest version, the one members are asked to accept."""
        return remembered(CONDUCT_CACHE_KEY, lambda: cls.objects.order_by("-version").first())

    @property
    def text(self) -> str:
        return in_language(self, "text")

    def audit_label(self) -> str:
        return gettext("code of conduct, version %(version)s") % {"version": self.version}


class ConductAcceptance(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conduct_acceptances"
    )
    code = models.ForeignKey(CodeOfConduct, on_delete=models.CASCADE, related_name="acceptances")
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "code"], name="accept_once")]

    def __str__(self) -> str:
        return f"acceptance #{self.pk}"


class ApplicationQuestion(models.Model):
    text_es = models.CharField(_("question (Spanish)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300)
    help_es = models.CharField(_("help text (Spanish)"), max_length=300, blank=True)
    help_en = models.CharField(_("help text (English)"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=True)
    active = models.BooleanField(_("asked"), default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"question #{self.pk}"

    @property
    def text(self) -> str:
        return in_language(self, "text")

    @property
    def help(self) -> str:
        return in_language(self, "help")

    def audit_label(self) -> str:
        return self.text


class Application(TimeStamped):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        QUESTION = "question", _("Organisers asked a question")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    # A declined applicant may apply again after NetworkSettings.reapply_after_days; earlier
    # applications are kept for organisers. At most one is open at a time.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["pending", "question"]),  # the open statuses
                name="one_open_application",
            )
        ]

    def audit_label(self) -> str:
        return gettext("application no. %(number)s") % {"number": self.pk}


class ApplicationAnswer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ApplicationQuestion, on_delete=models.PROTECT)
    text = models.TextField(max_length=3000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "question"], name="answer_once")
        ]

    def __str__(self) -> str:
        # Never the answer itself: str() ends up in logs and admin pages.
        return f"answer #{self.pk}"


class ApplicationMessage(models.Model):
    """The conversation on an application: an organiser's question or decline message, and the
    applicant's replies."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_organisers = models.BooleanField()
    text = models.TextField(max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"message #{self.pk}"


class Invitation(TimeStamped):
    """A link that lets people join without an application, a limited number of times."""

    token_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("note for organisers"), max_length=200, blank=True)
    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("group")
    )
    max_uses = models.PositiveIntegerField(_("how many people can use it"), default=1)
    uses = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(uses__lte=models.F("max_uses")), name="uses_limit")
        ]

    def audit_label(self) -> str:
        return gettext("invitation link no. %(number)s") % {"number": self.pk}


class InvitationUse(models.Model):
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="used_by")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitation_use"
    )
    used_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"invitation use #{self.pk}"
