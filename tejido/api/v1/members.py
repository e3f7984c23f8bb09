"""Other members, exactly as the viewer may see them: a profile field the viewer may not see is
absent from the member's object (not null, not empty), and a member the viewer may not see at
all (blocked, suspended, hidden or missing) is the same 404."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from tejido.access.members import MemberCard, member_cards
from tejido.accounts.selectors import (
    MAX_QUERY_LENGTH,
    get_blocked_member,
    get_member_card,
    get_member_to_block,
    list_members,
    list_my_blocks,
)
from tejido.accounts.services import block_member, unblock_member
from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    Id,
    PageOut,
    Text,
    Window,
    responses,
)

router = Router(tags=["members"])


class MemberOut(Schema):
    """A member as you may see them. Each profile field is present only when its owner lets
    you see it and it is not empty."""

    id: int
    chosen_name: str
    is_self: bool
    roles: list[str]
    pronouns: str | SkipJsonSchema[None] = None
    languages: list[str] | SkipJsonSchema[None] = None
    area: str | SkipJsonSchema[None] = Field(None, description="The name of the member's area.")
    bio: str | SkipJsonSchema[None] = None
    interests: str | SkipJsonSchema[None] = None
    skills: str | SkipJsonSchema[None] = None
    accessibility_needs: str | SkipJsonSchema[None] = None
    dietary_needs: str | SkipJsonSchema[None] = None
    identity_tags: str | SkipJsonSchema[None] = None


def member_out(card: MemberCard) -> dict[str, Any]:
    """A card as JSON: the fields it holds and no others."""
    return {
        "id": card.id,
        "chosen_name": card.chosen_name,
        "is_self": card.is_self,
        "roles": list(card.roles),
        **card.fields,
    }


class MemberPage(PageOut):
    items: list[MemberOut]


class MemberFilters(Window):
    q: Text = Field(
        "",
        max_length=MAX_QUERY_LENGTH,
        description='The start of each word of a chosen name, accents and case aside: "alex pe" '
        'finds "Álex Peña".',
    )
    after: Id | SkipJsonSchema[None] = Field(
        None,
        description="The id of the last member of the page before: the page starts from their "
        "place in the list, as quickly deep in the list as at its start, instead of counting "
        "`offset` members. Give `offset` too: if that member has left the list since, the page "
        "comes by `offset`.",
    )


@router.get(
    "/members",
    response=responses(MemberPage, READ_ERRORS),
    exclude_unset=True,
    summary="Members I can see",
)
def get_members(request: HttpRequest, filters: Query[MemberFilters]) -> object:
    """Everyone you may see, by chosen name, a page at a time: to go through the list, give
    each next page `after`, the id of the last member you got, with its `offset`."""
    viewer = actor(request)
    members = list_members(viewer=viewer, query=filters.q)
    page = members.after(filters.after, filters.limit) if filters.after else []
    if not page:
        page = members[filters.offset : filters.offset + filters.limit]
    return {
        "items": [member_out(card) for card in member_cards(viewer, page)],
        "count": members.count(),
        "limit": filters.limit,
        "offset": filters.offset,
    }


@router.get(
    "/members/{member_id}",
    response=responses(MemberOut, READ_ERRORS),
    exclude_unset=True,
    summary="One member",
)
def get_member(request: HttpRequest, member_id: Path[Id]) -> object:
    return member_out(get_member_card(viewer=actor(request), member_id=member_id))


class BlockedOut(Schema):
    id: int
    chosen_name: str
    blocked_at: datetime


@router.get("/blocks", response=responses(list[BlockedOut], READ_ERRORS), tags=["blocks"])
def get_blocks(request: HttpRequest) -> object:
    """The people you have blocked, newest first. Nobody is ever told who blocked them."""
    return list_my_blocks(viewer=actor(request))


@router.post(
    "/members/{member_id}/block",
    response=responses(None, WRITE_ERRORS, status=204),
    tags=["blocks"],
    summary="Block a member",
)
def post_block(request: HttpRequest, member_id: Path[Id]) -> object:
    """From now on neither of you sees the other anywhere. Blocking twice is the same as once.
    The other person is not told."""
    me = actor(request)
    block_member(actor=me, target=get_member_to_block(viewer=me, member_id=member_id))
    return Status(204, None)


@router.delete(
    "/members/{member_id}/block",
    response=responses(None, WRITE_ERRORS, status=204),
    tags=["blocks"],
    summary="Lift my block",
)
def delete_block(request: HttpRequest, member_id: Path[Id]) -> object:
    """Lift your block on someone. Someone you have not blocked is a 404."""
    me = actor(request)
    unblock_member(actor=me, target=get_blocked_member(viewer=me, member_id=member_id))
    return Status(204, None)
