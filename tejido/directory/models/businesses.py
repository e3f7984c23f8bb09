"""Welcoming businesses: shops, hairdressers, cafés, clinics … that the network has vetted as
safe for its members. Vetting has three parts (the business accepted the pledge, an organiser
visited, members vouched); trans-specific notes say what to expect; a business is verified
again by `reverify_on`. Its opening hours are lines of days and times (BusinessHours), read by
the same rule as a service's HSDS schedules, so "open now" means one thing in the whole
directory. Organisers warn a business, or suspend or revoke its listing, after incident
reports (tejido.directory.reports)."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.core.models import TimeStamped
from tejido.core.sealing import SealedTextField
from tejido.directory.models.listing import (
    translated,
    translations_field,
    visibility_field,
    visibility_known,
)
from tejido.directory.models.organizations import NAME_LENGTH, SortedByName, short, text


class BusinessKind(models.TextChoices):
    CLOTHING = "clothing", _("Clothing shop")
    HAIR = "hair", _("Hairdresser or barber")
    CAFE = "cafe", _("Café or bar")
    CLINIC = "clinic", _("Clinic")
    PHARMACY = "pharmacy", _("Pharmacy")
    GYM = "gym", _("Gym")
    BOOKSHOP = "bookshop", _("Bookshop")
    BEAUTY = "beauty", _("Beauty and cosmetics")
    OTHER = "other", _("Other")


class Standing(models.TextChoices):
    LISTED = "listed", _("Listed")
    WARNED = "warned", _("Warned")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


class Business(TimeStamped, SortedByName):
    Kind = BusinessKind
    Standing = Standing

    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    kind = models.CharField(
        _("kind of business"), max_length=12, choices=Kind.choices, default=Kind.OTHER
    )
    description = text(_("description"))
    # A shop's address is public: the street, for members to find it.
    address = short(_("address"), 300)
    area = models.ForeignKey(
        "network.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )
    # How to find it, in words (the metro exit, the door in the courtyard).
    directions = text(_("directions in words"))
    # What the lines of opening hours (BusinessHours) do not say: "closed in August".
    hours_note = text(_("about the opening hours"))
    phone = short(_("phone"), 40)
    website = models.URLField(_("website"), max_length=500, blank=True)

    # What trans members want to know before they go.
    fitting_rooms = text(_("fitting rooms and toilets"))
    names_used = text(_("names and pronouns"))
    staff_trained = text(_("staff training"))

    # Vetting.
    pledge_accepted_on = models.DateField(_("pledge accepted on"), null=True, blank=True)
    visited_on = models.DateField(_("visited by an organiser on"), null=True, blank=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_on = models.DateField(_("last verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reverify_on = models.DateField(_("verify again by"), null=True, blank=True, db_index=True)

    standing = models.CharField(
        _("standing"), max_length=10, choices=Standing.choices, default=Standing.LISTED
    )
    # Why organisers warned, suspended or revoked it (what they told the business): for
    # organisers only, sealed at rest.
    standing_note = SealedTextField(_("note for organisers"), blank=True)
    visibility = visibility_field()
    translations = translations_field()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # What search finds it by (tejido.directory.indexing, tejido.core.search).
    words = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "businesses"
        ordering = ["sort_name", "pk"]
        indexes = [models.Index(fields=["sort_name", "id"])]
        constraints = [
            visibility_known("business"),
            models.CheckConstraint(condition=~Q(name=""), name="business_has_a_name"),
            models.CheckConstraint(
                condition=Q(kind__in=BusinessKind.values), name="business_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(standing__in=Standing.values), name="business_standing_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_label(self) -> str:
        return self.name

    def shown(self, field: str) -> str:
        return translated(self, field)


class Vouch(models.Model):
    """A member's word that a business treated them well. Who vouched is for organisers only;
    others see how many did."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="vouches")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="business_vouches"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["business", "member"], name="one_vouch_per_member")
        ]

    def __str__(self) -> str:
        return f"vouch for {self.business_id}"


class BusinessHours(models.Model):
    """One line of a business's opening hours: weekly, on the days `byday` names (MO,TU …),
    from `opens_at` to `closes_at` in the network's time zone (a closing time at or before
    the opening time is on the next day). It has the names of the HSDS schedule fields that
    the opening rule (tejido.directory.models.hours) and a schedule's card read; a business's
    hours are always in force and in the network's zone, so those are fixed here."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="hours")
    position = models.PositiveSmallIntegerField(default=0)
    byday = models.CharField(_("days"), max_length=60)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    valid_from: date | None = None
    valid_to: date | None = None
    until: date | None = None
    timezone: Decimal | None = None
    description = ""
    notes = ""

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["business", "position", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(byday=""), name="business_hours_days")]

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at}-{self.closes_at}"
