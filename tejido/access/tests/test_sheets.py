"""The sign-up sheet's rules, as a table of roles, and its viewer-shaped card."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from tejido.access.events import event_relation
from tejido.access.sheets import (
    ClaimCard,
    NeedCount,
    SheetCard,
    SlotCard,
    can_claim_slot,
    can_manage_slots,
    can_see_claimers,
    can_see_sheet,
    can_withdraw_claim,
    dietary_counts,
    may_bring_something,
    sheet_card,
    sheet_is_open,
    shown_count,
    visible_claims,
    visible_slots,
)
from tejido.accounts.factories import ApplicantFactory, BlockFactory, UserFactory
from tejido.accounts.models import Audience
from tejido.core.clock import now
from tejido.gatherings.factories import (
    ClaimFactory,
    EventFactory,
    HostFactory,
    OccurrenceFactory,
    RsvpFactory,
    SlotFactory,
)
from tejido.gatherings.models import Event, Host, Rsvp

pytestmark = pytest.mark.django_db

CONFIRMED = Rsvp.Seat.CONFIRMED


@pytest.fixture(autouse=True)
def _in_english():
    """These tests read the sheet's English words."""
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    """An occurrence with a host, a facilitator, a confirmed attendee, one pending and an
    outsider to an invitation-only event."""
    occurrence = OccurrenceFactory()
    host = HostFactory(event=occurrence.event).user
    facilitator = HostFactory(event=occurrence.event, role=Host.Role.FACILITATOR).user
    going = RsvpFactory(occurrence=occurrence).user
    pending = RsvpFactory(occurrence=occurrence, seat=Rsvp.Seat.PENDING).user
    hidden = OccurrenceFactory(event=EventFactory(visibility=Event.Visibility.INVITATION))
    return {
        "occurrence": occurrence,
        "host": host,
        "facilitator": facilitator,
        "going": going,
        "pending": pending,
        "member": UserFactory(),
        "hidden": hidden,
    }


def _seat(user, occurrence):
    rsvp = Rsvp.objects.filter(user=user, occurrence=occurrence).first()
    return rsvp.seat if rsvp else ""


@pytest.mark.parametrize(
    ("who", "manage", "bring"),
    [
        ("host", True, True),
        ("facilitator", False, True),
        ("going", False, True),
        ("pending", False, False),
        ("member", False, False),
    ],
)
def test_who_runs_and_who_brings(world, who, manage, bring):
    occurrence, user = world["occurrence"], world[who]
    seat = _seat(user, occurrence)
    assert can_see_sheet(user, occurrence)
    assert can_manage_slots(user, occurrence) is manage
    assert may_bring_something(user, occurrence, seat=seat, relation=None) is bring
    assert can_claim_slot(user, occurrence, seat=seat, now=now()) is bring


def test_nobody_outside_sees_or_brings(world):
    occurrence, hidden = world["occurrence"], world["hidden"]
    slot = SlotFactory(occurrence=hidden)
    ClaimFactory(slot=slot)
    member = world["member"]
    assert not can_see_sheet(member, hidden)
    assert not visible_slots(member).filter(pk=slot.pk).exists()
    assert not visible_claims(member).filter(slot=slot).exists()
    assert not visible_slots(None).exists()
    applicant = ApplicantFactory()
    assert not may_bring_something(applicant, occurrence, seat=CONFIRMED, relation=None)
    assert not may_bring_something(None, occurrence, seat=CONFIRMED, relation=None)


def test_the_slots_and_claims_of_what_one_sees(world):
    occurrence, member = world["occurrence"], world["member"]
    claim = ClaimFactory(slot=SlotFactory(occurrence=occurrence))
    assert list(visible_slots(member)) == [claim.slot]
    assert list(visible_claims(member)) == [claim]


def test_the_sheet_is_open_until_cancelled_or_over():
    occurrence = OccurrenceFactory()
    assert sheet_is_open(occurrence, now())
    assert not sheet_is_open(occurrence, occurrence.ends_at)
    occurrence.cancelled_at = now()
    assert not sheet_is_open(occurrence, now())
    occurrence.cancelled_at = None
    occurrence.event.cancelled_at = now()
    assert not sheet_is_open(occurrence, now())
    host = HostFactory(event=occurrence.event).user
    assert not can_claim_slot(host, occurrence, seat="", now=now())


