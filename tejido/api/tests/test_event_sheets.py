"""The sign-up sheet through the JSON API: reading it as each member may see it, hosts adding
slots, claiming (never past what is wanted) and withdrawing; missing and forbidden alike."""

from typing import get_args

import pytest

from tejido.accounts.factories import BlockFactory, UserFactory
from tejido.api.v1.event_sheets import Course
from tejido.gatherings.factories import (
    ClaimFactory,
    EventFactory,
    HostFactory,
    OccurrenceFactory,
    RsvpFactory,
    SlotFactory,
)
from tejido.gatherings.models import Claim, Event, Slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def occurrence():
    return OccurrenceFactory()


def _going(occurrence, **profile):
    user = UserFactory()
    for name, value in profile.items():
        setattr(user.profile, name, value)
    user.profile.save()
    RsvpFactory(occurrence=occurrence, user=user)
    return user


def test_the_courses_are_the_models(occurrence):
    assert set(get_args(Course)) == set(Slot.Course.values)


def test_reading_the_sheet(api, occurrence):
    slot = SlotFactory(occurrence=occurrence, wanted=3, label="postres")
    me = _going(occurrence)
    other = _going(occurrence, diet=["vegan"], dietary_needs_audience="members")
    ClaimFactory(slot=slot, user=me, dish="Flan", servings=4, allergens=["eggs", "milk"])
    ClaimFactory(slot=slot, user=other, dish="Tarta")
    body = api(me).get(f"/occurrences/{occurrence.pk}/sheet").json()
    assert (body["still_needed"], body["can_claim"], body["can_manage"]) == (1, True, False)
    assert body["shows_names"] is False
    (shown,) = body["slots"]
    assert (shown["course"], shown["label"], shown["wanted"], shown["claimed"]) == (
        "dessert",
        "postres",
        3,
        2,
    )
    mine, theirs = shown["claims"]
    assert mine["mine"]
    assert mine["member"] == {"id": me.pk, "chosen_name": me.profile.chosen_name}
    assert mine["allergens"] == ["eggs", "milk"]
    assert (theirs["dish"], theirs["member"], theirs["can_withdraw"]) == ("Tarta", None, False)
    assert [(n["code"], n["count"]) for n in body["diets"]] == [("vegan", None)]
    assert body["allergies"] == []


def test_a_host_sees_names_but_never_someone_in_a_block(api, occurrence):
    host = HostFactory(event=occurrence.event).user
    blocked = _going(occurrence)
    ClaimFactory(slot=SlotFactory(occurrence=occurrence), user=blocked, dish="MARKER")
    BlockFactory(blocker=host, blocked=blocked)
    response = api(host).get(f"/occurrences/{occurrence.pk}/sheet")
    assert "MARKER" not in response.content.decode()
    assert blocked.profile.chosen_name not in response.content.decode()
    claim = response.json()["slots"][0]["claims"][0]
    assert (claim["member"], claim["can_withdraw"]) == (None, True)


def test_one_who_only_sees_the_event_gets_no_counts(api, occurrence):
    SlotFactory(occurrence=occurrence)
    body = api(UserFactory()).get(f"/occurrences/{occurrence.pk}/sheet").json()
    assert (body["can_claim"], body["diets"], body["allergies"]) == (False, None, None)


def test_a_hidden_or_missing_sheet_is_not_found_alike(api, occurrence):
    hidden = OccurrenceFactory(event=EventFactory(visibility=Event.Visibility.INVITATION))
    SlotFactory(occurrence=hidden)
    client = api(UserFactory())
    a = client.get(f"/occurrences/{hidden.pk}/sheet")
    b = client.get("/occurrences/999999/sheet")
    assert a.status_code == b.status_code == 404
    assert a.json() == b.json()


def test_hosts_add_slots_and_nobody_else(api, occurrence):
    host = HostFactory(event=occurrence.event).user
    response = api(host).post(
        f"/occurrences/{occurrence.pk}/slots", {"course": "role", "label": "Puerta", "wanted": 2}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["course"], body["label"], body["wanted"], body["still_needed"]) == (
        "role",
        "Puerta",
        2,
        2,
    )
    refused = api(_going(occurrence)).post(
        f"/occurrences/{occurrence.pk}/slots", {"course": "main"}
    )
    assert refused.status_code == 404
    assert Slot.objects.count() == 1
    bad = api(host).post(f"/occurrences/{occurrence.pk}/slots", {"course": "soup"})
    assert bad.status_code == 422
    invisible = api(host).post(
        f"/occurrences/{occurrence.pk}/slots", {"course": "main", "label": "a\u200bb"}
    )
    assert invisible.status_code == 400
    assert "label" in invisible.json()["detail"]


def test_claiming_and_withdrawing(api, occurrence):
    slot = SlotFactory(occurrence=occurrence, wanted=1)
    me = _going(occurrence)
    response = api(me).post(
        f"/slots/{slot.pk}/claims",
        {"dish": "Pan de centeno", "servings": 10, "diet": ["vegan"], "allergens": ["gluten"]},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["dish"], body["servings"], body["diet"], body["allergens"], body["mine"]) == (
        "Pan de centeno",
        10,
        ["vegan"],
        ["gluten"],
        True,
    )
    full = api(_going(occurrence)).post(f"/slots/{slot.pk}/claims", {"dish": "Más pan"})
    assert (full.status_code, full.json()["code"]) == (409, "slot_full")
    not_going = api(UserFactory()).post(f"/slots/{slot.pk}/claims", {"dish": "Pan"})
    assert (not_going.status_code, not_going.json()["code"]) == (409, "not_going")
    bad = api(me).post(f"/slots/{slot.pk}/claims", {"dish": "Pan", "diet": ["paleo"]})
    assert bad.status_code == 422
    other = api(_going(occurrence)).delete(f"/claims/{body['id']}")
    assert other.status_code == 404
    assert api(me).delete(f"/claims/{body['id']}").status_code == 204
    assert not Claim.objects.exists()
    assert api(me).delete(f"/claims/{body['id']}").status_code == 404


def test_the_operations_are_in_the_document(api):
    document = api(None).get("/openapi.json").json()
    operations = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    assert {
        "get_event_sheet",
        "post_event_slot",
        "post_slot_claim",
        "delete_slot_claim",
    } <= operations
