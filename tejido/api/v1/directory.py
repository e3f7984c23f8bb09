"""The directory for members: services (searched and filtered as on the pages), one service
with its places and recommendations, welcoming businesses and one business; recommending,
suggesting an edit or saying a listing is out of date, and vouching for a business. What a
member may not see (an organisers-only listing, a place hidden from them, who vouched) is
absent, and a hidden listing is the same 404 as a missing one. The public directory in HSDS's
shape, without a token, is at /api/hsds/."""

from dataclasses import asdict
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from tejido.access.business_cards import BusinessCard
from tejido.access.directory_cards import RecommendationCard, ServiceCard, ServiceDetail
from tejido.accounts.choices import LANGUAGE_CODES
from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    Id,
    InputSchema,
    NumberedPageOut,
    PageQuery,
    Text,
    numbered_page,
    responses,
)
from tejido.directory.business_selectors import BusinessFilters, get_business, list_businesses
from tejido.directory.business_services import vouch_for, withdraw_vouch
from tejido.directory.community_services import (
    RECOMMENDATION_NOTE,
    SUGGESTION_TEXT,
    recommend,
    suggest,
)
from tejido.directory.models import BusinessKind
from tejido.directory.selectors import (
    LANGUAGE_CODE_LENGTH,
    MAX_QUERY_LENGTH,
    ServiceFilters,
    get_service,
    list_services,
)

router = Router(tags=["directory"])

# Fields on a card only for some viewers: absent for everyone else.
SOMETIMES = ("visibility", "verified_by_name", "standing", "standing_label", "review")


def _present(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if not (k in SOMETIMES and v is None)}


class TermOut(Schema):
    id: UUID
    code: str
    name: str
    description: str
    parent_id: UUID | None
    taxonomy_id: UUID | None


class ServiceOut(Schema):
    id: UUID
    name: str
    alternate_name: str
    description: str
    status: str
    status_label: str
    organization_id: UUID
    organization_name: str
    categories: list[TermOut]
    attributes: list[TermOut]
    languages: list[str]
    area_names: list[str]
    open_now: bool | None = Field(description="Null when it gives no opening hours.")
    free: bool
    assured_date: date | None = Field(description="When it was last verified.")
    stale: bool = Field(description="Not verified for six months.")
    recommendation_count: int
    # Absent, not null, for those who may not see them.
    verified_by_name: str | SkipJsonSchema[None] = Field(
        None, description="Who verified it (members only)."
    )
    visibility: str | SkipJsonSchema[None] = Field(
        None, description="Who can see it (organisers only)."
    )


def service_out(card: ServiceCard) -> dict[str, Any]:
    return _present(asdict(card))


class HoursOut(Schema):
    days: list[str]
    opens_at: time | None
    closes_at: time | None
    description: str
    notes: str


class PlaceOut(Schema):
    id: UUID
    name: str
    description: str
    transportation: str = Field(description="How to get there, in words.")
    area_name: str
    address_lines: list[str]
    url: str
    accessibility: list[str]
    hours: list[HoursOut]
    phones: list[str]


class ContactOut(Schema):
    name: str
    title: str
    department: str
    email: str
    phones: list[str]


class CostOut(Schema):
    option: str
    amount: Decimal | None
    currency: str
    amount_description: str


class RecommendationOut(Schema):
    id: int
    author_name: str
    note: str
    created_at: datetime
    is_mine: bool
    review: str | SkipJsonSchema[None] = Field(
        None, description="Its review, for its author and organisers only."
    )


def recommendation_out(card: RecommendationCard) -> dict[str, Any]:
    return _present(asdict(card))


class ServiceDetailOut(ServiceOut):
    url: str
    email: str
    alert: str
    eligibility_description: str
    application_process: str
    fees_description: str
    interpretation_services: str
    wait_time: str
    minimum_age: int | None
    maximum_age: int | None
    places: list[PlaceOut] = Field(description="The places it is offered at that you may see.")
    hours: list[HoursOut]
    phones: list[str]
    contacts: list[ContactOut]
    costs: list[CostOut]
    recommendations: list[RecommendationOut]


def service_detail_out(detail: ServiceDetail) -> dict[str, Any]:
    values = asdict(detail)
    values.pop("card")
    values["recommendations"] = [recommendation_out(r) for r in detail.recommendations]
    return {**service_out(detail.card), **values}


class ServicePage(NumberedPageOut):
    items: list[ServiceOut]


CostFilter = Literal["free", "paid"]


class ServiceQuery(PageQuery):
    q: Text = Field("", max_length=MAX_QUERY_LENGTH, description="Words in either language.")
    category: UUID | None = Field(None, description="A category's term id (its own count).")
    attribute: UUID | None = None
    language: str = Field(
        "",
        max_length=LANGUAGE_CODE_LENGTH,
        json_schema_extra={"enum": ["", *sorted(LANGUAGE_CODES)]},
    )
    area: Id | None = None
    cost: CostFilter | None = None
    open_now: bool = False


@router.get(
    "/directory/services",
    response=responses(ServicePage, READ_ERRORS),
    summary="Services",
    exclude_unset=True,
)
def get_directory_services(request: HttpRequest, query: Query[ServiceQuery]) -> object:
    """By name, 20 a page: the public listings and the members'."""
    filters = ServiceFilters(
        q=query.q,
        category=query.category,
        attribute=query.attribute,
        language=query.language if query.language in LANGUAGE_CODES else "",
        area=query.area,
        cost=query.cost or "",
        open_now=query.open_now,
    )
    page = list_services(viewer=actor(request), filters=filters, page=query.page)
    return numbered_page(page, service_out)


