"""Changing a sign-up sheet through the JSON API: hosts change and remove slots (never wanting
fewer than signed up), members change what they bring; anyone else, and a slot or claim that
does not exist, the same 404; bad input a 4xx that changes nothing."""

import pytest

from tejido.accounts.factories import UserFactory
from tejido.api.tests.conftest import assert_error
from tejido.gatherings.factories import (
    ClaimFactory,
    EventFactory,
    HostFactory,
    OccurrenceFactory,
    RsvpFactory,
    SlotFactory,
)
from tejido.gatherings.models import Claim, Event, Rsvp, Slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def occurrence():
    return OccurrenceFactory()


@pytest.fixture
def host(occurrence):
    return HostFactory(event=occurrence.event).user


def _going(occurrence):
    user = UserFactory()
    RsvpFactory(occurrence=occurrence, user=user)
    return user


def _slots():
    return list(Slot.objects.values_list("pk", "course", "label", "wanted").order_by("pk"))


def _claims():
    return list(
        Claim.objects.values_list("pk", "dish", "servings", "diet_tags", "allergens").order_by("pk")
    )


def test_a_host_changes_a_slot(api, occurrence, host):
    slot = SlotFactory(occurrence=occurrence, course="dessert", wanted=2)
    response = api(host).patch(f"/slots/{slot.pk}", {"wanted": 4, "label": "Tartas"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["id"], body["course"], body["label"], body["wanted"], body["still_needed"]) == (
        slot.pk,
        "dessert",
        "Tartas",
        4,
        4,
    )
    # A field left out, or null, stays as it is.
    body = api(host).patch(f"/slots/{slot.pk}", {"course": "role", "label": None}).json()
    assert (body["course"], body["label"], body["wanted"]) == ("role", "Tartas", 4)


def test_a_slot_never_wants_fewer_than_signed_up(api, occurrence, host):
    slot = SlotFactory(occurrence=occurrence, wanted=3)
    ClaimFactory(slot=slot, user=_going(occurrence))
    ClaimFactory(slot=slot, user=_going(occurrence))
    before = _slots()
    refused = assert_error(
        api(host).patch(f"/slots/{slot.pk}", {"wanted": 1}), 409, "slot_has_claims"
    )
    assert "wanted" in refused["detail"]
    assert _slots() == before


def test_only_hosts_change_or_remove_slots(api, occurrence):
    slot = SlotFactory(occurrence=occurrence)
    hidden = SlotFactory(
        occurrence=OccurrenceFactory(event=EventFactory(visibility=Event.Visibility.INVITATION))
    )
    before = _slots()
    for person in (_going(occurrence), UserFactory()):
        client = api(person)
        answers = [
            assert_error(client.patch(f"/slots/{pk}", {"wanted": 5}), 404, "not_found")
            for pk in (slot.pk, hidden.pk, 999999)
        ]
        answers += [
            assert_error(client.delete(f"/slots/{pk}"), 404, "not_found")
            for pk in (slot.pk, hidden.pk, 999999)
        ]
        assert all(answer == answers[0] for answer in answers)
    assert _slots() == before


def test_changing_a_slot_checks_its_input(api, occurrence, host):
    slot = SlotFactory(occurrence=occurrence)
    client = api(host)
    before = _slots()
    assert_error(client.patch(f"/slots/{slot.pk}", {"course": "soup"}), 422, "invalid")
    assert_error(client.patch(f"/slots/{slot.pk}", {"wanted": 0}), 422, "invalid")
    assert_error(client.patch(f"/slots/{slot.pk}", {"wanted": "many"}), 422, "invalid")
    assert_error(client.patch(f"/slots/{slot.pk}", {"size": 2}), 422, "invalid")
    invisible = client.patch(f"/slots/{slot.pk}", {"label": "a\u200bb"})
    assert "label" in assert_error(invisible, 400, "invalid")["detail"]
    assert_error(client.patch(f"/slots/{slot.pk}", "[]"), 400, "malformed")
    assert _slots() == before


def test_a_host_removes_a_slot_and_its_claims(api, occurrence, host):
    slot = SlotFactory(occurrence=occurrence)
    ClaimFactory(slot=slot, user=_going(occurrence))
    kept = SlotFactory(occurrence=occurrence)
    assert api(host).delete(f"/slots/{slot.pk}").status_code == 204
    assert list(Slot.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Claim.objects.exists()
    assert_error(api(host).delete(f"/slots/{slot.pk}"), 404, "not_found")


def test_a_member_changes_what_they_bring(api, occurrence):
    me = _going(occurrence)
    claim = ClaimFactory(
        slot=SlotFactory(occurrence=occurrence),
        user=me,
        dish="Flan",
        servings=6,
        diet_tags=["vegetarian"],
        allergens=["eggs"],
    )
    response = api(me).patch(f"/claims/{claim.pk}", {"dish": "Tarta de queso", "allergens": []})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["id"], body["dish"], body["servings"], body["diet"], body["allergens"]) == (
        claim.pk,
        "Tarta de queso",
        6,
        ["vegetarian"],
        [],
    )
    assert body["mine"] is True
    # null clears the servings; a field left out stays as it is.
    body = api(me).patch(f"/claims/{claim.pk}", {"servings": None, "diet": ["vegan"]}).json()
    assert (body["dish"], body["servings"], body["diet"]) == ("Tarta de queso", None, ["vegan"])


def test_only_the_claims_author_changes_it(api, occurrence, host):
    slot = SlotFactory(occurrence=occurrence, wanted=3)
    claim = ClaimFactory(slot=slot, user=_going(occurrence), dish="Flan")
    hidden = ClaimFactory(
        slot=SlotFactory(
            occurrence=OccurrenceFactory(event=EventFactory(visibility=Event.Visibility.INVITATION))
        )
    )
    before = _claims()
    # The hosts may remove anyone's claim, never change it.
    for person in (host, _going(occurrence), UserFactory()):
        client = api(person)
        answers = [
            assert_error(client.patch(f"/claims/{pk}", {"dish": "Otra cosa"}), 404, "not_found")
            for pk in (claim.pk, hidden.pk, 999999)
        ]
        assert answers[0] == answers[1] == answers[2]
    assert _claims() == before


def test_without_a_seat_nothing_changes(api, occurrence):
    me = _going(occurrence)
    claim = ClaimFactory(slot=SlotFactory(occurrence=occurrence), user=me, dish="Flan")
    Rsvp.objects.filter(user=me).update(seat=Rsvp.Seat.WAITLISTED)
    assert_error(api(me).patch(f"/claims/{claim.pk}", {"dish": "Pan"}), 409, "not_going")
    assert Claim.objects.get(pk=claim.pk).dish == "Flan"


def test_changing_a_claim_checks_its_input(api, occurrence):
    me = _going(occurrence)
    claim = ClaimFactory(slot=SlotFactory(occurrence=occurrence), user=me, dish="Flan")
    client = api(me)
    before = _claims()
    assert_error(client.patch(f"/claims/{claim.pk}", {"dish": ""}), 422, "invalid")
    assert_error(client.patch(f"/claims/{claim.pk}", {"servings": 0}), 422, "invalid")
    assert_error(client.patch(f"/claims/{claim.pk}", {"diet": ["paleo"]}), 422, "invalid")
    assert_error(client.patch(f"/claims/{claim.pk}", {"allergens": ["sand"]}), 422, "invalid")
    assert_error(client.patch(f"/claims/{claim.pk}", {"colour": "red"}), 422, "invalid")
    blank = assert_error(client.patch(f"/claims/{claim.pk}", {"dish": "   "}), 400, "invalid")
    assert "dish" in blank["detail"]
    assert _claims() == before
