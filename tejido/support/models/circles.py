"""Support circles: closed groups with a theme, a language, a size limit and facilitators, run
as peer support or, by a verified professional, as group therapy. Who is in a circle is among
the most sensitive facts Tejido holds: only tejido.access.circles decides who learns it."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tejido.core.models import TimeStamped, in_language

DEFAULT_RETENTION_DAYS = 90


class CircleTheme(models.TextChoices):
    COMING_OUT = "coming_out", _("Coming out")
    TRANS_NONBINARY = "trans_nonbinary", _("Trans and nonbinary peer support")
    FAMILY = "family", _("Family")
    RELATIONSHIPS = "relationships", _("Relationships")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    GRIEF = "grief", _("Grief")
    PARENTS = "parents", _("Parents of LGBTQ+ children")
    NEWCOMERS = "newcomers", _("Newcomers and asylum seekers")
    OTHER = "other", _("Other")


class CircleKind(models.TextChoices):
    PEER = "peer", _("Peer support")
    THERAPY = "therapy", _("Group therapy")


class Circle(TimeStamped):
    Theme = CircleTheme
    Kind = CircleKind

    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    theme = models.CharField(_("theme"), max_length=16, choices=CircleTheme.choices)
    kind = models.CharField(
        _("peer support or therapy"), max_length=8, choices=CircleKind.choices, default="peer"
    )
    language = models.CharField(_("language"), max_length=8)
    size_limit = models.PositiveSmallIntegerField(_("places"))
    # A hidden circle is known only to its facilitators, its members and the organisers.
    is_listed = models.BooleanField(_("listed for all vetted members"), default=True)
    # Whether the circle's own members see each other's chosen names (never anything else).
    show_names_to_members = models.BooleanField(_("members see each other's names"), default=False)
    # How long facilitator notes are kept.
    retention_days = models.PositiveSmallIntegerField(
        _("days notes are kept"), default=DEFAULT_RETENTION_DAYS
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(theme__in=CircleTheme.values), name="circle_theme_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CircleKind.values), name="circle_kind_known"
            ),
            models.CheckConstraint(condition=Q(size_limit__gte=2), name="circle_has_places"),
            models.CheckConstraint(condition=~Q(name_es="", name_en=""), name="circle_has_a_name"),
        ]

    def __str__(self) -> str:
        # Never the name: str() ends up in logs and admin pages, and a hidden circle's name
        # says who its members are.
        return f"circle #{self.pk}"

    @property
    def name(self) -> str:
        return in_language(self, "name")

    @property
    def description(self) -> str:
        return in_language(self, "description")


class Facilitator(TimeStamped):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="facilitators")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitates"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["circle", "user"], name="facilitate_a_circle_once")
        ]


class PlaceState(models.TextChoices):
    ASKED = "asked", _("Asked for a place")
    WAITLISTED = "waitlisted", _("On the waitlist")
    DECLINED = "declined", _("Not this time")
    MEMBER = "member", _("In the circle")


class Place(TimeStamped):
    """A member's place in a circle, from asking for it to being in it. Leaving deletes it
    (with what facilitators noted about the member): a circle keeps no trace of who left."""

    State = PlaceState

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="places")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_places"
    )
    state = models.CharField(max_length=12, choices=PlaceState.choices, default="asked")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["circle", "user"], name="one_place_per_circle"),
            models.CheckConstraint(condition=Q(state__in=PlaceState.values), name="place_known"),
        ]
        indexes = [models.Index(fields=["user", "state"], name="place_user_state")]


class KeepApart(TimeStamped):
    """Two members organisers marked as never to be placed in the same circle. Why is not
    recorded: intake only warns the facilitator that it applies."""

    first = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            # Each pair once, in one order: the lower id first.
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="keep_apart_ordered"),
            models.UniqueConstraint(fields=["first", "second"], name="keep_apart_once"),
        ]
