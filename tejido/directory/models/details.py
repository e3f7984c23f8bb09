"""The HSDS 3.0 tables that describe a service, a location or an organisation further:
phones, schedules, languages, accessibility, costs, contacts, service areas, required
documents, funding and organisation identifiers. Field names are the specification's; a row
belongs to whichever of its parents' `<table>_id` it has."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.core.models import TimeStamped
from tejido.directory.models.organizations import (
    CODE_LENGTH,
    NAME_LENGTH,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    hsds_id,
    short,
    text,
)


def parent(model: type[models.Model] | str, related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        model, on_delete=models.CASCADE, null=True, blank=True, related_name=related_name
    )


class Contact(TimeStamped):
    id = hsds_id()
    organization = parent(Organization, "contacts")
    service = parent(Service, "contacts")
    service_at_location = parent(ServiceAtLocation, "contacts")
    location = parent(Location, "contacts")
    name = short(_("name"))
    title = short(_("job title"))
    department = short(_("department"))
    email = models.EmailField(_("email"), max_length=NAME_LENGTH, blank=True)

    def __str__(self) -> str:
        return self.name or str(self.id)


class Phone(TimeStamped):
    id = hsds_id()
    location = parent(Location, "phones")
    service = parent(Service, "phones")
    organization = parent(Organization, "phones")
    contact = parent(Contact, "phones")
    service_at_location = parent(ServiceAtLocation, "phones")
    number = models.CharField(_("number"), max_length=40)
    extension = models.PositiveIntegerField(_("extension"), null=True, blank=True)
    # RFC 6350's types: text, voice, fax, cell, video, pager, textphone.
    type = short(_("kind of phone"), 20)
    description = text(_("description"))

    def __str__(self) -> str:
        return self.number


class Weekday(models.TextChoices):
    MO = "MO", _("Monday")
    TU = "TU", _("Tuesday")
    WE = "WE", _("Wednesday")
    TH = "TH", _("Thursday")
    FR = "FR", _("Friday")
    SA = "SA", _("Saturday")
    SU = "SU", _("Sunday")


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("Weekly")
    MONTHLY = "MONTHLY", _("Monthly")


class Schedule(TimeStamped):
    """When a service, a location or a service at a location is open, in iCalendar's terms.
    `opens_at` and `closes_at` are wall-clock times in the UTC offset `timezone` (hours), or
    in the network's time zone when it is empty; `byday` is a comma-separated list of days
    (MO,TU; with a number before them when `freq` is MONTHLY: 2MO, -1FR)."""

    id = hsds_id()
    service = parent(Service, "schedules")
    location = parent(Location, "schedules")
    service_at_location = parent(ServiceAtLocation, "schedules")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    dtstart = models.DateField(_("first day"), null=True, blank=True)
    timezone = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    until = models.DateField(_("last day"), null=True, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=2, choices=Weekday.choices, blank=True)
    freq = models.CharField(_("repeats"), max_length=7, choices=Frequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    byday = short(_("days"), 60)
    byweekno = short(_("weeks of the year"), 200)
    bymonthday = short(_("days of the month"), 200)
    byyearday = short(_("days of the year"), 400)
    description = text(_("description"))
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    schedule_link = models.URLField(_("booking link"), max_length=500, blank=True)
    attending_type = short(_("how to attend"), CODE_LENGTH)
    notes = text(_("notes"))

    class Meta:
        indexes = [models.Index(fields=["opens_at", "closes_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(freq__in=["", *Frequency.values]), name="schedule_freq_known"
            ),
            models.CheckConstraint(
                condition=Q(wkst__in=["", *Weekday.values]), name="schedule_wkst_known"
            ),
        ]

    def __str__(self) -> str:
        return f"schedule {self.id}"


class Language(TimeStamped):
    """A language a service, a location or a phone line is offered in (ISO 639 `code`)."""

    id = hsds_id()
    service = parent(Service, "languages")
    location = parent(Location, "languages")
    phone = parent(Phone, "languages")
    name = short(_("language"), CODE_LENGTH)
    code = short(_("code"), 10)
    note = text(_("note"))

    class Meta:
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return self.name or self.code


class Accessibility(TimeStamped):
    id = hsds_id()
    location = parent(Location, "accessibility")
    description = text(_("description"))
    details = text(_("details"))
    url = models.URLField(_("more information"), max_length=500, blank=True)

    class Meta:
        verbose_name_plural = "accessibility"

    def __str__(self) -> str:
        return f"accessibility {self.id}"


class CostOption(TimeStamped):
    id = hsds_id()
    service = parent(Service, "cost_options")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    option = text(_("conditions"))
    currency = short(_("currency"), 3)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_description = text(_("about the amount"))

    def __str__(self) -> str:
        return f"cost {self.id}"


class ServiceArea(TimeStamped):
    id = hsds_id()
    service = parent(Service, "service_areas")
    name = short(_("area served"))
    description = text(_("description"))
    extent = models.TextField(blank=True)
    extent_type = short(_("kind of extent"), 20)
    uri = short(_("identifier"), 500)

    def __str__(self) -> str:
        return self.name or str(self.id)


class RequiredDocument(TimeStamped):
    id = hsds_id()
    service = parent(Service, "required_documents")
    document = text(_("document"))
    uri = models.URLField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.document[:60] or str(self.id)


class Funding(TimeStamped):
    id = hsds_id()
    organization = parent(Organization, "funding")
    service = parent(Service, "funding")
    source = text(_("source"))

    def __str__(self) -> str:
        return self.source[:60] or str(self.id)


class OrganizationIdentifier(TimeStamped):
    id = hsds_id()
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="organization_identifiers"
    )
    identifier_scheme = short(_("scheme"), CODE_LENGTH)
    identifier_type = models.CharField(_("kind of identifier"), max_length=CODE_LENGTH)
    identifier = models.CharField(_("identifier"), max_length=NAME_LENGTH)

    def __str__(self) -> str:
        return self.identifier
