"""The sign-up sheet on a gathering's page: what each member sees (slots, still needed, names
only where allowed, never someone in a block), the forms, and the writes that come back to the
page with a message; bad input is a message, never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tejido.accounts.factories import BlockFactory, UserFactory
from tejido.gatherings.factories import (
    ClaimFactory,
    HostFactory,
    OccurrenceFactory,
    RsvpFactory,
    SlotFactory,
)
from tejido.gatherings.models import Claim, Event, Slot
from tejido.gatherings.selectors import get_occurrence_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """These tests read the sheet's English words."""
    with translation.override("en"):
        yield


@pytest.fixture
def occurrence():
    return OccurrenceFactory()


@pytest.fixture
def host(occurrence):
    return HostFactory(event=occurrence.event, user=UserFactory(language="en")).user


def _going(occurrence, **profile):
    user = UserFactory(language="en")
    for name, value in profile.items():
        setattr(user.profile, name, value)
    user.profile.save()
    RsvpFactory(occurrence=occurrence, user=user)
    return user


def _sheet(viewer, occurrence) -> str:
    request = RequestFactory().get("/")
    request.user = viewer
    page = get_occurrence_page(viewer=viewer, occurrence_id=occurrence.pk)
    return render_to_string("events/_sheet.html", {"page": page}, request=request)


def _messages(response) -> list[str]:
    """The messages this answer left for the next page (and forget them, as a page would)."""
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    response.client.cookies.pop("messages", None)
    return shown


def _back(occurrence) -> str:
    return reverse("occurrence_detail", args=[occurrence.pk]) + "#sheet"


# What each member sees ----------------------------------------------------------------------


def test_a_confirmed_attendee_sees_what_is_needed_and_can_sign_up(occurrence):
    slot = SlotFactory(occurrence=occurrence, course=Slot.Course.DESSERT, wanted=3)
    ClaimFactory(
        slot=slot, dish="Flan de coco", servings=6, diet_tags=["vegan"], allergens=["nuts"]
    )
    me = _going(occurrence)
    html = _sheet(me, occurrence)
    assert 'id="sheet"' in html
    assert "Dessert" in html
    assert "1 of 3 signed up" in html
    assert "2 still needed" in html
    assert "Flan de coco" in html
    assert "6 servings" in html
    assert "Vegan" in html
    assert "Contains: Tree nuts" in html
    assert reverse("sheet_claim", args=[occurrence.pk, slot.pk]) in html
    assert 'name="allergens" value="molluscs"' in html
    assert "Add a slot" not in html
    assert "What attendees need" in html


def test_the_attendees_needs_are_counted_without_names(occurrence):
    SlotFactory(occurrence=occurrence)
    me = _going(occurrence)
    for _ in range(3):
        _going(occurrence, diet=["vegan"], dietary_needs_audience="members")
    named = _going(occurrence, allergies=["sesame"], dietary_needs_audience="members")
    html = _sheet(me, occurrence)
    assert "Vegan: 3" in html
    assert "Sesame: fewer than 3" in html
    assert named.profile.chosen_name not in html


def test_a_host_sees_names_and_the_slot_forms_but_never_someone_in_a_block(occurrence, host):
    slot = SlotFactory(occurrence=occurrence, wanted=2)
    friend, blocked = _going(occurrence), _going(occurrence)
    ClaimFactory(slot=slot, user=friend, dish="Pan")
    ClaimFactory(slot=slot, user=blocked, dish="El pan de BLOCKED-MARKER", allergens=["gluten"])
    BlockFactory(blocker=blocked, blocked=host)
    html = _sheet(host, occurrence)
    assert friend.profile.chosen_name in html
    assert blocked.profile.chosen_name not in html
    assert "BLOCKED-MARKER" not in html
    assert "Claimed" in html
    assert "Contains: Cereals with gluten" in html
    assert reverse("sheet_slot_add", args=[occurrence.pk]) in html
    assert reverse("sheet_slot_remove", args=[occurrence.pk, slot.pk]) in html
    assert "covered" in html


def test_one_without_a_place_sees_the_sheet_but_no_form_and_no_counts(occurrence):
    SlotFactory(occurrence=occurrence)
    html = _sheet(UserFactory(language="en"), occurrence)
    assert "Sign-up sheet" in html
    assert "People with a confirmed place can sign up" in html
    assert 'name="dish"' not in html
    assert "What attendees need" not in html


def test_no_sheet_shows_nothing_to_members_and_an_empty_state_to_hosts(occurrence, host):
    assert _sheet(_going(occurrence), occurrence).strip() == ""
    assert "There is no sign-up sheet yet" in _sheet(host, occurrence)


def test_ones_own_claim_can_be_changed_and_withdrawn(occurrence):
    me = _going(occurrence)
    claim = ClaimFactory(slot=SlotFactory(occurrence=occurrence), user=me, diet_tags=["halal"])
    html = _sheet(me, occurrence)
    assert reverse("sheet_claim_change", args=[occurrence.pk, claim.pk]) in html
    assert reverse("sheet_claim_withdraw", args=[occurrence.pk, claim.pk]) in html
    assert f'id="change-{claim.pk}-diet-halal" class="choices" checked' in html


