"""Sign-up sheets: the hosts' slots, members' claims, their limits and checks, and a slot
that never takes more claims than it wants, even when they all come at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tejido.accounts.factories import UserFactory
from tejido.audit.models import AuditEntry
from tejido.core.clock import now
from tejido.core.errors import DomainError, InvalidInput, NotFound
from tejido.core.testing import at_once
from tejido.gatherings.errors import AlreadyClaimed, EventClosed, NotGoing, SlotFull, SlotHasClaims
from tejido.gatherings.factories import (
    ClaimFactory,
    EventFactory,
    HostFactory,
    OccurrenceFactory,
    RsvpFactory,
    SlotFactory,
)
from tejido.gatherings.models import Claim, Event, Host, Invitation, Rsvp, Slot
from tejido.gatherings.sheet_selectors import get_claim, get_sheet, get_slot
from tejido.gatherings.sheet_services import (
    add_slot,
    claim_slot,
    remove_slot,
    update_claim,
    update_slot,
    withdraw_claim,
)


@pytest.fixture
def occurrence(db):
    return OccurrenceFactory()


@pytest.fixture
def host(occurrence):
    return HostFactory(event=occurrence.event).user


def _going(occurrence, seat=Rsvp.Seat.CONFIRMED):
    answer = Rsvp.Answer.MAYBE if seat == Rsvp.Seat.NONE else Rsvp.Answer.GOING
    return RsvpFactory(occurrence=occurrence, seat=seat, answer=answer).user


def _actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


# Slots --------------------------------------------------------------------------------------


def test_a_host_adds_changes_and_removes_slots(occurrence, host):
    slot = add_slot(actor=host, occurrence=occurrence, course="salad", label=" verde ", wanted=2)
    assert (slot.course, slot.label, slot.wanted) == ("salad", "verde", 2)
    update_slot(actor=host, slot=slot, wanted=4, label="Ensalada")
    slot.refresh_from_db()
    assert (slot.wanted, slot.label) == (4, "Ensalada")
    ClaimFactory(slot=slot)
    remove_slot(actor=host, slot=slot)
    assert not Slot.objects.exists()
    assert not Claim.objects.exists()
    assert _actions() == ["event.slot_added", "event.slot_changed", "event.slot_removed"]


def test_only_those_who_run_the_event_manage_slots(occurrence):
    slot = SlotFactory(occurrence=occurrence)
    facilitator = HostFactory(event=occurrence.event, role=Host.Role.FACILITATOR).user
    for someone in (_going(occurrence), facilitator, UserFactory()):
        with pytest.raises(NotFound):
            add_slot(actor=someone, occurrence=occurrence, course="main")
        with pytest.raises(NotFound):
            update_slot(actor=someone, slot=slot, wanted=5)
        with pytest.raises(NotFound):
            remove_slot(actor=someone, slot=slot)
    assert Slot.objects.get().wanted == 2


@pytest.mark.django_db
def test_a_slot_one_may_not_see_is_not_found():
    slot = SlotFactory(occurrence__event=EventFactory(visibility=Event.Visibility.INVITATION))
    with pytest.raises(NotFound):
        update_slot(actor=UserFactory(), slot=slot, wanted=3)
    with pytest.raises(NotFound):
        get_slot(viewer=UserFactory(), slot_id=slot.pk)
    with pytest.raises(NotFound):
        get_sheet(viewer=UserFactory(), occurrence=slot.occurrence)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"course": "soup"}, "course"),
        ({"course": "main", "wanted": 0}, "wanted"),
        ({"course": "main", "wanted": 101}, "wanted"),
        ({"course": "main", "wanted": "3"}, "wanted"),
        ({"course": "main", "wanted": True}, "wanted"),
        ({"course": "main", "label": "x" * 121}, "label"),
        ({"course": "main", "label": "a\x00b"}, "label"),
    ],
)
def test_bad_slots_are_refused_with_a_reason(occurrence, host, fields, field):
    with pytest.raises(InvalidInput) as error:
        add_slot(actor=host, occurrence=occurrence, **fields)
    assert field in error.value.detail
    assert not Slot.objects.exists()


def test_a_slot_never_wants_fewer_than_have_claimed_it(occurrence, host):
    slot = SlotFactory(occurrence=occurrence, wanted=3)
    ClaimFactory.create_batch(2, slot=slot)
    with pytest.raises(SlotHasClaims):
        update_slot(actor=host, slot=slot, wanted=1)
    update_slot(actor=host, slot=slot, wanted=2)
    with pytest.raises(TypeError):
        update_slot(actor=host, slot=slot, occurrence=None)


# Claims -------------------------------------------------------------------------------------


def test_a_confirmed_attendee_claims_a_slot(occurrence):
    slot = SlotFactory(occurrence=occurrence)
    going = _going(occurrence)
    claim = claim_slot(
        actor=going,
        slot=slot,
        dish="  Tortilla   de patatas ",
        servings=8,
        diet_tags=["gluten_free", "vegetarian", "vegetarian"],
        allergens=["milk", "eggs"],
    )
    assert (claim.dish, claim.servings) == ("Tortilla de patatas", 8)
    assert claim.diet_tags == ["vegetarian", "gluten_free"]
    assert claim.allergens == ["eggs", "milk"]
    assert _actions() == []
    with pytest.raises(AlreadyClaimed):
        claim_slot(actor=going, slot=slot, dish="Otra")


def test_hosts_and_facilitators_claim_without_a_seat(occurrence, host):
    slot = SlotFactory(occurrence=occurrence)
    facilitator = HostFactory(event=occurrence.event, role=Host.Role.FACILITATOR).user
    claim_slot(actor=host, slot=slot, dish="Platos")
    claim_slot(actor=facilitator, slot=slot, dish="Vasos")
    assert slot.claims.count() == 2


@pytest.mark.parametrize("seat", [Rsvp.Seat.PENDING, Rsvp.Seat.WAITLISTED, Rsvp.Seat.NONE, None])
def test_one_without_a_confirmed_seat_is_told_to_answer_first(occurrence, seat):
    slot = SlotFactory(occurrence=occurrence)
    someone = _going(occurrence, seat) if seat else UserFactory()
    with pytest.raises(NotGoing):
        claim_slot(actor=someone, slot=slot, dish="Flan")


def test_a_cancelled_or_past_gathering_takes_no_claims(occurrence):
    slot = SlotFactory(occurrence=occurrence)
    going = _going(occurrence)
    occurrence.cancelled_at = now()
    occurrence.save()
    with pytest.raises(EventClosed):
        claim_slot(actor=going, slot=slot, dish="Flan")


def test_a_full_slot_refuses_the_next_claim(occurrence):
    slot = SlotFactory(occurrence=occurrence, wanted=1)
    claim_slot(actor=_going(occurrence), slot=slot, dish="Flan")
    with pytest.raises(SlotFull):
        claim_slot(actor=_going(occurrence), slot=slot, dish="Tarta")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"dish": ""}, "dish"),
        ({"dish": "   "}, "dish"),
        ({"dish": "x" * 121}, "dish"),
        ({"dish": "Flan", "servings": 0}, "servings"),
        ({"dish": "Flan", "servings": 501}, "servings"),
        ({"dish": "Flan", "servings": 2.5}, "servings"),
        ({"dish": "Flan", "diet_tags": ["paleo"]}, "diet_tags"),
        ({"dish": "Flan", "diet_tags": "vegan"}, "diet_tags"),
        ({"dish": "Flan", "allergens": ["gluten", 3]}, "allergens"),
    ],
)
def test_bad_claims_are_refused_with_a_reason(occurrence, fields, field):
    slot = SlotFactory(occurrence=occurrence)
    with pytest.raises(InvalidInput) as error:
        claim_slot(actor=_going(occurrence), slot=slot, **fields)
    assert field in error.value.detail
    assert not Claim.objects.exists()


def test_every_problem_is_reported_together(occurrence):
    slot = SlotFactory(occurrence=occurrence)
    with pytest.raises(InvalidInput) as error:
        claim_slot(
            actor=_going(occurrence),
            slot=slot,
            dish="",
            servings=-1,
            diet_tags=["x"],
            allergens=None,
        )
    assert set(error.value.detail) == {"dish", "servings", "diet_tags"}


def test_the_author_changes_their_claim_and_nobody_else_does(occurrence):
    going = _going(occurrence)
    claim = ClaimFactory(slot=SlotFactory(occurrence=occurrence), user=going)
    update_claim(actor=going, claim=claim, dish="Flan de coco", servings=4, diet_tags=["vegan"])
    claim.refresh_from_db()
    assert (claim.dish, claim.servings, claim.diet_tags) == ("Flan de coco", 4, ["vegan"])
    host = HostFactory(event=occurrence.event).user
    with pytest.raises(NotFound):
        update_claim(actor=host, claim=claim, dish="Otra cosa")
    with pytest.raises(InvalidInput):
        update_claim(actor=going, claim=claim, dish="")


def test_withdrawing_a_claim(occurrence, host):
    slot = SlotFactory(occurrence=occurrence)
    going, other = _going(occurrence), _going(occurrence)
    mine = ClaimFactory(slot=slot, user=going)
    theirs = ClaimFactory(slot=slot, user=other)
    with pytest.raises(NotFound):
        withdraw_claim(actor=going, claim=theirs)
    withdraw_claim(actor=going, claim=mine)
    assert _actions() == []
    withdraw_claim(actor=host, claim=theirs)
    assert not Claim.objects.exists()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_user) == ("event.claim_removed", other)


@pytest.mark.django_db
def test_a_claim_one_may_not_see_is_not_found():
    claim = ClaimFactory(
        slot__occurrence__event=EventFactory(visibility=Event.Visibility.INVITATION)
    )
    outsider = UserFactory()
    with pytest.raises(NotFound):
        withdraw_claim(actor=outsider, claim=claim)
    with pytest.raises(NotFound):
        get_claim(viewer=outsider, claim_id=claim.pk)
    # Its author was let in by the link: they find it.
    Invitation.objects.create(event=claim.slot.occurrence.event, user=claim.user)
    RsvpFactory(occurrence=claim.slot.occurrence, user=claim.user)
    assert get_claim(viewer=claim.user, claim_id=claim.pk) == claim


def test_get_sheet_gives_the_viewers_card(occurrence):
    going = _going(occurrence)
    claim = ClaimFactory(slot=SlotFactory(occurrence=occurrence), user=going)
    card = get_sheet(viewer=going, occurrence=occurrence)
    assert card.can_claim
    assert card.slots[0].mine.id == claim.pk
    assert get_slot(viewer=going, slot_id=claim.slot_id) == claim.slot


# Concurrency -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_ten_claims_at_once_for_three_wanted_make_exactly_three():
    occurrence = OccurrenceFactory()
    slot = SlotFactory(occurrence=occurrence, wanted=3)
    people = [_going(occurrence) for _ in range(10)]
    outcomes = at_once(
        *[lambda p=p: claim_slot(actor=p, slot=slot, dish="Flan") for p in people],
        refused=DomainError,
    )
    assert outcomes == ["done"] * 3 + ["refused"] * 7
    assert Claim.objects.filter(slot=slot).count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_host_lowering_wanted_while_members_claim_never_leaves_too_many():
    occurrence = OccurrenceFactory()
    host = HostFactory(event=occurrence.event).user
    slot = SlotFactory(occurrence=occurrence, wanted=4)
    people = [_going(occurrence) for _ in range(4)]
    at_once(
        lambda: update_slot(actor=host, slot=slot, wanted=2),
        *[lambda p=p: claim_slot(actor=p, slot=slot, dish="Pan") for p in people],
        refused=DomainError,
    )
    slot.refresh_from_db()
    assert Claim.objects.filter(slot=slot).count() <= slot.wanted


# Queries -----------------------------------------------------------------------------------


def _queries_for_sheet(viewer, occurrence):
    with CaptureQueriesContext(connection) as queries:
        get_sheet(viewer=viewer, occurrence=occurrence)
    return len(queries)


@pytest.mark.django_db
def test_the_sheet_costs_the_same_queries_at_two_sizes():
    small, large = OccurrenceFactory(), OccurrenceFactory()
    counts = []
    for occurrence, slots, claimers in ((small, 1, 1), (large, 8, 24)):
        host = HostFactory(event=occurrence.event).user
        people = [_going(occurrence) for _ in range(claimers)]
        made = [SlotFactory(occurrence=occurrence, wanted=5) for _ in range(slots)]
        for index, person in enumerate(people):
            ClaimFactory(slot=made[index % slots], user=person)
        counts.append(_queries_for_sheet(host, occurrence))
    assert counts[0] == counts[1]
    assert counts[0] <= 12


# Leaving one's seat -------------------------------------------------------------------------


def test_leaving_ones_seat_puts_what_one_brings_back_on_the_sheet(occurrence, host):
    from tejido.gatherings.services import cancel_rsvp, rsvp

    slot = SlotFactory(occurrence=occurrence, wanted=4)
    maybe, gone, staying = _going(occurrence), _going(occurrence), _going(occurrence)
    for person in (maybe, gone, staying, host):
        claim_slot(actor=person, slot=slot, dish="Pan")
    rsvp(actor=maybe, occurrence=occurrence, answer=Rsvp.Answer.MAYBE)
    cancel_rsvp(actor=gone, occurrence=occurrence)
    rsvp(actor=host, occurrence=occurrence, answer=Rsvp.Answer.GOING)
    cancel_rsvp(actor=host, occurrence=occurrence)
    left = set(Claim.objects.values_list("user", flat=True))
    assert left == {staying.pk, host.pk}
