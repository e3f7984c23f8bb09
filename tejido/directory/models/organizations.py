"""The core tables of Open Referral's Human Services Data Specification (HSDS 3.0), with the
specification's field names: an organization runs services (under a program, maybe) at
locations, and a service_at_location says where a service is delivered. Each record's `id` is
its HSDS identifier (a UUID), so importing the same file twice finds the same records, and a
foreign key's column is the specification's `<table>_id`.

Beside the HSDS fields, each listing has a visibility (tejido.access.directory decides what it
means), and a service has who verified it last; `assured_date` is the day they did."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.core.models import CodePointOrderField, TimeStamped
from tejido.core.sealing import SealedTextField
from tejido.core.text import fold
from tejido.directory.models.listing import (
    translated,
    translations_field,
    visibility_field,
    visibility_known,
)

NAME_LENGTH = 250
CODE_LENGTH = 100


def sort_name_for(name: str) -> str:
    """What a listing sorts by; bulk_create skips save(), so it is given this."""
    return fold(name)[:NAME_LENGTH]


class SortedByName(models.Model):
    """A listing sorted by its name folded (tejido.core.text.fold), alike on every database."""

    sort_name = CodePointOrderField(max_length=NAME_LENGTH, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["sort_name"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_name = sort_name_for(self.name)  # type: ignore[attr-defined]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)


def hsds_id() -> models.UUIDField:
    return models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)


def text(label: Any) -> models.TextField:
    return models.TextField(label, blank=True)


def short(label: Any, length: int = NAME_LENGTH) -> models.CharField:
    return models.CharField(label, max_length=length, blank=True)


class Organization(TimeStamped, SortedByName):
    id = hsds_id()
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    alternate_name = short(_("other name"))
    description = models.TextField(_("description"))
    email = models.EmailField(_("email"), max_length=NAME_LENGTH, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    tax_status = short(_("tax status"))
    tax_id = short(_("tax number"), CODE_LENGTH)
    year_incorporated = models.PositiveSmallIntegerField(
        _("year incorporated"), null=True, blank=True
    )
    legal_status = short(_("legal status"))
    # A link to its logo, kept for HSDS; never shown (pages load nothing from elsewhere).
    logo = models.URLField(_("logo"), max_length=500, blank=True)
    uri = models.URLField(_("persistent identifier"), max_length=500, blank=True)
    parent_organization = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="child_organizations",
        verbose_name=_("parent organisation"),
    )

    visibility = visibility_field()
    translations = translations_field()

    class Meta:
        ordering = ["sort_name", "id"]
        indexes = [models.Index(fields=["sort_name", "id"])]
        constraints = [
            visibility_known("organization"),
            models.CheckConstraint(condition=~Q(name=""), name="organization_has_a_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_label(self) -> str:
        return self.name

    def shown(self, field: str) -> str:
        return translated(self, field)


class Program(TimeStamped):
    id = hsds_id()
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="programs"
    )
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    alternate_name = short(_("other name"))
    description = models.TextField(_("description"))

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Closed for good")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


class Service(TimeStamped, SortedByName):
    Status = ServiceStatus

    id = hsds_id()
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="services",
        verbose_name=_("organisation"),
    )
    program = models.ForeignKey(
        Program, on_delete=models.SET_NULL, null=True, blank=True, related_name="services"
    )
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    alternate_name = short(_("other name"))
    description = text(_("description"))
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("email"), max_length=NAME_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    interpretation_services = text(_("interpretation"))
    application_process = text(_("how to apply"))
    fees_description = text(_("fees"))
    wait_time = short(_("waiting time"))
    fees = short(_("fees (short)"))
    accreditations = text(_("accreditations"))
    eligibility_description = text(_("who it is for"))
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    # The day someone last checked it is right, and (HSDS) their address; `verified_by` is
    # the organiser who did it here (the address is never shown).
    assured_date = models.DateField(_("last verified"), null=True, blank=True, db_index=True)
    assurer_email = models.EmailField(max_length=NAME_LENGTH, blank=True)
    licenses = text(_("licences"))
    alert = text(_("notice"))
    last_modified = models.DateTimeField(_("last changed"), null=True, blank=True)

    visibility = visibility_field()
    translations = translations_field()
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    # Its search words are in ServiceWords, whose integer key the SQLite index needs.

    class Meta:
        ordering = ["sort_name", "id"]
        indexes = [models.Index(fields=["sort_name", "id"])]
        constraints = [
            visibility_known("service"),
            models.CheckConstraint(condition=~Q(name=""), name="service_has_a_name"),
            models.CheckConstraint(
                condition=Q(status__in=ServiceStatus.values), name="service_status_known"
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(maximum_age__gte=models.F("minimum_age")),
                name="service_age_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_label(self) -> str:
        return self.name

    def shown(self, field: str) -> str:
        return translated(self, field)


class ServiceWords(models.Model):
    """The plain words a service is found by: its names and description in both languages,
    its organisation's name, its categories and attributes, its languages and the areas of
    those of its locations that are as visible as it is (never an address)."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="words")
    words = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"words of {self.service_id}"


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("A place")
    POSTAL = "postal", _("A postal address")
    VIRTUAL = "virtual", _("Online")


class Location(TimeStamped):
    Type = LocationType

    id = hsds_id()
    location_type = models.CharField(
        _("kind of place"), max_length=10, choices=Type.choices, default=Type.PHYSICAL
    )
    url = models.URLField(_("web address (online)"), max_length=500, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="locations",
    )
    name = short(_("name"))
    alternate_name = short(_("other name"))
    description = text(_("description"))
    transportation = text(_("how to get there"))
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    external_identifier = short(_("external identifier"))
    external_identifier_type = short(_("kind of external identifier"), CODE_LENGTH)

    visibility = visibility_field()
    translations = translations_field()
    # The network's area it is in (a neighbourhood or town), for the area filter.
    area = models.ForeignKey(
        "network.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            visibility_known("location"),
            models.CheckConstraint(
                condition=Q(location_type__in=LocationType.values), name="location_type_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.id)

    def audit_label(self) -> str:
        return self.name or str(self.id)

    def shown(self, field: str) -> str:
        return translated(self, field)


class ServiceAtLocation(TimeStamped):
    id = hsds_id()
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = text(_("description"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="service_once_at_a_location"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class Address(TimeStamped):
    """A location's address. The street lines are sealed at rest: a safe house's address is
    one of them."""

    id = hsds_id()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = short(_("for the attention of"))
    address_1 = SealedTextField(_("street address"))
    address_2 = SealedTextField(_("address, second line"), blank=True)
    city = models.CharField(_("city"), max_length=NAME_LENGTH)
    region = short(_("region"))
    state_province = models.CharField(_("province"), max_length=NAME_LENGTH)
    postal_code = models.CharField(_("postal code"), max_length=20)
    country = models.CharField(_("country (two letters)"), max_length=2)
    address_type = models.CharField(
        _("kind of address"),
        max_length=10,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(address_type__in=LocationType.values), name="address_type_known"
            )
        ]

    def __str__(self) -> str:
        return f"address {self.id}"
