"""Reports on people and things in the network, and the warnings organisers send after one.
The audit log of organiser actions is in tejido.audit."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tejido.core.sealing import SealedTextField


class Report(models.Model):
    """A vetted member's report about something they saw (a member; events, requests, listings
    and posts add their kinds, see reportables). What the reporter wrote and what organisers
    note about it are sealed at rest; only organisers read them."""

    class Reason(models.TextChoices):
        HARASSMENT = "harassment", _("Harassment or bullying")
        HATE = "hate", _("Hate or discrimination")
        OUTING = "outing", _("Outing someone or sharing their private information")
        THREATS = "threats", _("Threats or violence")
        IMPERSONATION = "impersonation", _("Pretending to be someone else")
        SEXUAL = "sexual", _("Unwanted sexual messages or behaviour")
        SPAM = "spam", _("Spam")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("report status", "Open")
        DISMISSED = "dismissed", pgettext_lazy("report status", "Dismissed")
        WARNED = "warned", _("Member warned")
        SUSPENDED = "suspended", _("Member suspended")
        # What was reported is no member's (a business): organisers acted on it where it is.
        ACTED = "acted", _("Acted on")

    kind = models.CharField(max_length=40)
    target_id = models.PositiveBigIntegerField()
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    # The member the reported thing belongs to (the member themself, for a member): whom a
    # warning or a suspension applies to. Kept as it was when the report was made. None for
    # a thing no member answers for (a welcoming business).
    reported = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports_received",
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    text = SealedTextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    note = SealedTextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            # A second report of the same thing by the same person, while the first is still
            # open, is already with the organisers.
            models.UniqueConstraint(
                fields=["reporter", "kind", "target_id"],
                condition=models.Q(status="open"),
                name="one_open_report_per_reporter_and_target",
            ),
            models.CheckConstraint(
                condition=~models.Q(reporter=models.F("reported")),
                name="report_not_about_oneself",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["open", "dismissed", "warned", "suspended", "acted"]
                ),
                name="report_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    reason__in=[
                        "harassment",
                        "hate",
                        "outing",
                        "threats",
                        "impersonation",
                        "sexual",
                        "spam",
                        "other",
                    ]
                ),
                name="report_reason_known",
            ),
            # Handled exactly when it is no longer open.
            models.CheckConstraint(
                condition=(
                    models.Q(status="open", handled_at__isnull=True)
                    | (~models.Q(status="open") & models.Q(handled_at__isnull=False))
                ),
                name="report_handled_when_closed",
            ),
        ]

    def __str__(self) -> str:
        # Never the text, the note or who reported.
        return f"report #{self.pk} ({self.kind})"

    def audit_label(self) -> str:
        return gettext("report no. %(number)s") % {"number": self.pk}

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class MemberWarning(models.Model):
    """A warning organisers sent a member about something reported. The member reads its
    message on their own warnings page; it never says who reported."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="warnings"
    )
    report = models.OneToOneField(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="warning"
    )
    message = SealedTextField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"warning #{self.pk}"
