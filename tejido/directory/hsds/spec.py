"""The Open Referral Human Services Data Specification (HSDS) 3.0, as data: its tables, their
fields with types, formats, enumerations, required fields and foreign keys, and how the JSON form
nests one record in another. Validation, import and export read it; nothing else knows HSDS.

Our own definitions, written from openreferral/specification, branch 3.0, commit 279fd2e
(16 May 2024; datapackage.json version 3.0.0): schema/*.json for the fields, the JSON form's
required fields and its nesting; datapackage.json for the tabular types (date, time, datetime),
the fields a CSV row must also fill (`tabular_required` there) and the foreign keys;
schema/compiled/ for the two nestings the record schemas lack (an organisation's services, a
service_at_location's service) and schema/openapi.json for the `Page` envelope. HSDS is
published under CC BY-SA 4.0 by Open Referral.

Where the specification says something odd we follow it and say so: a program's
`organization_id` is unique (one programme per organisation), 3.0 has no integer or boolean
field in a record (ages, counts and intervals are numbers), and `service_area.uri` has no
format."""

from dataclasses import dataclass, field
from functools import cached_property

VERSION = "3.0.0"
SPEC_COMMIT = "279fd2eb3552c349bf698c07c00cc25f5fc8249b"
SPEC_SOURCE = f"https://github.com/openreferral/specification/tree/{SPEC_COMMIT}"

# Value types (JSON Schema's and the tabular data package's).
STRING = "string"
NUMBER = "number"
INTEGER = "integer"
BOOLEAN = "boolean"
DATE = "date"
TIME = "time"
DATETIME = "datetime"

# Formats of a string.
UUID = "uuid"
EMAIL = "email"
URI = "uri"


@dataclass(frozen=True)
class Field:
    """One field. `required`: in both forms. `tabular`: required in a CSV row only, where it
    holds the link that nesting gives in the JSON form. `ref`: the table whose `id` this field
    holds (a foreign key). `ref_by`: the field of the same record that names that table (an
    attribute's `link_entity`, a metadata record's `resource_type`)."""

    name: str
    type: str = STRING
    fmt: str = ""
    enum: tuple[str, ...] = ()
    required: bool = False
    tabular: bool = False
    unique: bool = False
    ref: str = ""
    ref_by: str = ""


@dataclass(frozen=True)
class Nest:
    """A list of records nested in a record of the JSON form; each holds the parent's `id` in
    `link` (and the parent's table name in `entity`, where the link may point anywhere)."""

    name: str
    table: str
    link: str
    entity: str = ""
    many: bool = field(default=True, init=False)


@dataclass(frozen=True)
class One:
    """One record nested in a record of the JSON form, which holds its `id` in `link`."""

    name: str
    table: str
    link: str
    entity: str = field(default="", init=False)
    many: bool = field(default=False, init=False)


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    fields: tuple[Field, ...]
    nested: tuple[Nest | One, ...]

    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {column.name: column for column in self.fields}

    @cached_property
    def nested_by_name(self) -> dict[str, Nest | One]:
        return {nest.name: nest for nest in self.nested}


ID = Field("id", fmt=UUID, required=True, unique=True)
ATTRIBUTES = Nest("attributes", "attribute", "link_id", entity="link_entity")
METADATA = Nest("metadata", "metadata", "resource_id", entity="resource_type")

