"""Groups: which exist, who is in each as far as the viewer may see, joining and leaving."""

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from tejido.api.v1.auth import actor
from tejido.api.v1.members import MemberOut, member_out
from tejido.api.v1.schemas import (
    MAX_OFFSET,
    READ_ERRORS,
    WRITE_ERRORS,
    PageOut,
    QuerySchema,
    Text,
    Window,
    responses,
)
from tejido.groups.models import Group
from tejido.groups.selectors import count_groups, get_group, get_group_page, list_groups
from tejido.groups.services import join_group, leave_group

router = Router(tags=["groups"])

Slug = Annotated[Text, Field(min_length=1, max_length=50)]
MyState = Literal["active", "requested"]


class GroupOut(Schema):
    slug: str
    name: str = Field(description="In your language when the group has a name in it.")
    description: str
    kind: Literal["local", "themed"]
    join_policy: Literal["open", "request"]
    area: str | None = Field(description="The name of the group's area, for a local group.")
    member_count: int = Field(description="Its active members you may see.")
    my_state: MyState | None = Field(
        description="`active` if you are in it, `requested` if you asked to join, else null."
    )


def group_out(group: Group) -> dict[str, Any]:
    return {
        "slug": group.slug,
        "name": group.name,
        "description": group.description,
        "kind": group.kind,
        "join_policy": group.join_policy,
        "area": group.area.name if group.area_id and group.area else None,
        "member_count": group.member_count,  # type: ignore[attr-defined]
        "my_state": group.my_state,  # type: ignore[attr-defined]
    }


class GroupList(PageOut):
    items: list[GroupOut]


@router.get(
    "/groups", response=responses(GroupList, READ_ERRORS), summary="Groups, a page at a time"
)
def get_groups(request: HttpRequest, window: Query[Window]) -> object:
    """Every group, local ones first, then by name."""
    viewer = actor(request)
    groups = list_groups(viewer=viewer, offset=window.offset, limit=window.limit)
    return {
        "items": [group_out(group) for group in groups],
        "count": count_groups(viewer=viewer),
        "limit": window.limit,
        "offset": window.offset,
    }


class GroupMemberOut(MemberOut):
    is_group_organiser: bool


class GroupMembersPage(Schema):
    items: list[GroupMemberOut]
    count: int
    page: int
    num_pages: int


class GroupDetailOut(GroupOut):
    sees_all_members: bool = Field(
        description="True for the group's members and network organisers; everyone else sees "
        "only the group's organisers."
    )
    members: GroupMembersPage
    join_requests: list[MemberOut] | SkipJsonSchema[None] = Field(
        None, description="Who is asking to join; present only for those who run the group."
    )


class GroupPageQuery(QuerySchema):
    page: int = Field(1, ge=1, le=MAX_OFFSET, description="The page of members, 50 a page.")


@router.get(
    "/groups/{slug}",
    response=responses(GroupDetailOut, READ_ERRORS),
    exclude_unset=True,
    summary="One group and its members",
)
def get_group_detail(
    request: HttpRequest, slug: Path[Slug], query: Query[GroupPageQuery]
) -> object:
    """The group with the members you may see, organisers first. Past the last page you get
    the last page."""
    view = get_group_page(viewer=actor(request), slug=slug, page=query.page)
    body = group_out(view.group)
    body["sees_all_members"] = view.sees_all_members
    body["members"] = {
        "items": [
            {**member_out(entry.card), "is_group_organiser": entry.is_group_organiser}
            for entry in view.entries
        ],
        "count": view.members.paginator.count,
        "page": view.members.number,
        "num_pages": view.members.paginator.num_pages,
    }
    if view.can_manage:
        body["join_requests"] = [member_out(card) for card in view.join_requests]
    return body


class MembershipOut(Schema):
    slug: str
    state: MyState = Field(
        description="`active`: you are in the group; `requested`: its organisers will decide."
    )


@router.post(
    "/groups/{slug}/join",
    response=responses(MembershipOut, WRITE_ERRORS),
    summary="Join a group",
)
def post_join_group(request: HttpRequest, slug: Path[Slug]) -> object:
    """Join an open group at once, or ask to join one that is by request."""
    me = actor(request)
    membership = join_group(actor=me, group=get_group(viewer=me, slug=slug))
    return {"slug": slug, "state": membership.state}


@router.post(
    "/groups/{slug}/leave",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="Leave a group",
)
def post_leave_group(request: HttpRequest, slug: Path[Slug]) -> object:
    """Leave a group, or withdraw your request to join it. Leaving one you are not in does
    nothing."""
    me = actor(request)
    leave_group(actor=me, group=get_group(viewer=me, slug=slug))
    return Status(204, None)
