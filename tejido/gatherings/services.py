"""Every write to RSVPs and seats: answering an occurrence, the waitlist and its promotion,
seat offers, the hosts' approval, attendance. Making and changing events is in
event_services.py.

A limit on seats holds under concurrency because every change of seats locks the occurrence's
row first (select_for_update on PostgreSQL; on SQLite every transaction takes the write lock at
its start, IMMEDIATE), then counts and writes: two answers for the last seat run one after the
other, and the second finds it taken."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse

from tejido.access.base import is_vetted
from tejido.access.event_cards import not_in_good_standing
from tejido.access.events import (
    SEATS_TAKEN,
    can_manage_event,
    can_record_attendance,
    can_rsvp,
    can_see_event,
    event_relation,
)
from tejido.access.members import can_see_member
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.gatherings.errors import EventClosed, NoOffer, NoSuchRsvp, NotStartedYet
from tejido.gatherings.models import Event, Host, Occurrence, Rsvp
from tejido.gatherings.moments import occurrence_params
from tejido.gatherings.selectors import waitlist_position
from tejido.gatherings.sheet_services import release_claims
from tejido.gatherings.tasks import expire_seat_offer, run_at
from tejido.notifications.services import notify


def lock_occurrence(occurrence: Occurrence) -> Occurrence:
    """The occurrence's row, locked, with its event: seat decisions run one after another."""
    locked = (
        Occurrence.objects.select_for_update()
        .select_related("event")
        .filter(pk=occurrence.pk)
        .first()
    )
    if locked is None:
        raise NotFound()
    return locked


def seats_taken(occurrence: Occurrence) -> int:
    """Seats held by members in good standing: a suspended member's seat is free for others."""
    taken = Rsvp.objects.filter(occurrence=occurrence, seat__in=SEATS_TAKEN)
    return taken.exclude(user__in=not_in_good_standing()).count()


def _open(occurrence: Occurrence) -> bool:
    """Neither cancelled nor over: seats can still be given."""
    return (
        occurrence.cancelled_at is None
        and occurrence.event.cancelled_at is None
        and occurrence.ends_at > now()
    )


def _has_free_seat(occurrence: Occurrence) -> bool:
    capacity = occurrence.event.capacity
    return capacity is None or seats_taken(occurrence) < capacity


def _tell(user: User, kind: str, occurrence: Occurrence, **extra: object) -> None:
    notify(
        user=user,
        kind=kind,
        about=occurrence.event,
        params={**occurrence_params(user, occurrence), **extra},
        url=reverse("occurrence_detail", args=[occurrence.pk]),
    )


def _seat_for_someone_going(actor: User, occurrence: Occurrence) -> str:
    event = occurrence.event
    if event.needs_approval and not event_relation(actor, event).helps_run:
        return Rsvp.Seat.PENDING
    return Rsvp.Seat.CONFIRMED if _has_free_seat(occurrence) else Rsvp.Seat.WAITLISTED


def _tell_hosts_to_decide(occurrence: Occurrence) -> None:
    for host in User.objects.filter(
        pk__in=Host.objects.filter(event=occurrence.event_id, role=Host.Role.HOST).values("user")
    ):
        _tell(host, "rsvp_to_decide", occurrence)


@transaction.atomic
def rsvp(*, actor: User, occurrence: Occurrence, answer: str) -> Rsvp:
    """Answer an occurrence: going, maybe or not going. Going takes a free seat, or a place on
    the waitlist when it is full, or waits for the hosts where they approve each place.
    Answering going again keeps one's seat or place; leaving a seat frees it for the next."""
    if not can_see_event(actor, occurrence.event):
        raise NotFound()
    occurrence = lock_occurrence(occurrence)
    moment = now()
    if not can_rsvp(actor, occurrence, moment):
        raise EventClosed()
    if answer not in Rsvp.Answer.values:
        raise ValueError(answer)
    existing = Rsvp.objects.filter(occurrence=occurrence, user=actor).first()
    if existing is not None and existing.answer == answer:
        return existing
    freed = existing is not None and existing.seat in SEATS_TAKEN
    record = existing or Rsvp(occurrence=occurrence, user=actor, queued_at=moment)
    record.answer = answer
    record.offer_expires_at = None
    if answer == Rsvp.Answer.GOING:
        record.seat = _seat_for_someone_going(actor, occurrence)
        record.queued_at = moment
    else:
        record.seat = Rsvp.Seat.NONE
    record.save()
    if record.seat == Rsvp.Seat.CONFIRMED:
        _tell(actor, "rsvp_confirmed", occurrence)
    elif record.seat == Rsvp.Seat.WAITLISTED:
        _tell(actor, "rsvp_waitlisted", occurrence, position=waitlist_position(record))
    elif record.seat == Rsvp.Seat.PENDING:
        _tell(actor, "rsvp_pending", occurrence)
        _tell_hosts_to_decide(occurrence)
    if freed and record.seat != Rsvp.Seat.CONFIRMED:
        release_claims(occurrence, actor)
    if freed:
        fill_free_seats(occurrence)
    return record


