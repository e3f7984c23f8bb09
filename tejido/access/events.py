"""Events: who knows of an event and its occurrences, who runs one, who may answer it, who sees
its hidden place and its attendee list, and who may be told about it.

An event belongs to the network or to a group and is seen by the whole network, by the group's
members, or by those holding its invitation link. Network organisers, the group's organisers
and the event's hosts run it; facilitators help run it. The exact address and the call link
are shown to confirmed attendees only, from `reveal_hours` before each occurrence (hosts see
them always: they wrote them).

A support circle's session (visibility "circle") is known only to the circle's members and
facilitators: not to organisers who are neither, whatever else they see. Its facilitators help
run it (attendees, attendance, the place) and no one else does; its series is made and
changed by tejido.support."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from tejido.access.base import (
    AnyUser,
    in_good_standing,
    is_organiser,
    is_vetted,
    register_audience,
)
from tejido.access.groups import active_group_ids, visible_groups
from tejido.access.members import network_organisers, visible_members
from tejido.accounts.models import User
from tejido.gatherings.models import Event, Host, Invitation, Occurrence, Rsvp
from tejido.groups.models import GroupMembership
from tejido.support.models import Facilitator, Place, PlaceState

# Seats that count against the capacity: a confirmed one and one held for someone.
SEATS_TAKEN = (Rsvp.Seat.CONFIRMED, Rsvp.Seat.OFFERED)


def _group_organiser_of(user: AnyUser) -> QuerySet[GroupMembership, Any]:
    return GroupMembership.objects.filter(
        user=user.pk, state=GroupMembership.State.ACTIVE, role=GroupMembership.Role.ORGANISER
    ).values("group")


def counting_hosts(hosts: QuerySet[Host]) -> QuerySet[Host]:
    """The host rows among `hosts` that still count: on a group's event, only while the host
    is an active member of the group. Someone who left the group, or was removed from it,
    keeps no power over its events and no sight of their places."""
    in_the_group = GroupMembership.objects.filter(
        group=OuterRef("event__group"), user=OuterRef("user"), state=GroupMembership.State.ACTIVE
    )
    return hosts.filter(Q(event__group__isnull=True) | Exists(in_the_group))


def _hosted_by(user: AnyUser) -> QuerySet[Host, Any]:
    return counting_hosts(Host.objects.filter(user=user.pk)).values("event")


def _my_circles(user: AnyUser) -> Q:
    """The circle sessions of the circles `user` is a member or a facilitator of."""
    member = Place.objects.filter(user=user.pk, state=PlaceState.MEMBER).values("circle")
    facilitates = Facilitator.objects.filter(user=user.pk).values("circle")
    return Q(visibility=Event.Visibility.CIRCLE) & (
        Q(circle__in=member) | Q(circle__in=facilitates)
    )


def _facilitated_circles(user: AnyUser | None, circle_ids: Iterable[int | None]) -> set[int]:
    ids = {pk for pk in circle_ids if pk is not None}
    if not ids or not is_vetted(user):
        return set()
    assert user is not None
    return set(
        Facilitator.objects.filter(user=user.pk, circle__in=ids).values_list("circle", flat=True)
    )


def visible_events(viewer: AnyUser | None) -> QuerySet[Event]:
    """Network organisers know every event. A vetted member knows the network's events (a
    group's only while they may see the group), their groups' events, the invitation-only
    events they were let into, and any event they host (see `counting_hosts`) or run as a
    group organiser. An answer gives no sight of its own: someone who leaves a group loses its
    events with it. Nobody else knows any."""
    if not is_vetted(viewer):
        return Event.objects.none()
    assert viewer is not None
    if is_organiser(viewer):
        return Event.objects.filter(~Q(visibility=Event.Visibility.CIRCLE) | _my_circles(viewer))
    sql, params = _member_sight(viewer)
    # The SQL is Django's own compilation of `_member_sight_rule`, its values bound.
    return Event.objects.filter(pk__in=RawSQL(sql, params))  # noqa: S611


def invited_event(viewer: AnyUser | None, token: str) -> Event | None:
    """The invitation-only event whose current link holds `token`: a vetted member who has the
    link may open it. None for anyone else and for any other token."""
    if not is_vetted(viewer) or not token or len(token) > 64:
        return None
    return Event.objects.filter(invite_token=token, visibility=Event.Visibility.INVITATION).first()


def can_see_event(viewer: AnyUser | None, event: Event) -> bool:
    if not is_vetted(viewer) or is_organiser(viewer):
        return visible_events(viewer).filter(pk=event.pk).exists()
    assert viewer is not None
    sql, params = _member_sight(viewer, of=("%s", event.pk))
    return Event.objects.filter(pk__in=RawSQL(sql, params)).exists()  # noqa: S611


def visible_occurrences(viewer: AnyUser | None) -> QuerySet[Occurrence]:
    """The occurrences of the events the viewer knows of. The rule is tested on each one's own
    event, so a page of dates in order stops at the page's end rather than listing every
    event first. It names the occurrence table, so it cannot be used inside another query:
    there, use `event__in=visible_events(viewer)`."""
    if not is_vetted(viewer) or is_organiser(viewer):
        return Occurrence.objects.filter(event__in=visible_events(viewer))
    assert viewer is not None
    table = connection.ops.quote_name(Occurrence._meta.db_table)
    sql, params = _member_sight(viewer, of=(f"{table}.{connection.ops.quote_name('event_id')}",))
    test = RawSQL(f"EXISTS ({sql})", params, output_field=BooleanField())  # noqa: S611
    return Occurrence.objects.filter(test)


# Where the viewer's id goes in the compiled rule: an id no one has.
_ANY_MEMBER = -720_531_904


def _member_sight_rule(viewer: User) -> Q:
    """The events a vetted member who is not a network organiser knows of (see
    `visible_events`)."""
    network_wide = Q(visibility=Event.Visibility.NETWORK) & (
        Q(group__isnull=True) | Q(group__in=visible_groups(viewer))
    )
    for_my_groups = Q(visibility=Event.Visibility.GROUP, group__in=active_group_ids(viewer))
    let_in = Q(
        visibility=Event.Visibility.INVITATION,
        pk__in=Invitation.objects.filter(user=viewer.pk).values("event"),
    )
    runs = ~Q(visibility=Event.Visibility.CIRCLE) & (
        Q(pk__in=_hosted_by(viewer)) | Q(group__in=_group_organiser_of(viewer))
    )
    return network_wide | for_my_groups | let_in | runs | _my_circles(viewer)


def _member_sight(viewer: AnyUser, of: tuple[Any, ...] = ()) -> tuple[str, tuple[Any, ...]]:
    """The SQL selecting the ids of the events `viewer` knows of, and its values; with `of`
    (an SQL expression, then its values), only that event's id."""
    select, rule, params = _compiled_sight(connection.vendor)
    bound = tuple(viewer.pk if value == _ANY_MEMBER else value for value in params)
    if not of:
        return f"{select} WHERE ({rule})", bound
    quote = connection.ops.quote_name
    event_id = f"{quote(Event._meta.db_table)}.{quote('id')}"
    return f"{select} WHERE ({rule}) AND {event_id} = {of[0]}", (*bound, *of[1:])


