"""Groups: which exist, who is in each as far as the viewer may see, joining and leaving; for
those who run them, making, editing and archiving groups, naming their organisers and inviting
members to invitation-only groups."""

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from tejido.accounts.models import User
from tejido.accounts.selectors import get_member
from tejido.api.v1.auth import actor
from tejido.api.v1.members import MemberOut, member_out
from tejido.api.v1.schemas import (
    MAX_OFFSET,
    READ_ERRORS,
    WRITE_ERRORS,
    Id,
    InputSchema,
    PageOut,
    QuerySchema,
    Text,
    Window,
    responses,
)
from tejido.groups.models import Group
from tejido.groups.organiser_services import (
    DESCRIPTION_MAX,
    NAME_MAX,
    SLUG_MAX,
    archive_group,
    create_group,
    name_group_organiser,
    remove_group_organiser,
    unarchive_group,
    update_group,
)
from tejido.groups.selectors import count_groups, get_group, get_group_page, list_groups
from tejido.groups.services import (
    accept_group_invitation,
    decline_group_invitation,
    invite_to_group,
    join_group,
    leave_group,
)

router = Router(tags=["groups"])

Slug = Annotated[Text, Field(min_length=1, max_length=SLUG_MAX)]
MyState = Literal["active", "requested", "invited"]
Kind = Literal["local", "themed"]
JoinPolicy = Literal["open", "request", "invitation"]


class GroupOut(Schema):
    slug: str
    name: str = Field(description="In your language when the group has a name in it.")
    description: str
    kind: Kind
    join_policy: JoinPolicy
    area: str | None = Field(description="The name of the group's area, for a local group.")
    listed: bool = Field(
        description="False for a hidden group: only those in it, invited or asking to join, "
        "and network organisers know it."
    )
    archived: bool = Field(description="An archived group cannot be joined.")
    member_count: int = Field(description="Its active members you may see.")
    my_state: MyState | None = Field(
        description="`active` if you are in it, `requested` if you asked to join, `invited` if "
        "its organisers invited you, else null."
    )