@transaction.atomic
def cancel_rsvp(*, actor: User, occurrence: Occurrence) -> None:
    """Withdraw one's answer at any time, even once it has started: the seat frees for the
    next on the waitlist. Withdrawing an answer one never gave does nothing."""
    if not is_vetted(actor):
        raise NotFound()
    occurrence = lock_occurrence(occurrence)
    record = Rsvp.objects.filter(occurrence=occurrence, user=actor).first()
    if record is None:
        return
    freed = record.seat in SEATS_TAKEN
    if record.seat == Rsvp.Seat.CONFIRMED:
        release_claims(occurrence, actor)
    record.delete()
    if freed:
        fill_free_seats(occurrence)


def fill_free_seats(occurrence: Occurrence) -> list[Rsvp]:
    """Give free seats to the waitlist, first come first served: at once, or as an offer held
    for `offer_hours`, per the event. Call with the occurrence locked."""
    event = occurrence.event
    promoted: list[Rsvp] = []
    passed_over: list[Rsvp] = []
    if not _open(occurrence):
        return promoted
    moment = now()
    while _has_free_seat(occurrence):
        waiting = (
            Rsvp.objects.filter(occurrence=occurrence, seat=Rsvp.Seat.WAITLISTED)
            .exclude(pk__in=[r.pk for r in passed_over])
            .select_related("user")
            .order_by("queued_at", "pk")
            .first()
        )
        if waiting is None:
            break
        if not can_see_event(waiting.user, event):
            # Suspended, or no longer in the group: their place waits for them no more.
            passed_over.append(waiting)
            continue
        if event.promotion == Event.Promotion.OFFER:
            waiting.seat = Rsvp.Seat.OFFERED
            waiting.offer_expires_at = moment + timedelta(hours=event.offer_hours)
            waiting.save(update_fields=["seat", "offer_expires_at", "updated_at"])
            _tell(waiting.user, "seat_offered", occurrence, hours=event.offer_hours)
            _expire_when_due(waiting)
        else:
            waiting.seat = Rsvp.Seat.CONFIRMED
            waiting.save(update_fields=["seat", "updated_at"])
            _tell(waiting.user, "rsvp_promoted", occurrence)
        promoted.append(waiting)
    return promoted


def _expire_when_due(offer: Rsvp) -> None:
    expires = offer.offer_expires_at
    assert expires is not None
    transaction.on_commit(
        lambda: run_at(expire_seat_offer, expires, offer.pk, expires.isoformat()), robust=True
    )


def _own_offer(actor: User, occurrence: Occurrence) -> Rsvp:
    offer = Rsvp.objects.filter(
        occurrence=occurrence, user=actor, seat=Rsvp.Seat.OFFERED, offer_expires_at__gt=now()
    ).first()
    if offer is None:
        raise NoOffer()
    return offer


@transaction.atomic
def accept_seat(*, actor: User, occurrence: Occurrence) -> Rsvp:
    """Take the seat held for one while the offer lasts."""
    if not can_see_event(actor, occurrence.event):
        raise NotFound()
    occurrence = lock_occurrence(occurrence)
    offer = _own_offer(actor, occurrence)
    offer.seat = Rsvp.Seat.CONFIRMED
    offer.offer_expires_at = None
    offer.save(update_fields=["seat", "offer_expires_at", "updated_at"])
    _tell(actor, "rsvp_confirmed", occurrence)
    return offer


@transaction.atomic
def decline_seat(*, actor: User, occurrence: Occurrence) -> None:
    """Turn down the seat held for one: it goes to the next person waiting, and one's answer
    becomes "not going"."""
    if not can_see_event(actor, occurrence.event):
        raise NotFound()
    occurrence = lock_occurrence(occurrence)
    offer = _own_offer(actor, occurrence)
    offer.answer, offer.seat, offer.offer_expires_at = Rsvp.Answer.NOT_GOING, Rsvp.Seat.NONE, None
    offer.save(update_fields=["answer", "seat", "offer_expires_at", "updated_at"])
    fill_free_seats(occurrence)