# Writing -------------------------------------------------------------------------------------


def test_claiming_comes_back_with_thanks(login, occurrence):
    slot = SlotFactory(occurrence=occurrence, wanted=1)
    me = _going(occurrence)
    response = login(me).post(
        reverse("sheet_claim", args=[occurrence.pk, slot.pk]),
        {"dish": "Gazpacho", "servings": "10", "diet": ["vegan"], "allergens": ["celery"]},
    )
    assert response.status_code == 302
    assert response["Location"] == _back(occurrence)
    claim = Claim.objects.get()
    assert (claim.dish, claim.servings, claim.diet_tags, claim.allergens) == (
        "Gazpacho",
        10,
        ["vegan"],
        ["celery"],
    )
    assert _messages(response) == ["Thank you! You signed up to bring Gazpacho."]
    late = login(_going(occurrence)).post(
        reverse("sheet_claim", args=[occurrence.pk, slot.pk]), {"dish": "Salmorejo"}
    )
    assert late.status_code == 302
    assert "Enough people already signed up" in _messages(late)[0]


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"dish": ""},
        {"dish": "Flan", "servings": "muchas"},
        {"dish": "Flan", "servings": "-3"},
        {"dish": "Flan", "diet": ["paleo"]},
        {"dish": "x" * 500},
        {"dish": "a\x00b"},
    ],
)
def test_bad_claims_come_back_with_a_message_and_change_nothing(login, occurrence, data):
    slot = SlotFactory(occurrence=occurrence)
    response = login(_going(occurrence)).post(
        reverse("sheet_claim", args=[occurrence.pk, slot.pk]), data
    )
    assert response.status_code == 302
    assert _messages(response)
    assert not Claim.objects.exists()


def test_one_without_a_seat_is_told_to_answer_first(login, occurrence):
    slot = SlotFactory(occurrence=occurrence)
    response = login(UserFactory(language="en")).post(
        reverse("sheet_claim", args=[occurrence.pk, slot.pk]), {"dish": "Flan"}
    )
    assert response.status_code == 302
    assert "Answer that you are going first" in _messages(response)[0]


def test_changing_and_withdrawing_a_claim(login, occurrence):
    me = _going(occurrence)
    claim = ClaimFactory(slot=SlotFactory(occurrence=occurrence), user=me)
    client = login(me)
    changed = client.post(
        reverse("sheet_claim_change", args=[occurrence.pk, claim.pk]),
        {"dish": "Tarta de queso", "allergens": ["milk"]},
    )
    claim.refresh_from_db()
    assert (claim.dish, claim.allergens) == ("Tarta de queso", ["milk"])
    assert _messages(changed) == ["What you bring was changed."]
    assert _messages(
        client.post(reverse("sheet_claim_change", args=[occurrence.pk, claim.pk]), {"dish": ""})
    )
    invisible = client.post(
        reverse("sheet_claim_change", args=[occurrence.pk, claim.pk]), {"dish": "Pan\u200b"}
    )
    assert "invisible" in _messages(invisible)[0]
    claim.refresh_from_db()
    assert claim.dish == "Tarta de queso"
    gone = client.post(reverse("sheet_claim_withdraw", args=[occurrence.pk, claim.pk]))
    assert gone["Location"] == _back(occurrence)
    assert not Claim.objects.exists()


def test_someone_elses_claim_is_not_found_unless_one_runs_the_event(login, occurrence, host):
    claim = ClaimFactory(slot=SlotFactory(occurrence=occurrence), user=_going(occurrence))
    url = reverse("sheet_claim_withdraw", args=[occurrence.pk, claim.pk])
    assert login(_going(occurrence)).post(url).status_code == 404
    assert (
        login(_going(occurrence))
        .post(reverse("sheet_claim_change", args=[occurrence.pk, claim.pk]), {"dish": "X"})
        .status_code
        == 404
    )
    response = login(host).post(url)
    assert _messages(response) == ["The sign-up was removed."]
    assert not Claim.objects.exists()


def test_a_host_adds_changes_and_removes_slots(login, occurrence, host):
    client = login(host)
    added = client.post(
        reverse("sheet_slot_add", args=[occurrence.pk]),
        {"course": "material", "label": "Pinceles", "wanted": "5"},
    )
    assert added["Location"] == _back(occurrence)
    assert _messages(added) == ["The slot is on the sheet."]
    slot = Slot.objects.get()
    assert (slot.course, slot.label, slot.wanted) == ("material", "Pinceles", 5)
    changed = client.post(
        reverse("sheet_slot_change", args=[occurrence.pk, slot.pk]), {"label": "", "wanted": "2"}
    )
    assert _messages(changed) == ["The slot was changed."]
    slot.refresh_from_db()
    assert (slot.label, slot.wanted) == ("", 2)
    ClaimFactory.create_batch(2, slot=slot)
    refused = client.post(
        reverse("sheet_slot_change", args=[occurrence.pk, slot.pk]), {"wanted": "1"}
    )
    assert "More people already signed up" in _messages(refused)[0]
    for bad in ({"wanted": "0"}, {"wanted": "lots"}, {"label": "x" * 300, "wanted": "2"}):
        assert _messages(
            client.post(reverse("sheet_slot_change", args=[occurrence.pk, slot.pk]), bad)
        )
    client.post(reverse("sheet_slot_remove", args=[occurrence.pk, slot.pk]))
    assert not Slot.objects.exists()