@pytest.mark.parametrize(
    ("attendee_list", "who", "sees"),
    [
        (Event.AttendeeList.HOSTS, "host", True),
        (Event.AttendeeList.HOSTS, "facilitator", True),
        (Event.AttendeeList.HOSTS, "going", False),
        (Event.AttendeeList.ATTENDEES, "going", True),
        (Event.AttendeeList.ATTENDEES, "pending", False),
        (Event.AttendeeList.EVERYONE, "member", True),
    ],
)
def test_claimers_names_follow_the_attendee_list(world, attendee_list, who, sees):
    occurrence, user = world["occurrence"], world[who]
    occurrence.event.attendee_list = attendee_list
    occurrence.event.save()
    assert can_see_claimers(user, occurrence, seat=_seat(user, occurrence), relation=None) is sees


def test_who_withdraws_a_claim(world):
    occurrence = world["occurrence"]
    claim = ClaimFactory(slot=SlotFactory(occurrence=occurrence), user=world["going"])
    assert can_withdraw_claim(world["going"], claim)
    assert can_withdraw_claim(world["host"], claim)
    assert not can_withdraw_claim(world["facilitator"], claim)
    assert not can_withdraw_claim(world["member"], claim)
    assert not can_withdraw_claim(None, claim)
    assert not can_withdraw_claim(ApplicantFactory(), claim)


def test_the_cards_add_up():
    mine = ClaimCard(
        id=1,
        dish="Flan",
        servings=8,
        diet=("vegetarian", "retired_code"),
        allergens=("eggs", "milk", "retired_code"),
        name="Ana",
        member_id=5,
        mine=True,
        can_withdraw=True,
    )
    other = ClaimCard(1, "Tarta", None, (), (), None, None, False, False)
    slot = SlotCard(
        id=1, course="dessert", course_label="Dessert", label="", wanted=3, claims=(mine,)
    )
    full = SlotCard(id=2, course="main", course_label="Main", label="", wanted=1, claims=(other,))
    assert mine.diet_labels == ["Vegetarian"]
    assert mine.allergen_labels == ["Eggs", "Milk"]
    assert (slot.claimed, slot.still_needed, slot.mine) == (1, 2, mine)
    assert (full.still_needed, full.mine) == (0, None)
    sheet = SheetCard(1, (slot, full), False, False, False, None, None)
    assert sheet.still_needed == 2
    assert sheet.open_slots == [slot]
    assert NeedCount("vegan", "Vegan", None).fewer_than_three
    assert not NeedCount("vegan", "Vegan", 3).fewer_than_three
    assert [shown_count(n) for n in (1, 2, 3, 10)] == [None, None, 3, 10]


def _going_with(occurrence, *, diet=(), allergies=(), audience=Audience.MEMBERS, seat=CONFIRMED):
    user = UserFactory()
    user.profile.diet, user.profile.allergies = list(diet), list(allergies)
    user.profile.dietary_needs_audience = audience
    user.profile.save()
    RsvpFactory(occurrence=occurrence, user=user, seat=seat)
    return user


def test_dietary_needs_are_counted_without_names_and_small_counts_hidden():
    occurrence = OccurrenceFactory()
    viewer = _going_with(occurrence)
    for _ in range(3):
        _going_with(occurrence, diet=["vegan", "vegan"], allergies=["nuts"])
    _going_with(occurrence, diet=["halal"], allergies=["nuts"])
    # Not counted: needs shown only to organisers, or only to the member; a pending seat; a
    # member in a block with the viewer.
    _going_with(occurrence, diet=["kosher"], audience=Audience.ORGANISERS)
    _going_with(occurrence, diet=["kosher"], audience=Audience.ONLY_ME)
    _going_with(occurrence, diet=["kosher"], seat=Rsvp.Seat.PENDING)
    blocked = _going_with(occurrence, allergies=["sesame"], diet=["vegan"])
    BlockFactory(blocker=blocked, blocked=viewer)
    diets, allergies = dietary_counts(viewer, occurrence)
    assert [(c.code, c.count) for c in diets] == [("vegan", 3), ("halal", None)]
    assert [(c.code, c.count) for c in allergies] == [("nuts", 4)]


