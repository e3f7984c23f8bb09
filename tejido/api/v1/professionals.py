"""Verified professionals for vetted members: the list (searched and filtered as on the page)
and one professional. An unlisted or lapsed listing is the same 404 as a missing one; who
verified a listing and whether it is listed are on organisers' answers only."""

from dataclasses import asdict
from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from tejido.access.professionals import ProfessionalCard
from tejido.accounts.choices import LANGUAGE_CODES
from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import (
    READ_ERRORS,
    Id,
    NumberedPageOut,
    PageQuery,
    Text,
    numbered_page,
    responses,
)
from tejido.professionals.models import Cost, Profession
from tejido.professionals.selectors import (
    MAX_QUERY_LENGTH,
    ProfessionalFilters,
    get_professional,
    list_professionals,
)

router = Router(tags=["professionals"])

# Fields on a card only for some viewers: absent for everyone else.
SOMETIMES = ("how_to_reach", "listed", "verified_by")


class ProfessionalOut(Schema):
    id: int
    name: str
    profession: str
    profession_label: str
    specialities: str
    languages: list[str] = Field(description="The languages' names, in your language.")
    language_codes: list[str]
    cost: str
    cost_label: str
    cost_note: str
    area_name: str
    verified_on: date
    verify_again_by: date
    due: bool = Field(description="Past its verify-again date: the check is due.")
    how_to_reach: str | SkipJsonSchema[None] = None
    listed: bool | SkipJsonSchema[None] = Field(None, description="Organisers only.")
    verified_by: str | SkipJsonSchema[None] = Field(None, description="Organisers only.")


def professional_out(card: ProfessionalCard) -> dict[str, Any]:
    values = asdict(card)
    return {k: v for k, v in values.items() if not (k in SOMETIMES and v is None)}


class ProfessionalPage(NumberedPageOut):
    items: list[ProfessionalOut]


class ProfessionalQuery(PageQuery):
    q: Text = Field("", max_length=MAX_QUERY_LENGTH)
    profession: Literal[tuple(Profession.values)] | None = None  # type: ignore[valid-type]
    language: Literal[tuple(sorted(LANGUAGE_CODES))] | None = None  # type: ignore[valid-type]
    cost: Literal[tuple(Cost.values)] | None = None  # type: ignore[valid-type]
    area: Id | None = None


@router.get(
    "/professionals",
    response=responses(ProfessionalPage, READ_ERRORS),
    summary="Verified professionals",
    exclude_unset=True,
)
def get_professionals(request: HttpRequest, query: Query[ProfessionalQuery]) -> object:
    filters = ProfessionalFilters(
        q=query.q,
        profession=query.profession or "",
        language=query.language or "",
        cost=query.cost or "",
        area=query.area,
    )
    page = list_professionals(viewer=actor(request), filters=filters, page=query.page)
    return numbered_page(page, professional_out)


@router.get(
    "/professionals/{professional_id}",
    response=responses(ProfessionalOut, READ_ERRORS),
    summary="One verified professional",
    exclude_unset=True,
)
def get_one_professional(request: HttpRequest, professional_id: Path[Id]) -> object:
    found = get_professional(viewer=actor(request), professional_id=professional_id)
    return professional_out(found.card)
