"""Members, their profiles and the relations between them.

There is no legal name anywhere: a member is their chosen name and pronouns. Who may see each
profile field is decided in tejido.access from the audiences stored here.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.core.models import CodePointOrderField, TimeStamped
from tejido.core.refusals import NO_SUPERUSERS
from tejido.core.search import SearchIndex
from tejido.core.text import fold


class Audience(models.TextChoices):
    """Who may see a piece of personal data, narrowest first."""

    ONLY_ME = "only_me", _("Only me")
    # The facilitators of the support circles the member has (or asked for) a place in.
    FACILITATORS = "facilitators", _("Facilitators of my circles")
    ORGANISERS = "organisers", _("Organisers")
    SHARED_GROUP = "shared_group", _("Members of a group I am in")
    MEMBERS = "members", _("All vetted members")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        """Refused: an account without a profile breaks every member list."""
        raise NotImplementedError(NO_SUPERUSERS)


class User(AbstractBaseUser, PermissionsMixin):
    class State(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        MEMBER = "member", _("Member")
        SUSPENDED = "suspended", _("Suspended")
        REMOVED = "removed", _("Removed")

    email = models.EmailField(_("email address"), unique=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.APPLICANT)
    is_organiser = models.BooleanField(_("organiser"), default=False)
    is_facilitator = models.BooleanField(_("facilitator"), default=False)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    discreet_mode = models.BooleanField(_("discreet mode"), default=False)
    suspension_reason = models.TextField(blank=True)
    # Kept by tejido.notifications.services, so that every page's header shows the badge
    # without counting notices.
    unread_notices = models.PositiveIntegerField(default=0, editable=False)
    date_joined = models.DateTimeField(auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        indexes = [
            models.Index(fields=["state"]),
            # The few not in good standing (applicants, suspended, removed): what a count
            # of seats or members leaves out, found without reading every member.
            models.Index(
                fields=["id"], condition=~Q(state="member"), name="user_not_in_good_standing"
            ),
        ]

    def __str__(self) -> str:
        # Never the email address: str() ends up in logs and admin pages.
        return f"member #{self.pk}"

    @property
    def is_member(self) -> bool:
        return self.state == self.State.MEMBER


# Folding can lengthen a name (a ligature becomes letters); past this it is cut.
SORT_NAME_MAX_LENGTH = 255


class Profile(TimeStamped):
    """What a member tells others about themselves; each field has its own audience."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    chosen_name = models.CharField(_("chosen name"), max_length=80)
    # The chosen name's plain words (tejido.core.text.fold), kept by save(): the members
    # list sorts by it, search matches it, and two names with the same one look alike.
    sort_name = CodePointOrderField(max_length=SORT_NAME_MAX_LENGTH, editable=False, default="")
    pronouns = models.CharField(_("pronouns"), max_length=60, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    area = models.ForeignKey(
        "network.Area", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("area")
    )
    bio = models.TextField(_("about me"), max_length=2000, blank=True)
    interests = models.TextField(_("interests"), max_length=1000, blank=True)
    skills = models.TextField(_("skills"), max_length=1000, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=1000, blank=True)
    dietary_needs = models.TextField(_("dietary needs"), max_length=500, blank=True)
    # Structured, for a potluck's cooks to count (tejido.accounts.choices); shown to the same
    # audience as the dietary needs in words.
    diet = models.JSONField(_("diet"), default=list, blank=True)
    allergies = models.JSONField(_("allergies"), default=list, blank=True)
    identity_tags = models.TextField(_("identity"), max_length=500, blank=True)

    pronouns_audience = models.CharField(
        max_length=16, choices=Audience.choices, default=Audience.MEMBERS
    )
    languages_audience = models.CharField(
        max_length=16, choices=Audience.choices, default=Audience.SHARED_GROUP
    )
    area_audience = models.CharField(
        max_length=16, choices=Audience.choices, default=Audience.SHARED_GROUP
    )
    bio_audience = models.CharField(
        max_length=16, choices=Audience.choices, default=Audience.SHARED_GROUP
    )
    interests_audience = models.CharField(
        max_length=16, choices=Audience.choices, default=Audience.SHARED_GROUP
    )
    skills_audience = models.CharField(
        max_length=16, choices=Audience.choices, default=Audience.SHARED_GROUP
    )
    accessibility_needs_audience = models.CharField(
        max_length=16, choices=Audience.choices, default=Audience.ORGANISERS
    )
    dietary_needs_audience = models.CharField(
        max_length=16, choices=Audience.choices, default=Audience.ORGANISERS
    )
    identity_tags_audience = models.CharField(
        max_length=16, choices=Audience.choices, default=Audience.ONLY_ME
    )

    class Meta:
        # The members list walks this index in order and stops after a page; finding a
        # look-alike name uses it too.
        indexes = [models.Index(fields=["sort_name", "user"], name="profile_sort_name_order")]

    def __str__(self) -> str:
        return self.chosen_name

    @staticmethod
    def sort_name_for(chosen_name: str) -> str:
        """What save() stores in sort_name; bulk_create skips save(), so it is given this."""
        return fold(chosen_name)[:SORT_NAME_MAX_LENGTH]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_name = self.sort_name_for(self.chosen_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "chosen_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)


# Search over chosen names (tejido.core.search); created in accounts migration 0007.
PROFILE_NAME_SEARCH = SearchIndex(table="accounts_profile", column="sort_name")


# The profile fields that carry an audience, in the order a profile shows them.
AUDIENCED_FIELDS = (
    "pronouns",
    "languages",
    "area",
    "bio",
    "interests",
    "skills",
    "accessibility_needs",
    "dietary_needs",
    "identity_tags",
)


class ProfessionalVerification(TimeStamped):
    """An organiser checked this member's credentials: who, when and how is kept on record."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="professional")
    profession = models.CharField(_("profession"), max_length=120)
    method = models.CharField(_("how it was checked"), max_length=300)
    verified_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("verified by")
    )
    verified_at = models.DateTimeField(_("verified on"))


class Block(models.Model):
    blocker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks_made")
    blocked = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks_received")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(condition=~Q(blocker=models.F("blocked")), name="no_self_block"),
        ]

    def __str__(self) -> str:
        # Never names: str() ends up in logs and admin pages.
        return f"block #{self.pk}"


class ApiToken(models.Model):
    """A personal access token for the JSON API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"token {self.prefix}…"