def test_organisers_count_the_needs_shown_to_organisers(organiser):
    occurrence = OccurrenceFactory()
    for _ in range(3):
        _going_with(occurrence, diet=["kosher"], audience=Audience.ORGANISERS)
    _going_with(occurrence, diet=["vegan"], audience=Audience.SHARED_GROUP)
    diets, _ = dietary_counts(organiser, occurrence)
    assert [(c.code, c.count) for c in diets] == [("vegan", None), ("kosher", 3)]


def test_ones_own_needs_count_for_oneself():
    occurrence = OccurrenceFactory()
    me = _going_with(occurrence, diet=["vegan"], audience=Audience.ONLY_ME)
    diets, allergies = dietary_counts(me, occurrence)
    assert [(c.code, c.count) for c in diets] == [("vegan", None)]
    assert allergies == ()


def _card(viewer, occurrence, **extra):
    return sheet_card(viewer, occurrence, seat=_seat(viewer, occurrence), now=now(), **extra)


def test_the_card_for_a_confirmed_attendee_with_names_hidden(world):
    occurrence, going = world["occurrence"], world["going"]
    slot = SlotFactory(occurrence=occurrence, wanted=3, label="postres")
    other = ClaimFactory(slot=slot, user=world["pending"], dish="Tarta")
    mine = ClaimFactory(slot=slot, user=going, dish="Flan", servings=6, diet_tags=["vegan"])
    card = _card(going, occurrence, relation=event_relation(going, occurrence.event))
    assert (card.can_claim, card.can_manage, card.shows_names) == (True, False, False)
    assert card.diets == ()
    assert card.allergies == ()
    (shown,) = card.slots
    assert (shown.label, shown.wanted, shown.claimed, shown.still_needed) == ("postres", 3, 2, 1)
    first, second = shown.claims
    assert (first.id, first.dish, first.name, first.member_id, first.mine) == (
        other.pk,
        "Tarta",
        None,
        None,
        False,
    )
    assert not first.can_withdraw
    assert (second.id, second.name, second.mine, second.can_withdraw) == (
        mine.pk,
        going.profile.chosen_name,
        True,
        True,
    )
    assert second.servings == 6
    assert second.diet == ("vegan",)


def test_the_card_for_a_host_names_claimers_but_never_one_in_a_block(world):
    occurrence, host = world["occurrence"], world["host"]
    slot = SlotFactory(occurrence=occurrence, wanted=2)
    named = ClaimFactory(slot=slot, user=world["going"], dish="Pan")
    blocked = ClaimFactory(
        slot=slot, user=world["pending"], dish="Pan de Marisol", allergens=["gluten"]
    )
    BlockFactory(blocker=host, blocked=world["pending"])
    card = _card(host, occurrence)
    assert (card.can_manage, card.shows_names) == (True, True)
    first, second = card.slots[0].claims
    assert (first.id, first.name, first.can_withdraw) == (
        named.pk,
        world["going"].profile.chosen_name,
        True,
    )
    assert (second.id, second.name, second.member_id, second.dish) == (blocked.pk, None, None, "")
    assert second.allergens == ("gluten",)
    assert card.slots[0].still_needed == 0


def test_the_card_for_one_who_only_sees_the_event(world):
    occurrence = world["occurrence"]
    ClaimFactory(slot=SlotFactory(occurrence=occurrence), user=world["going"], dish="Sopa")
    card = _card(world["member"], occurrence)
    assert (card.can_claim, card.can_manage, card.diets, card.allergies) == (
        False,
        False,
        None,
        None,
    )
    assert card.slots[0].claims[0].dish == "Sopa"
    for nobody in (None, AnonymousUser()):
        empty = sheet_card(nobody, occurrence, seat="", now=now())
        assert not empty.can_claim
        assert empty.slots[0].claims[0].mine is False


def test_a_closed_sheet_takes_no_claims_but_shows_them(world):
    occurrence, going = world["occurrence"], world["going"]
    SlotFactory(occurrence=occurrence)
    card = sheet_card(going, occurrence, seat=CONFIRMED, now=occurrence.ends_at + timedelta(1))
    assert not card.can_claim
    assert card.diets == ()