@transaction.atomic
def lapse_offer(*, rsvp_id: int, expires_at: str) -> bool:
    """The background side of an offer: once it has run out unanswered, the seat goes to the
    next person waiting. An offer answered or renewed since is left alone. True if it lapsed."""
    found = Rsvp.objects.filter(pk=rsvp_id).select_related("occurrence").first()
    if found is None:
        return False
    # The occurrence first, then the answer read again under its lock: a seat accepted or
    # withdrawn a moment ago is not taken back.
    occurrence = lock_occurrence(found.occurrence)
    offer = Rsvp.objects.filter(pk=rsvp_id, seat=Rsvp.Seat.OFFERED).select_related("user").first()
    if offer is None or offer.offer_expires_at is None:
        return False
    if offer.offer_expires_at.isoformat() != expires_at or offer.offer_expires_at > now():
        return False
    offer.answer, offer.seat, offer.offer_expires_at = Rsvp.Answer.NOT_GOING, Rsvp.Seat.NONE, None
    offer.save(update_fields=["answer", "seat", "offer_expires_at", "updated_at"])
    _tell(offer.user, "seat_offer_lapsed", occurrence)
    fill_free_seats(occurrence)
    return True


def _pending(actor: User, occurrence: Occurrence, member: User) -> tuple[Occurrence, Rsvp]:
    """Authorise a decision on `member`'s place and lock it: someone who may not run the
    event, a member they may not see and an answer already decided are all NoSuchRsvp."""
    if not can_manage_event(actor, occurrence.event):
        raise NoSuchRsvp()
    occurrence = lock_occurrence(occurrence)
    if not _open(occurrence):
        raise EventClosed()
    record = Rsvp.objects.filter(
        occurrence=occurrence, user=member.pk, seat=Rsvp.Seat.PENDING
    ).first()
    if record is None or not can_see_member(actor, member):
        raise NoSuchRsvp()
    return occurrence, record


@transaction.atomic
def approve_rsvp(*, actor: User, occurrence: Occurrence, member: User) -> Rsvp:
    """A host lets `member` come: a seat if one is free, else a place on the waitlist (in the
    order they asked)."""
    occurrence, record = _pending(actor, occurrence, member)
    if _has_free_seat(occurrence):
        record.seat = Rsvp.Seat.CONFIRMED
        record.save(update_fields=["seat", "updated_at"])
        _tell(member, "rsvp_confirmed", occurrence)
    else:
        record.seat = Rsvp.Seat.WAITLISTED
        record.save(update_fields=["seat", "updated_at"])
        _tell(member, "rsvp_waitlisted", occurrence, position=waitlist_position(record))
    record_action(actor=actor, action="event.rsvp_approved", target_user=member, target=occurrence)
    return record


@transaction.atomic
def decline_rsvp(*, actor: User, occurrence: Occurrence, member: User) -> None:
    """A host cannot give `member` a place; they are told kindly, with no reason."""
    occurrence, record = _pending(actor, occurrence, member)
    record.answer, record.seat = Rsvp.Answer.NOT_GOING, Rsvp.Seat.NONE
    record.save(update_fields=["answer", "seat", "updated_at"])
    _tell(member, "rsvp_declined", occurrence)
    record_action(actor=actor, action="event.rsvp_declined", target_user=member, target=occurrence)


@transaction.atomic
def record_attendance(
    *, actor: User, occurrence: Occurrence, present: set[int], absent: set[int]
) -> int:
    """Hosts and facilitators mark who came to an occurrence that has started; the ids are of
    members with an RSVP. Returns how many records changed."""
    if not can_record_attendance(actor, occurrence.event):
        raise NotFound()
    if occurrence.starts_at > now():
        raise NotStartedYet()
    answered = Rsvp.objects.filter(occurrence=occurrence.pk)
    changed = answered.filter(user__in=present).update(attended=True)
    changed += answered.filter(user__in=absent - present).update(attended=False)
    record_action(
        actor=actor, action="event.attendance", target=occurrence, detail={"marked": changed}
    )
    return changed


def withdraw_from_lost_events(*, user_id: int, group_id: int) -> int:
    """After someone leaves a group or is removed from it: their answers to the dates to come
    of the group's events they can no longer see are withdrawn, and the seats they held go to
    the waitlist. Returns how many answers were withdrawn. (Called from the groups app's
    signal: groups stand below gatherings and cannot call it.)"""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return 0
    answers = Rsvp.objects.filter(
        user=user_id, occurrence__event__group=group_id, occurrence__ends_at__gt=now()
    ).select_related("occurrence__event")
    withdrawn = 0
    for answer in answers:
        if can_see_event(user, answer.occurrence.event):
            continue
        occurrence = lock_occurrence(answer.occurrence)
        freed = answer.seat in SEATS_TAKEN
        answer.delete()
        withdrawn += 1
        if freed:
            fill_free_seats(occurrence)
    return withdrawn