@router.get(
    "/directory/services/{service_id}",
    response=responses(ServiceDetailOut, READ_ERRORS),
    summary="One service",
    exclude_unset=True,
)
def get_directory_service(request: HttpRequest, service_id: Path[UUID]) -> object:
    return service_detail_out(get_service(viewer=actor(request), service_id=service_id))


class BusinessOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    description: str
    address: str
    area_name: str
    directions: str = Field(description="How to get there, in words.")
    hours: list[HoursOut] = Field(description="Its opening hours, in the network's time zone.")
    hours_note: str = Field(description="What its lines of opening hours do not say.")
    open_now: bool | None = Field(description="Null when it gives no opening hours.")
    phone: str
    website: str
    fitting_rooms: str
    names_used: str
    staff_trained: str
    pledge_accepted: bool
    visited: bool = Field(description="Organisers visited it.")
    vouch_count: int = Field(description="How many members vouch for it (never who).")
    verified_on: date | None
    reverify_on: date | None
    stale: bool
    recommendation_count: int
    i_vouched: bool
    standing: str | SkipJsonSchema[None] = Field(None, description="Organisers only.")
    standing_label: str | SkipJsonSchema[None] = Field(None, description="Organisers only.")
    visibility: str | SkipJsonSchema[None] = Field(None, description="Organisers only.")


def business_out(card: BusinessCard) -> dict[str, Any]:
    return _present(asdict(card))


class BusinessDetailOut(BusinessOut):
    recommendations: list[RecommendationOut]
    standing_note: str | SkipJsonSchema[None] = Field(
        None, description="Why its standing changed (organisers only)."
    )
    vouchers: list[str] | SkipJsonSchema[None] = Field(
        None, description="Who vouched for it, by chosen name (organisers only)."
    )


class BusinessPage(NumberedPageOut):
    items: list[BusinessOut]


class BusinessQuery(PageQuery):
    q: Text = Field("", max_length=MAX_QUERY_LENGTH)
    kind: Literal[tuple(BusinessKind.values)] | None = None  # type: ignore[valid-type]
    area: Id | None = None


@router.get(
    "/directory/businesses",
    response=responses(BusinessPage, READ_ERRORS),
    summary="Welcoming businesses",
    exclude_unset=True,
)
def get_directory_businesses(request: HttpRequest, query: Query[BusinessQuery]) -> object:
    filters = BusinessFilters(q=query.q, kind=query.kind or "", area=query.area)
    page = list_businesses(viewer=actor(request), filters=filters, page=query.page)
    return numbered_page(page, business_out)


@router.get(
    "/directory/businesses/{business_id}",
    response=responses(BusinessDetailOut, READ_ERRORS),
    summary="One welcoming business",
    exclude_unset=True,
)
def get_directory_business(request: HttpRequest, business_id: Path[Id]) -> object:
    found = get_business(viewer=actor(request), business_id=business_id)
    organisers_only = (
        {"standing_note": found.standing_note, "vouchers": list(found.vouchers)}
        if found.can_manage
        else {}
    )
    return {
        **business_out(found.card),
        "recommendations": [recommendation_out(r) for r in found.recommendations],
        **organisers_only,
    }


class RecommendationIn(InputSchema):
    note: Text = Field(min_length=1, max_length=RECOMMENDATION_NOTE.max_length)


class SentOut(Schema):
    id: int


ListingKind = Literal["services", "organizations", "businesses"]
KINDS = {"services": "service", "organizations": "organization", "businesses": "business"}


@router.post(
    "/directory/{kind}/{listing_id}/recommendation",
    response=responses(SentOut, WRITE_ERRORS, status=201),
    summary="Recommend a service or a business",
)
def post_recommendation(
    request: HttpRequest,
    kind: Path[Literal["services", "businesses"]],
    listing_id: Path[Text],
    payload: RecommendationIn,
) -> object:
    """Once per listing (a second is a 409 `already_recommended`). Members see it once an
    organiser approves it."""
    made = recommend(
        actor=actor(request), listing_kind=KINDS[kind], listing_id=listing_id, note=payload.note
    )
    return Status(201, {"id": made.pk})


class SuggestionIn(InputSchema):
    kind: Literal["edit", "outdated"] = Field(
        description="`outdated`: something is out of date; `edit`: a suggested change."
    )
    text: Text = Field(min_length=1, max_length=SUGGESTION_TEXT.max_length)


@router.post(
    "/directory/{kind}/{listing_id}/suggestion",
    response=responses(SentOut, WRITE_ERRORS, status=201),
    summary="Suggest an edit to a listing, or say it is out of date",
)
def post_suggestion(
    request: HttpRequest, kind: Path[ListingKind], listing_id: Path[Text], payload: SuggestionIn
) -> object:
    """Only the organisers read it, with your name."""
    made = suggest(
        actor=actor(request),
        listing_kind=KINDS[kind],
        listing_id=listing_id,
        kind=payload.kind,
        text=payload.text,
    )
    return Status(201, {"id": made.pk})


@router.post(
    "/directory/businesses/{business_id}/vouch",
    response=responses(SentOut, WRITE_ERRORS, status=201),
    summary="Vouch for a business",
)
def post_vouch(request: HttpRequest, business_id: Path[Id]) -> object:
    """Only organisers see who vouched; a second vouch is a 409 `already_vouched`."""
    made = vouch_for(actor=actor(request), business_id=business_id)
    return Status(201, {"id": made.pk})


@router.delete(
    "/directory/businesses/{business_id}/vouch",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="Take back one's vouch",
)
def delete_vouch(request: HttpRequest, business_id: Path[Id]) -> object:
    withdraw_vouch(actor=actor(request), business_id=business_id)
    return Status(204, None)