@cache
def _compiled_sight(vendor: str) -> tuple[str, str, tuple[Any, ...]]:
    """`_member_sight_rule` as SQL (the select, its test, their values), compiled once per
    process and database: the rule is the same for every member but for their id, and
    building and compiling its nested subqueries cost more than the rest of a page's queries
    together (bench/load/run.py --profile)."""
    anyone = User(pk=_ANY_MEMBER, state=User.State.MEMBER, is_organiser=False)
    query = Event.objects.filter(_member_sight_rule(anyone)).order_by().values("pk").query
    sql, params = query.sql_with_params()
    # The outer WHERE comes first: the select list has no subquery, and no join (the test is
    # of the event table alone, so a test of one event's id may follow it).
    select, _where, rule = sql.partition(" WHERE ")
    assert " JOIN " not in select
    return select, rule, tuple(params)


@register_audience(Event)
def audience_of_event(event: Event) -> QuerySet[User]:
    """Who may be told about an event: the members who may see it."""
    people = User.objects.filter(in_good_standing())
    if event.visibility == Event.Visibility.CIRCLE:
        members = Place.objects.filter(circle=event.circle_id, state=PlaceState.MEMBER)
        facilitators = Facilitator.objects.filter(circle=event.circle_id)
        return people.filter(
            Q(pk__in=members.values("user")) | Q(pk__in=facilitators.values("user"))
        )
    if event.visibility == Event.Visibility.NETWORK and (
        event.group is None or (event.group.listed and event.group.archived_at is None)
    ):
        return people
    inside = Q(pk__in=network_organisers().values("pk"))
    inside |= Q(pk__in=counting_hosts(Host.objects.filter(event=event.pk)).values("user"))
    if event.visibility == Event.Visibility.INVITATION:
        inside |= Q(pk__in=Invitation.objects.filter(event=event.pk).values("user"))
    if event.group_id is not None:
        memberships = GroupMembership.objects.filter(group=event.group_id)
        in_group = memberships.filter(state=GroupMembership.State.ACTIVE)
        if event.visibility == Event.Visibility.NETWORK:
            # A hidden or archived group's network event: all who may see the group, those
            # asking to join it and those invited to it too (as visible_events has it).
            inside |= Q(pk__in=memberships.values("user"))
        elif event.visibility == Event.Visibility.GROUP:
            inside |= Q(pk__in=in_group.values("user"))
        inside |= Q(pk__in=in_group.filter(role=GroupMembership.Role.ORGANISER).values("user"))
    return people.filter(inside)