def group_out(group: Group) -> dict[str, Any]:
    return {
        "slug": group.slug,
        "name": group.name,
        "description": group.description,
        "kind": group.kind,
        "join_policy": group.join_policy,
        "area": group.area.name if group.area_id and group.area else None,
        "listed": group.listed,
        "archived": group.archived_at is not None,
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
        description="`active`: in the group; `requested`: its organisers will decide; "
        "`invited`: invited, not yet accepted."
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


# Running groups ----------------------------------------------------------------------------

GroupName = Annotated[Text, Field(max_length=NAME_MAX)]
Description = Annotated[Text, Field(max_length=DESCRIPTION_MAX)]


class GroupIn(InputSchema):
    name_es: GroupName = Field(min_length=1, description="Its name in Spanish (required).")
    name_en: GroupName = ""
    description_es: Description = ""
    description_en: Description = ""
    kind: Kind = "themed"
    join_policy: JoinPolicy = "open"
    listed: bool = True
    area: Id | None = Field(None, description="The id of one of the network's areas.")
    first_organiser: Id | None = Field(
        None, description="The member who runs the group at first; you, unless you name another."
    )


class GroupChangesIn(InputSchema):
    """Only the fields sent change; `area: null` clears the area. The slug never changes."""

    name_es: GroupName | None = Field(None, min_length=1)
    name_en: GroupName | None = None
    description_es: Description | None = None
    description_en: Description | None = None
    kind: Kind | None = None
    join_policy: JoinPolicy | None = None
    listed: bool | None = None
    area: Id | None = None


def _group_body(viewer: User, slug: str) -> dict[str, Any]:
    """The group as its list entry shows it, read again after a change."""
    return group_out(get_group(viewer=viewer, slug=slug))


@router.post(
    "/groups",
    response=responses(GroupOut, WRITE_ERRORS, status=201),
    summary="Make a group (network organisers)",
)
def post_create_group(request: HttpRequest, payload: GroupIn) -> object:
    """Make a group; you (or `first_organiser`) become its first organiser. Its slug comes
    from the Spanish name."""
    me = actor(request)
    fields = payload.model_dump()
    first = fields.pop("first_organiser")
    organiser = get_member(viewer=me, member_id=first) if first is not None else None
    group = create_group(actor=me, first_organiser=organiser, **fields)
    return Status(201, _group_body(me, group.slug))


@router.patch(
    "/groups/{slug}",
    response=responses(GroupOut, WRITE_ERRORS),
    summary="Change a group (those who run it)",
)
def patch_group(request: HttpRequest, slug: Path[Slug], payload: GroupChangesIn) -> object:
    """Change a group's names, descriptions, kind, join policy, listing or area. Nothing
    changes unless all of it is valid."""
    me = actor(request)
    changes = payload.model_dump(exclude_unset=True)
    for name in list(changes):
        if changes[name] is None and name != "area":
            del changes[name]  # `null` leaves a field as it is, like leaving it out
    update_group(actor=me, group=get_group(viewer=me, slug=slug), **changes)
    return _group_body(me, slug)


@router.post(
    "/groups/{slug}/archive",
    response=responses(GroupOut, WRITE_ERRORS),
    summary="Archive a group (network organisers)",
)
def post_archive_group(request: HttpRequest, slug: Path[Slug]) -> object:
    """Its members still see it; nobody can join it until it is brought back."""
    me = actor(request)
    archive_group(actor=me, group=get_group(viewer=me, slug=slug))
    return _group_body(me, slug)


@router.post(
    "/groups/{slug}/unarchive",
    response=responses(GroupOut, WRITE_ERRORS),
    summary="Bring back an archived group (network organisers)",
)
def post_unarchive_group(request: HttpRequest, slug: Path[Slug]) -> object:
    me = actor(request)
    unarchive_group(actor=me, group=get_group(viewer=me, slug=slug))
    return _group_body(me, slug)


@router.put(
    "/groups/{slug}/organisers/{member_id}",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="Name a group organiser",
)
def put_group_organiser(request: HttpRequest, slug: Path[Slug], member_id: Path[Id]) -> object:
    """Make an active member of the group one of its organisers."""
    me = actor(request)
    group = get_group(viewer=me, slug=slug)
    name_group_organiser(actor=me, group=group, member=get_member(viewer=me, member_id=member_id))
    return Status(204, None)


@router.delete(
    "/groups/{slug}/organisers/{member_id}",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="Remove a group organiser",
)
def delete_group_organiser(request: HttpRequest, slug: Path[Slug], member_id: Path[Id]) -> object:
    """They stay a member. A group always keeps an organiser: removing the last one is a 409
    (`last_group_organiser`) until another is named."""
    me = actor(request)
    group = get_group(viewer=me, slug=slug)
    member = get_member(viewer=me, member_id=member_id)
    remove_group_organiser(actor=me, group=group, member=member)
    return Status(204, None)


@router.post(
    "/groups/{slug}/invitations/{member_id}",
    response=responses(MembershipOut, WRITE_ERRORS, status=201),
    summary="Invite a member to an invitation-only group",
)
def post_group_invitation(request: HttpRequest, slug: Path[Slug], member_id: Path[Id]) -> object:
    """For those who run the group; the member is told and accepts or declines."""
    me = actor(request)
    group = get_group(viewer=me, slug=slug)
    membership = invite_to_group(
        actor=me, group=group, member=get_member(viewer=me, member_id=member_id)
    )
    return Status(201, {"slug": slug, "state": membership.state})


@router.post(
    "/groups/{slug}/invitation/accept",
    response=responses(MembershipOut, WRITE_ERRORS),
    summary="Accept an invitation to a group",
)
def post_accept_group_invitation(request: HttpRequest, slug: Path[Slug]) -> object:
    me = actor(request)
    membership = accept_group_invitation(actor=me, group=get_group(viewer=me, slug=slug))
    return {"slug": slug, "state": membership.state}


@router.post(
    "/groups/{slug}/invitation/decline",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="Decline an invitation to a group",
)
def post_decline_group_invitation(request: HttpRequest, slug: Path[Slug]) -> object:
    me = actor(request)
    decline_group_invitation(actor=me, group=get_group(viewer=me, slug=slug))
    return Status(204, None)