# In the specification's order (datapackage_metadata.order): a table's foreign keys mostly
# point to tables before it, so an export reads in this order too.
TABLES: tuple[Table, ...] = (
    Table(
        "organization",
        "organizations.csv",
        (
            ID,
            Field("name", required=True),
            Field("alternate_name"),
            Field("description", required=True),
            Field("email", fmt=EMAIL),
            Field("website", fmt=URI),
            Field("tax_status"),
            Field("tax_id"),
            Field("year_incorporated", NUMBER),
            Field("legal_status"),
            Field("logo"),
            Field("uri", fmt=URI),
            Field("parent_organization_id", fmt=UUID),
        ),
        (
            Nest("funding", "funding", "organization_id"),
            Nest("contacts", "contact", "organization_id"),
            Nest("phones", "phone", "organization_id"),
            Nest("locations", "location", "organization_id"),
            Nest("programs", "program", "organization_id"),
            Nest("organization_identifiers", "organization_identifier", "organization_id"),
            # Not in schema/organization.json: the compiled organization schema nests them.
            Nest("services", "service", "organization_id"),
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "program",
        "programs.csv",
        (
            ID,
            Field("organization_id", fmt=UUID, tabular=True, unique=True, ref="organization"),
            Field("name", required=True),
            Field("alternate_name"),
            Field("description", required=True),
        ),
        (
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "service",
        "services.csv",
        (
            ID,
            Field("organization_id", fmt=UUID, tabular=True, ref="organization"),
            Field("program_id", fmt=UUID, ref="program"),
            Field("name", required=True),
            Field("alternate_name"),
            Field("description"),
            Field("url", fmt=URI),
            Field("email", fmt=EMAIL),
            Field(
                "status",
                enum=("active", "inactive", "defunct", "temporarily closed"),
                required=True,
            ),
            Field("interpretation_services"),
            Field("application_process"),
            Field("fees_description"),
            Field("wait_time"),
            Field("fees"),
            Field("accreditations"),
            Field("eligibility_description"),
            Field("minimum_age", NUMBER),
            Field("maximum_age", NUMBER),
            Field("assured_date", DATE),
            Field("assurer_email", fmt=EMAIL),
            Field("licenses"),
            Field("alert"),
            Field("last_modified", DATETIME),
        ),
        (
            Nest("phones", "phone", "service_id"),
            Nest("schedules", "schedule", "service_id"),
            Nest("service_areas", "service_area", "service_id"),
            Nest("service_at_locations", "service_at_location", "service_id"),
            Nest("languages", "language", "service_id"),
            One("organization", "organization", "organization_id"),
            Nest("funding", "funding", "service_id"),
            Nest("cost_options", "cost_option", "service_id"),
            One("program", "program", "program_id"),
            Nest("required_documents", "required_document", "service_id"),
            Nest("contacts", "contact", "service_id"),
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "attribute",
        "attributes.csv",
        (
            ID,
            Field("link_id", fmt=UUID, tabular=True, ref_by="link_entity"),
            Field("taxonomy_term_id", fmt=UUID, tabular=True, ref="taxonomy_term"),
            Field("link_type"),
            Field("link_entity", tabular=True),
            Field("value"),
        ),
        (
            One("taxonomy_term", "taxonomy_term", "taxonomy_term_id"),
            METADATA,
        ),
    ),
    Table(
        "service_at_location",
        "service_at_location.csv",
        (
            ID,
            Field("service_id", fmt=UUID, tabular=True, ref="service"),
            Field("location_id", fmt=UUID, tabular=True, ref="location"),
            Field("description"),
        ),
        (
            Nest("contacts", "contact", "service_at_location_id"),
            Nest("phones", "phone", "service_at_location_id"),
            Nest("schedules", "schedule", "service_at_location_id"),
            One("location", "location", "location_id"),
            # Not in schema/service_at_location.json: the compiled schema nests it.
            One("service", "service", "service_id"),
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "location",
        "locations.csv",
        (
            ID,
            Field("location_type", enum=("physical", "postal", "virtual"), required=True),
            Field("url", fmt=URI),
            Field("organization_id", fmt=UUID, ref="organization"),
            Field("name"),
            Field("alternate_name"),
            Field("description"),
            Field("transportation"),
            Field("latitude", NUMBER),
            Field("longitude", NUMBER),
            Field("external_identifier"),
            Field("external_identifier_type"),
        ),
        (
            Nest("languages", "language", "location_id"),
            Nest("addresses", "address", "location_id"),
            Nest("contacts", "contact", "location_id"),
            Nest("accessibility", "accessibility", "location_id"),
            Nest("phones", "phone", "location_id"),
            Nest("schedules", "schedule", "location_id"),
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "phone",
        "phones.csv",
        (
            ID,
            Field("location_id", fmt=UUID, ref="location"),
            Field("service_id", fmt=UUID, ref="service"),
            Field("organization_id", fmt=UUID, ref="organization"),
            Field("contact_id", fmt=UUID, ref="contact"),
            Field("service_at_location_id", fmt=UUID, ref="service_at_location"),
            Field("number", required=True),
            Field("extension", NUMBER),
            Field("type"),
            Field("description"),
        ),
        (
            Nest("languages", "language", "phone_id"),
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "contact",
        "contacts.csv",
        (
            ID,
            Field("organization_id", fmt=UUID, ref="organization"),
            Field("service_id", fmt=UUID, ref="service"),
            Field("service_at_location_id", fmt=UUID, ref="service_at_location"),
            Field("location_id", fmt=UUID, ref="location"),
            Field("name"),
            Field("title"),
            Field("department"),
            Field("email", fmt=EMAIL),
        ),
        (
            Nest("phones", "phone", "contact_id"),
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "address",
        "addresses.csv",
        (
            ID,
            Field("location_id", fmt=UUID, ref="location"),
            Field("attention"),
            Field("address_1", required=True),
            Field("address_2"),
            Field("city", required=True),
            Field("region"),
            Field("state_province", required=True),
            Field("postal_code", required=True),
            Field("country", required=True),
            Field("address_type", enum=("physical", "postal", "virtual"), required=True),
        ),
        (
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "schedule",
        "schedules.csv",
        (
            ID,
            Field("service_id", fmt=UUID, ref="service"),
            Field("location_id", fmt=UUID, ref="location"),
            Field("service_at_location_id", fmt=UUID, ref="service_at_location"),
            Field("valid_from", DATE),
            Field("valid_to", DATE),
            Field("dtstart", DATE),
            Field("timezone", NUMBER),
            Field("until", DATE),
            Field("count", NUMBER),
            Field("wkst", enum=("MO", "TU", "WE", "TH", "FR", "SA", "SU")),
            Field("freq", enum=("WEEKLY", "MONTHLY")),
            Field("interval", NUMBER),
            Field("byday"),
            Field("byweekno"),
            Field("bymonthday"),
            Field("byyearday"),
            Field("description"),
            Field("opens_at", TIME),
            Field("closes_at", TIME),
            Field("schedule_link", fmt=URI),
            Field("attending_type"),
            Field("notes"),
        ),
        (
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "funding",
        "funding.csv",
        (
            ID,
            Field("organization_id", fmt=UUID, ref="organization"),
            Field("service_id", fmt=UUID, ref="service"),
            Field("source"),
        ),
        (
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "service_area",
        "service_areas.csv",
        (
            ID,
            Field("service_id", fmt=UUID, ref="service"),
            Field("name"),
            Field("description"),
            Field("extent"),
            Field("extent_type"),
            Field("uri"),
        ),
        (
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "required_document",
        "required_documents.csv",
        (
            ID,
            Field("service_id", fmt=UUID, ref="service"),
            Field("document"),
            Field("uri", fmt=URI),
        ),
        (
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "language",
        "languages.csv",
        (
            ID,
            Field("service_id", fmt=UUID, ref="service"),
            Field("location_id", fmt=UUID, ref="location"),
            Field("phone_id", fmt=UUID, ref="phone"),
            Field("name"),
            Field("code"),
            Field("note"),
        ),
        (
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "accessibility",
        "accessibility.csv",
        (
            ID,
            Field("location_id", fmt=UUID, ref="location"),
            Field("description"),
            Field("details"),
            Field("url", fmt=URI),
        ),
        (
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "taxonomy_term",
        "taxonomy_terms.csv",
        (
            ID,
            Field("code", unique=True),
            Field("name", required=True),
            Field("description", required=True),
            Field("parent_id", fmt=UUID),
            Field("taxonomy"),
            Field("language"),
            Field("taxonomy_id", fmt=UUID, ref="taxonomy"),
            Field("term_uri", fmt=URI),
        ),
        (
            One("taxonomy_detail", "taxonomy", "taxonomy_id"),
            METADATA,
        ),
    ),
    Table(
        "metadata",
        "metadata.csv",
        (
            ID,
            Field("resource_id", fmt=UUID, tabular=True, ref_by="resource_type"),
            Field("resource_type", tabular=True),
            Field("last_action_date", DATE, required=True),
            Field("last_action_type", required=True),
            Field("field_name", required=True),
            Field("previous_value", required=True),
            Field("replacement_value", required=True),
            Field("updated_by", required=True),
        ),
        (),
    ),
    Table(
        "meta_table_description",
        "meta_table_descriptions.csv",
        (
            ID,
            Field("name"),
            Field("language"),
            Field("character_set"),
        ),
        (
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "cost_option",
        "cost_options.csv",
        (
            ID,
            Field("service_id", fmt=UUID, tabular=True, ref="service"),
            Field("valid_from", DATE),
            Field("valid_to", DATE),
            Field("option"),
            Field("currency"),
            Field("amount", NUMBER),
            Field("amount_description"),
        ),
        (
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "organization_identifier",
        "organization_identifiers.csv",
        (
            ID,
            Field("organization_id", fmt=UUID, tabular=True, ref="organization"),
            Field("identifier_scheme"),
            Field("identifier_type", required=True),
            Field("identifier", required=True),
        ),
        (
            ATTRIBUTES,
            METADATA,
        ),
    ),
    Table(
        "taxonomy",
        "taxonomies.csv",
        (
            ID,
            Field("name", required=True),
            Field("description", required=True),
            Field("uri", fmt=URI),
            Field("version"),
        ),
        (METADATA,),
    ),
)

BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}

# What a JSON document may hold at its top: services or organisations (each as the compiled
# schemas nest it), alone, in a list, or in the API's `Page`.
ROOT_TABLES = ("service", "organization")
PAGE_FIELDS: tuple[Field, ...] = (
    Field("total_items", INTEGER),
    Field("total_pages", INTEGER),
    Field("page_number", INTEGER),
    Field("size", INTEGER),
    Field("first_page", BOOLEAN),
    Field("last_page", BOOLEAN),
    Field("empty", BOOLEAN),
)
PAGE_CONTENTS = "contents"
