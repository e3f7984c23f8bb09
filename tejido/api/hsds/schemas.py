# The shapes are made at run time from the models, so mypy cannot read them as types.
# mypy: disable-error-code="valid-type"
"""The HSDS 3.0 shapes of the read API, made from the directory's models: each table's fields
by their HSDS names (tejido.access.hsds_records.hsds_fields), typed from the model's fields,
with the records each nests. So a field added to a model is in the document at once."""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.db import models
from ninja import Schema
from pydantic import Field, create_model

from tejido.access.hsds_records import hsds_fields
from tejido.directory import models as directory

METADATA_FIELDS = (
    "resource_id",
    "resource_type",
    "last_action_date",
    "last_action_type",
    "field_name",
    "previous_value",
    "replacement_value",
    "updated_by",
)


def _type_of(field: models.Field) -> Any:
    if isinstance(field, models.UUIDField | models.ForeignKey):
        return UUID | None
    if isinstance(field, models.DateTimeField):
        return datetime | None
    if isinstance(field, models.DateField):
        return date | None
    if isinstance(field, models.DecimalField):
        return float | None
    if isinstance(field, models.IntegerField):
        return int | None
    return str | None


def table(name: str, model: type[models.Model], **nested: Any) -> Any:
    """The schema of one HSDS table: its own fields (`id` required), then `nested`."""
    fields: dict[str, Any] = {}
    for hsds_name, field in hsds_fields(model):
        if hsds_name == "id":
            fields["id"] = (UUID, ...)
        else:
            fields[hsds_name] = (_type_of(field), None)
    for key, kind in nested.items():
        fields[key] = (kind, Field(default_factory=list) if _is_list(kind) else None)
    return create_model(name, __base__=Schema, **fields)


def _is_list(kind: Any) -> bool:
    return getattr(kind, "__origin__", None) is list


METADATA: dict[str, Any] = {"id": (UUID, ...), **dict.fromkeys(METADATA_FIELDS, (str | None, None))}
Metadata: Any = create_model("Metadata", __base__=Schema, **METADATA)
Meta = list[Metadata]

Taxonomy = table("Taxonomy", directory.Taxonomy, metadata=Meta)
TaxonomyTerm = table(
    "TaxonomyTerm",
    directory.TaxonomyTerm,
    taxonomy_detail=Taxonomy | None,
    metadata=Meta,
)
Attribute = table(
    "Attribute", directory.Attribute, taxonomy_term=TaxonomyTerm | None, metadata=Meta
)
Attributes = list[Attribute]


def described(name: str, model: type[models.Model], **nested: Any) -> Any:
    """A table with its attributes and metadata, as every HSDS record but a few has."""
    return table(name, model, **nested, attributes=Attributes, metadata=Meta)


Language = described("Language", directory.Language)
Phone = described("Phone", directory.Phone, languages=list[Language])
Schedule = described("Schedule", directory.Schedule)
Address = described("Address", directory.Address)
Accessibility = described("Accessibility", directory.Accessibility)
Contact = described("Contact", directory.Contact, phones=list[Phone])
Location = described(
    "Location",
    directory.Location,
    languages=list[Language],
    addresses=list[Address],
    contacts=list[Contact],
    accessibility=list[Accessibility],
    phones=list[Phone],
    schedules=list[Schedule],
)
ServiceAtLocation = described(
    "ServiceAtLocation",
    directory.ServiceAtLocation,
    contacts=list[Contact],
    phones=list[Phone],
    schedules=list[Schedule],
    location=Location | None,
)
ServiceArea = described("ServiceArea", directory.ServiceArea)
Funding = described("Funding", directory.Funding)
CostOption = described("CostOption", directory.CostOption)
RequiredDocument = described("RequiredDocument", directory.RequiredDocument)
Program = described("Program", directory.Program)
OrganizationIdentifier = described("OrganizationIdentifier", directory.OrganizationIdentifier)
OrganizationSummary = table("OrganizationSummary", directory.Organization)
ProgramSummary = table("ProgramSummary", directory.Program)
ServiceSummary = table(
    "ServiceSummary",
    directory.Service,
    organization=OrganizationSummary | None,
    program=ProgramSummary | None,
)
Service = table(
    "Service",
    directory.Service,
    organization=OrganizationSummary | None,
    program=ProgramSummary | None,
    phones=list[Phone],
    schedules=list[Schedule],
    service_areas=list[ServiceArea],
    service_at_locations=list[ServiceAtLocation],
    languages=list[Language],
    funding=list[Funding],
    cost_options=list[CostOption],
    required_documents=list[RequiredDocument],
    contacts=list[Contact],
    attributes=Attributes,
    metadata=Meta,
)
Organization = described(
    "Organization",
    directory.Organization,
    funding=list[Funding],
    contacts=list[Contact],
    phones=list[Phone],
    locations=list[Location],
    programs=list[Program],
    organization_identifiers=list[OrganizationIdentifier],
    services=list[ServiceSummary],
)
ServiceAtLocationSummary = table(
    "ServiceAtLocationSummary",
    directory.ServiceAtLocation,
    service=ServiceSummary | None,
    location=table("LocationSummary", directory.Location) | None,
)


class Page(Schema):
    """HSDS's page of results."""

    total_items: int = Field(description="How many there are in all.")
    total_pages: int
    page_number: int
    size: int = Field(description="How many are on this page.")
    first_page: bool
    last_page: bool
    empty: bool


def page_of(name: str, item: Any) -> Any:
    return create_model(name, __base__=Page, contents=(list[item], ...))


ServicePage = page_of("ServicePage", ServiceSummary)
OrganizationPage = page_of("OrganizationPage", OrganizationSummary)
TaxonomyPage = page_of("TaxonomyPage", Taxonomy)
TaxonomyTermPage = page_of("TaxonomyTermPage", TaxonomyTerm)
ServiceAtLocationPage = page_of("ServiceAtLocationPage", ServiceAtLocationSummary)


class About(Schema):
    version: str = Field(description="HSDS version of this API.")
    profile: str = Field(description="URL of the information on the HSDS profile of this API.")
    openapi_url: str = Field(description="URL of the openapi JSON file which defines this API.")