@pytest.mark.parametrize(
    ("kind", "course", "label", "item", "shown"),
    [
        (Event.Kind.ART_WORKSHOP, "material", "Pinceles finos", "Tres pinceles", "Materials"),
        (Event.Kind.VOLUNTEERING, "role", "Recepción", "Turno de mañana", "Volunteer role"),
    ],
)
def test_the_sheet_takes_workshop_materials_and_volunteering_roles(
    login, kind, course, label, item, shown
):
    """The potluck's slots serve a workshop's materials and a volunteering day's roles: a host
    adds one, a confirmed attendee signs up for it, the host sees who, and the next one is
    told it is covered."""
    occurrence = OccurrenceFactory(event__kind=kind)
    host = HostFactory(event=occurrence.event, user=UserFactory(language="en")).user
    added = login(host).post(
        reverse("sheet_slot_add", args=[occurrence.pk]),
        {"course": course, "label": label, "wanted": "1"},
    )
    assert _messages(added) == ["The slot is on the sheet."]
    slot = Slot.objects.get(occurrence=occurrence)
    assert (slot.course, slot.label) == (course, label)
    volunteer = _going(occurrence)
    page = login(volunteer).get(reverse("occurrence_detail", args=[occurrence.pk])).content.decode()
    assert f"{shown}: {label}" in page
    assert "0 of 1 signed up" in page
    response = login(volunteer).post(
        reverse("sheet_claim", args=[occurrence.pk, slot.pk]), {"dish": item}
    )
    assert _messages(response) == [f"Thank you! You signed up to bring {item}."]
    claim = Claim.objects.get(slot=slot)
    assert (claim.user, claim.dish, claim.servings, claim.diet_tags) == (volunteer, item, None, [])
    html = _sheet(host, occurrence)
    assert "1 of 1 signed up" in html
    assert item in html
    assert volunteer.profile.chosen_name in html
    assert "Everything on the sheet is covered" in html
    late = login(_going(occurrence)).post(
        reverse("sheet_claim", args=[occurrence.pk, slot.pk]), {"dish": item}
    )
    assert "Enough people already signed up" in _messages(late)[0]
    assert Claim.objects.filter(slot=slot).count() == 1


@pytest.mark.parametrize(
    "data",
    [{}, {"course": "soup", "wanted": "1"}, {"course": "main", "wanted": "1000"}],
)
def test_bad_slots_come_back_with_a_message(login, occurrence, host, data):
    response = login(host).post(reverse("sheet_slot_add", args=[occurrence.pk]), data)
    assert response.status_code == 302
    assert _messages(response)
    assert not Slot.objects.exists()


def test_a_label_with_a_nul_is_refused_by_the_service(login, occurrence, host):
    response = login(host).post(
        reverse("sheet_slot_add", args=[occurrence.pk]),
        {"course": "main", "label": "a\x00b", "wanted": "1"},
    )
    assert _messages(response)
    assert not Slot.objects.exists()


def test_only_those_who_run_the_event_manage_slots(login, occurrence):
    slot = SlotFactory(occurrence=occurrence)
    client = login(_going(occurrence))
    data = {"course": "main", "wanted": "1"}
    assert client.post(reverse("sheet_slot_add", args=[occurrence.pk]), data).status_code == 404
    for name in ("sheet_slot_change", "sheet_slot_remove"):
        response = client.post(reverse(name, args=[occurrence.pk, slot.pk]), {"wanted": "3"})
        assert response.status_code == 404
    assert Slot.objects.get().wanted == 2


def test_a_slot_under_another_date_or_hidden_is_not_found(login, occurrence, host):
    other = SlotFactory()
    client = login(host)
    assert (
        client.post(
            reverse("sheet_claim", args=[occurrence.pk, other.pk]), {"dish": "X"}
        ).status_code
        == 404
    )
    claim = ClaimFactory(slot=other)
    assert (
        client.post(reverse("sheet_claim_withdraw", args=[occurrence.pk, claim.pk])).status_code
        == 404
    )
    hidden = OccurrenceFactory(event__visibility=Event.Visibility.INVITATION)
    assert (
        client.post(
            reverse("sheet_slot_add", args=[hidden.pk]), {"course": "main", "wanted": "1"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("sheet_claim", args=[occurrence.pk, 999999]), {"dish": "X"}).status_code
        == 404
    )


def test_the_sheet_takes_only_post(login, occurrence):
    slot = SlotFactory(occurrence=occurrence)
    assert (
        login(_going(occurrence))
        .get(reverse("sheet_claim", args=[occurrence.pk, slot.pk]))
        .status_code
        == 405
    )