@register_audience(Occurrence)
def audience_of_occurrence(occurrence: Occurrence) -> QuerySet[User]:
    return audience_of_event(occurrence.event)


def can_create_event(actor: AnyUser | None, group_id: int | None = None) -> bool:
    """Network organisers make events for the network or any group; a group's organisers
    make events for that group."""
    if is_organiser(actor):
        return True
    if group_id is None or not is_vetted(actor):
        return False
    assert actor is not None
    return GroupMembership.objects.filter(
        group=group_id,
        user=actor.pk,
        state=GroupMembership.State.ACTIVE,
        role=GroupMembership.Role.ORGANISER,
    ).exists()


def groups_for_new_events(actor: AnyUser | None) -> QuerySet[Any]:
    """The groups `actor` may make an event for."""
    if is_organiser(actor):
        return visible_groups(actor).filter(archived_at__isnull=True)
    if not is_vetted(actor):
        return visible_groups(None)
    assert actor is not None
    return visible_groups(actor).filter(archived_at__isnull=True, pk__in=_group_organiser_of(actor))


@dataclass(frozen=True)
class EventRelation:
    """Where someone stands towards one event, looked up once (see `event_relation`)."""

    user_id: int | None
    event_id: int
    network_organiser: bool
    group_organiser: bool
    # Their role among the event's hosts (Host.Role), or "".
    host_role: str

    @property
    def runs(self) -> bool:
        """Edit, cancel, name hosts, approve RSVPs, message attendees, export attendance."""
        return self.network_organiser or self.group_organiser or self.host_role == Host.Role.HOST

    @property
    def helps_run(self) -> bool:
        """Those who run it and its facilitators: they see who comes and record attendance."""
        return self.runs or self.host_role == Host.Role.FACILITATOR


def event_relation(user: AnyUser | None, event: Event) -> EventRelation:
    if event.visibility == Event.Visibility.CIRCLE:
        return _circle_relation(user, event, _facilitated_circles(user, [event.circle_id]))
    host_role, group_organiser = "", False
    if is_vetted(user):
        assert user is not None
        hosts = counting_hosts(Host.objects.filter(event=event.pk, user=user.pk))
        host_role = hosts.values_list("role", flat=True).first() or ""
        if event.group_id is not None:
            group_organiser = GroupMembership.objects.filter(
                group=event.group_id,
                user=user.pk,
                state=GroupMembership.State.ACTIVE,
                role=GroupMembership.Role.ORGANISER,
            ).exists()
    return EventRelation(
        user_id=user.pk if user is not None else None,
        event_id=event.pk,
        network_organiser=is_organiser(user),
        group_organiser=group_organiser,
        host_role=host_role,
    )


def _circle_relation(user: AnyUser | None, event: Event, facilitated: set[int]) -> EventRelation:
    """On a circle session the circle's facilitators help run it; nobody runs it here."""
    return EventRelation(
        user_id=user.pk if user is not None else None,
        event_id=event.pk,
        network_organiser=False,
        group_organiser=False,
        host_role=Host.Role.FACILITATOR if event.circle_id in facilitated else "",
    )


def event_relations(user: AnyUser | None, events: Iterable[Event]) -> dict[int, EventRelation]:
    """`event_relation` for many events (a feed's), by event id, in three queries at most."""
    events = list(events)
    sessions = [e for e in events if e.visibility == Event.Visibility.CIRCLE]
    facilitated = _facilitated_circles(user, [e.circle_id for e in sessions])
    circle_relations = {e.pk: _circle_relation(user, e, facilitated) for e in sessions}
    events = [e for e in events if e.visibility != Event.Visibility.CIRCLE]
    host_roles: dict[int, str] = {}
    organised: set[int] = set()
    if is_vetted(user) and events:
        assert user is not None
        hosts = Host.objects.filter(user=user.pk, event__in=[e.pk for e in events])
        host_roles = dict(counting_hosts(hosts).values_list("event", "role"))
        groups = {e.group_id for e in events if e.group_id is not None}
        if groups:
            organised = set(
                GroupMembership.objects.filter(
                    group__in=groups,
                    user=user.pk,
                    state=GroupMembership.State.ACTIVE,
                    role=GroupMembership.Role.ORGANISER,
                ).values_list("group", flat=True)
            )
    network_organiser = is_organiser(user)
    return {
        e.pk: EventRelation(
            user_id=user.pk if user is not None else None,
            event_id=e.pk,
            network_organiser=network_organiser,
            group_organiser=e.group_id in organised,
            host_role=host_roles.get(e.pk, ""),
        )
        for e in events
    } | circle_relations


