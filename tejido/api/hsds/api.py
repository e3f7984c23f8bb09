"""The directory as an HSDS 3.0 API, `/api/hsds/`, with its OpenAPI document at
`/api/hsds/openapi.json`: the public listings only, read as a visitor would, without a token.
Paths, parameters, record shapes and pages follow Open Referral's HSDS API reference
(schema/openapi.json in openreferral/specification): `/services`, `/services/{id}`,
`/organizations`, `/taxonomies`, `/taxonomy_terms`, `/service_at_locations` and their ids."""

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from pydantic import Field, field_validator

from tejido.api.hsds import schemas
from tejido.api.v1.api import TejidoAPI
from tejido.api.v1.errors import install
from tejido.api.v1.schemas import ErrorOut, ObjectParser, QuerySchema, Text
from tejido.core.paging import ListPage
from tejido.directory import record_selectors as records

HSDS_VERSION = "3.0"
MAX_PER_PAGE = 100
MAX_PAGE = 2**31

DESCRIPTION = """\
The network's public directory in Open Referral's Human Services Data Specification (HSDS
3.0): the services, organisations and places it lists for everyone, with the specification's
field names and pages. No token is needed. Listings for members or organisers only, and places
not shown to everyone, are never here: they are the same 404 as ids that do not exist.
Errors are JSON `{"code", "message", "detail"}`.
"""

READ: dict[int, Any] = {404: ErrorOut, 422: ErrorOut}

api = TejidoAPI(
    title="Tejido directory (HSDS 3.0)",
    version=HSDS_VERSION,
    description=DESCRIPTION,
    parser=ObjectParser(),
    docs_url=None,
    urls_namespace="api-hsds",
    servers=[{"url": settings.SITE_URL, "description": "This network"}],
)
install(api)
router = Router(tags=["hsds"])


class PageQuery(QuerySchema):
    search: Text = Field("", max_length=200, description="Full text search.")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number of paginated result.")
    per_page: int = Field(
        20, ge=1, le=MAX_PER_PAGE, description="Number of results requested in a single page."
    )


class ServiceQuery(PageQuery):
    taxonomy_term_id: UUID | None = Field(
        None, description="Search for services with particular taxonomy_term."
    )
    taxonomy_id: UUID | None = Field(
        None, description="Search for services which contain any term with this taxonomy."
    )
    organization_id: UUID | None = Field(
        None, description="Services that this organization provides."
    )
    modified_after: datetime | None = Field(
        None, description="Return all results modified on or after this datetime."
    )

    @field_validator("modified_after")
    @classmethod
    def _as_utc(cls, value: datetime | None) -> datetime | None:
        """The moment in UTC: PostgreSQL takes offsets of at most 15:59, Python up to 24 h."""
        offset = value.utcoffset() if value is not None else None
        if value is None or offset is None:
            return value
        if abs(offset) > timedelta(hours=14):
            raise ValueError(_("A time zone offset is at most 14 hours."))
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError(_("A time zone offset is at most 14 hours.")) from None

    def filters(self) -> records.RecordFilters:
        return records.RecordFilters(
            search=self.search,
            taxonomy_term_id=self.taxonomy_term_id,
            taxonomy_id=self.taxonomy_id,
            organization_id=self.organization_id,
            modified_after=self.modified_after,
        )


class TermQuery(PageQuery):
    taxonomy_id: UUID | None = Field(None, description="Terms of this taxonomy.")
    parent_id: UUID | None = Field(None, description="Terms under this one.")
    top_only: bool = Field(False, description="Top-level terms only.")


def hsds_page(page: ListPage[dict[str, Any]]) -> dict[str, Any]:
    return {
        "total_items": page.count,
        "total_pages": page.num_pages,
        "page_number": page.number,
        "size": len(page.items),
        "first_page": page.number == 1,
        "last_page": not page.has_next,
        "empty": page.count == 0,
        "contents": list(page.items),
    }


@router.get("/", response=schemas.About, summary="About this API")
def get_hsds_root(request: HttpRequest) -> object:
    return {
        "version": HSDS_VERSION,
        "profile": "https://docs.openreferral.org/en/latest/hsds/",
        "openapi_url": f"{settings.SITE_URL}/api/hsds/openapi.json",
    }


@router.get("/services", response={200: schemas.ServicePage, **READ}, summary="Services")
def get_hsds_services(request: HttpRequest, query: Query[ServiceQuery]) -> object:
    """The public services, by name; `search` finds words in both languages, accents and
    case aside."""
    return hsds_page(
        records.list_service_records(
            viewer=None, filters=query.filters(), page=query.page, per_page=query.per_page
        )
    )


@router.get("/services/{id}", response={200: schemas.Service, **READ}, summary="One service")
def get_hsds_service(request: HttpRequest, id: Path[UUID]) -> object:
    """With everything it nests: its places, phones, schedules, languages, costs, contacts
    and attributes (each with its taxonomy term)."""
    return records.get_service_record(viewer=None, service_id=id)


@router.get(
    "/service_at_locations",
    response={200: schemas.ServiceAtLocationPage, **READ},
    summary="Services at their places",
)
def get_hsds_service_at_locations(request: HttpRequest, query: Query[ServiceQuery]) -> object:
    return hsds_page(
        records.list_service_at_location_records(
            viewer=None, filters=query.filters(), page=query.page, per_page=query.per_page
        )
    )


@router.get(
    "/service_at_locations/{id}",
    response={200: schemas.Service, **READ},
    summary="The service delivered at one place",
)
def get_hsds_service_at_location(request: HttpRequest, id: Path[UUID]) -> object:
    return records.get_service_at_location_record(viewer=None, record_id=id)


@router.get(
    "/organizations", response={200: schemas.OrganizationPage, **READ}, summary="Organizations"
)
def get_hsds_organizations(request: HttpRequest, query: Query[PageQuery]) -> object:
    return hsds_page(
        records.list_organization_records(
            viewer=None, search=query.search, page=query.page, per_page=query.per_page
        )
    )


@router.get(
    "/organizations/{id}",
    response={200: schemas.Organization, **READ},
    summary="One organization, with its services",
)
def get_hsds_organization(request: HttpRequest, id: Path[UUID]) -> object:
    return records.get_organization_record(viewer=None, organization_id=id)


@router.get("/taxonomies", response={200: schemas.TaxonomyPage, **READ}, summary="Taxonomies")
def get_hsds_taxonomies(request: HttpRequest, query: Query[PageQuery]) -> object:
    return hsds_page(
        records.list_taxonomy_records(search=query.search, page=query.page, per_page=query.per_page)
    )


@router.get("/taxonomies/{id}", response={200: schemas.Taxonomy, **READ}, summary="One taxonomy")
def get_hsds_taxonomy(request: HttpRequest, id: Path[UUID]) -> object:
    return records.get_taxonomy_record(taxonomy_id=id)


@router.get(
    "/taxonomy_terms", response={200: schemas.TaxonomyTermPage, **READ}, summary="Taxonomy terms"
)
def get_hsds_taxonomy_terms(request: HttpRequest, query: Query[TermQuery]) -> object:
    return hsds_page(
        records.list_term_records(
            search=query.search,
            taxonomy_id=query.taxonomy_id,
            parent_id=query.parent_id,
            top_only=query.top_only,
            page=query.page,
            per_page=query.per_page,
        )
    )


@router.get(
    "/taxonomy_terms/{id}", response={200: schemas.TaxonomyTerm, **READ}, summary="One term"
)
def get_hsds_taxonomy_term(request: HttpRequest, id: Path[UUID]) -> object:
    return records.get_term_record(term_id=id)


api.add_router("", router)