def _relation(user: AnyUser | None, event: Event, known: EventRelation | None) -> EventRelation:
    """`known` when the caller already looked it up for this very user and event."""
    if known is None:
        return event_relation(user, event)
    if (known.user_id, known.event_id) != (user.pk if user is not None else None, event.pk):
        raise ValueError("An event relation is for the user and event it was looked up for.")
    return known


def can_manage_event(
    actor: AnyUser | None, event: Event, relation: EventRelation | None = None
) -> bool:
    return _relation(actor, event, relation).runs


def can_record_attendance(
    actor: AnyUser | None, event: Event, relation: EventRelation | None = None
) -> bool:
    return _relation(actor, event, relation).helps_run


def has_ended(occurrence: Occurrence, now: datetime) -> bool:
    return occurrence.ends_at <= now


def can_rsvp(actor: AnyUser | None, occurrence: Occurrence, now: datetime) -> bool:
    """Answer an occurrence: a vetted member who sees the event, while neither the event nor
    the occurrence is cancelled and it has not ended."""
    return (
        is_vetted(actor)
        and occurrence.cancelled_at is None
        and occurrence.event.cancelled_at is None
        and not has_ended(occurrence, now)
        and can_see_event(actor, occurrence.event)
    )


def place_shown_from(occurrence: Occurrence) -> datetime:
    """When the exact address and call link are shown to the occurrence's confirmed attendees."""
    return occurrence.starts_at - timedelta(hours=occurrence.event.reveal_hours)


def can_see_place(
    viewer: AnyUser | None,
    occurrence: Occurrence,
    *,
    seat: str,
    now: datetime,
    relation: EventRelation | None = None,
) -> bool:
    """The exact address and call link: for those who help run the event, always; for a
    confirmed attendee (`seat` is the viewer's own seat), from `place_shown_from` until the
    occurrence ends, unless it was cancelled. Nobody else, ever."""
    if not is_vetted(viewer):
        return False
    if _relation(viewer, occurrence.event, relation).helps_run:
        return True
    return (
        seat == Rsvp.Seat.CONFIRMED
        and occurrence.cancelled_at is None
        and occurrence.event.cancelled_at is None
        and place_shown_from(occurrence) <= now < occurrence.ends_at
    )


def can_see_attendees(
    viewer: AnyUser | None, event: Event, *, seat: str, relation: EventRelation | None = None
) -> bool:
    """Who is going, by name: per the event's setting, its hosts and facilitators only (the
    default), its confirmed attendees too, or everyone who sees the event. Everyone who sees
    the event sees the counts."""
    if not is_vetted(viewer):
        return False
    if _relation(viewer, event, relation).helps_run:
        return True
    if event.visibility == Event.Visibility.CIRCLE:
        # Who comes to a circle's session is for its facilitators alone.
        return False
    if event.attendee_list == Event.AttendeeList.EVERYONE:
        return True
    return event.attendee_list == Event.AttendeeList.ATTENDEES and seat == Rsvp.Seat.CONFIRMED


def visible_attendees(
    viewer: AnyUser | None, occurrence: Occurrence, relation: EventRelation | None = None
) -> QuerySet[User]:
    """The members who answered the occurrence whom the viewer may see, in good standing and
    not in a block with the viewer: every answer for those who help run the event; for anyone
    else only those going with a confirmed seat (who asked, waits or said no is the hosts'
    to know). The caller checks `can_see_attendees` first."""
    answers = Rsvp.objects.filter(occurrence=occurrence.pk)
    if not _relation(viewer, occurrence.event, relation).helps_run:
        answers = answers.filter(seat=Rsvp.Seat.CONFIRMED)
    return visible_members(viewer).filter(pk__in=answers.values("user"))


def visible_hosts(viewer: AnyUser | None, event: Event) -> QuerySet[User]:
    """The event's hosts and facilitators (those that count) whom the viewer may see."""
    hosts = counting_hosts(Host.objects.filter(event=event.pk))
    return visible_members(viewer).filter(pk__in=hosts.values("user"))


def can_see_address_views(
    viewer: AnyUser | None, event: Event, relation: EventRelation | None = None
) -> bool:
    """Who has been shown the exact address: for those who run the event."""
    return _relation(viewer, event, relation).runs
