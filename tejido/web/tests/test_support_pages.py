"""Support circles' pages: the hub and the list (with its empty state), a circle's page with
asking for a place, the agreement and leaving; the facilitators' intake queue and intake
editing; the organisers' pages. Missing and hidden answer the same 404."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import ProfessionalVerification
from tejido.notifications.models import Notice
from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory
from tejido.support.models import Circle, Facilitator, KeepApart, Place
from tejido.web.forms.support import CircleForm

pytestmark = pytest.mark.django_db


def _page(client, name, *args):
    return client.get(reverse(name, args=args)).content.decode()


def test_the_hub_and_the_empty_list_say_what_to_do(login):
    client = login(UserFactory(language="en"))
    assert reverse("support_circles") in _page(client, "support_hub")
    html = _page(client, "support_circles")
    assert "There is no open circle yet" in html


def test_a_member_asks_a_facilitator_accepts_and_the_member_sees_the_circle(login):
    circle = CircleFactory(name_es="Salir del armario", show_names_to_members=True)
    facilitator = FacilitatorFactory(circle=circle).user
    member = UserFactory(profile__chosen_name="Lu", language="en")
    client = login(member)
    html = _page(client, "support_circle", circle.pk)
    assert "What do you hope for?" in html
    assert "What is said in the circle stays" in html
    refused = client.post(reverse("support_circle_ask", args=[circle.pk]), {"answer_0": "x"})
    assert refused.status_code == 400
    assert not Place.objects.exists()
    asked = client.post(
        reverse("support_circle_ask", args=[circle.pk]),
        {"answer_0": "Quiero hablar", "agreed": "on"},
    )
    assert asked.status_code == 302
    notice = Notice.objects.get(user=facilitator)
    assert "Salir" not in str(notice.params)
    assert "Lu" not in str(notice.params)

    facilitating = login(facilitator)
    queue = _page(facilitating, "support_intake", circle.pk)
    assert "Lu" in queue
    assert "Quiero hablar" in queue
    place = Place.objects.get()
    decided = facilitating.post(
        reverse("support_intake_decide", args=[circle.pk, place.pk]), {"decision": "accept"}
    )
    assert decided.status_code == 302
    assert "Lu" in _page(facilitating, "support_circle", circle.pk)
    assert "You are in this circle." in _page(client, "support_circle", circle.pk)


def test_others_get_the_same_404_for_a_hidden_circle_and_the_intake(login):
    hidden = CircleFactory(is_listed=False)
    FacilitatorFactory(circle=hidden)
    client = login(UserFactory())
    for name in ("support_circle", "support_intake", "support_intake_edit"):
        assert client.get(reverse(name, args=[hidden.pk])).status_code == 404
        assert client.get(reverse(name, args=[10**6])).status_code == 404
    organiser = login(OrganiserFactory())
    assert organiser.get(reverse("support_circle", args=[hidden.pk])).status_code == 200
    assert organiser.get(reverse("support_intake", args=[hidden.pk])).status_code == 404


def test_a_declined_member_reads_a_kind_general_message(login):
    circle = CircleFactory()
    member = UserFactory(language="en")
    PlaceFactory(circle=circle, user=member, state=Place.State.DECLINED)
    html = _page(login(member), "support_circle", circle.pk)
    assert "cannot offer you a place this time" in html


def test_a_changed_agreement_hides_the_roster_until_accepted(login):
    circle = CircleFactory(show_names_to_members=True)
    facilitator = FacilitatorFactory(circle=circle).user
    member = UserFactory(language="en")
    PlaceFactory(circle=circle, user=member)
    PlaceFactory(circle=circle, user=UserFactory(profile__chosen_name="Compa"))
    client = login(member)
    assert "Compa" in _page(client, "support_circle", circle.pk)
    login(facilitator).post(
        reverse("support_intake_edit", args=[circle.pk]),
        {
            "questions_es": "¿Por qué?",
            "questions_en": "",
            "agreement_es": "Nuevo",
            "agreement_en": "",
        },
    )
    html = _page(client, "support_circle", circle.pk)
    assert "Compa" not in html
    assert "agreement changed" in html
    client.post(reverse("support_circle_agree", args=[circle.pk]))
    assert "Compa" in _page(client, "support_circle", circle.pk)


def test_leaving_deletes_the_place(login):
    circle = CircleFactory()
    member = UserFactory()
    PlaceFactory(circle=circle, user=member)
    response = login(member).post(reverse("support_circle_leave", args=[circle.pk]))
    assert response.status_code == 302
    assert not Place.objects.exists()


def test_a_therapy_circle_names_its_professional_and_who_verified_them(login):
    organiser = OrganiserFactory(profile__chosen_name="Org Ana")
    psychologist = UserFactory(profile__chosen_name="Dra Ruiz")
    ProfessionalVerification.objects.create(
        user=psychologist,
        profession="Psicóloga",
        method="Colegio oficial",
        verified_by=organiser,
        verified_at=datetime(2026, 3, 4, 12, tzinfo=UTC),
    )
    circle = CircleFactory(kind=Circle.Kind.THERAPY)
    FacilitatorFactory(circle=circle, user=psychologist)
    html = _page(login(UserFactory(language="en")), "support_circle", circle.pk)
    assert "Group therapy" in html
    # Who verified them, and when: the day, for people and for machines.
    assert "Dra Ruiz, Psicóloga: verified by Org Ana on" in html
    assert re.search(r'<time datetime="2026-03-04T[0-9:]+[+-][0-9:]+">March 4, 2026</time>', html)
    spanish = _page(login(UserFactory(language="es")), "support_circle", circle.pk)
    assert "4 de marzo de 2026</time>" in spanish


def test_the_intake_page_warns_without_saying_why(login):
    circle = CircleFactory()
    facilitator = FacilitatorFactory(circle=circle, user__language="en").user
    inside = PlaceFactory(circle=circle).user
    asked = PlaceFactory(
        circle=circle, state=Place.State.ASKED, user__profile__chosen_name="Pide Sitio"
    )
    low, high = sorted((inside.pk, asked.user_id))
    KeepApart.objects.create(first_id=low, second_id=high)
    html = _page(login(facilitator), "support_intake", circle.pk)
    assert "Pide Sitio" in html
    assert "This person cannot be placed in this circle." in html
    assert 'value="accept"' not in html
    assert inside.profile.chosen_name not in html


def test_a_facilitator_kept_apart_sees_an_unnamed_request_and_the_member_not_them(login):
    circle = CircleFactory()
    facilitator = FacilitatorFactory(
        circle=circle, user__language="en", user__profile__chosen_name="Faci Lejos"
    ).user
    member = UserFactory(language="en", profile__chosen_name="Pide Lejos")
    asking = login(member)
    asking.post(
        reverse("support_circle_ask", args=[circle.pk]),
        {"answer_0": "RESPUESTA-APARTE", "agreed": "on"},
    )
    place = Place.objects.get(user=member)
    low, high = sorted((facilitator.pk, member.pk))
    KeepApart.objects.create(first_id=low, second_id=high)
    facilitating = login(facilitator)
    html = _page(facilitating, "support_intake", circle.pk)
    assert "A request for a place" in html
    assert "This person cannot be placed in this circle." in html
    assert "Pide Lejos" not in html
    assert "RESPUESTA-APARTE" not in html
    assert "<time" not in html.split('class="list"')[1].split("</ul>")[0]
    assert 'value="accept"' not in html
    assert "Requests for a place (1)" in _page(facilitating, "support_circle", circle.pk)
    facilitating.post(
        reverse("support_intake_decide", args=[circle.pk, place.pk]), {"decision": "accept"}
    )
    place.refresh_from_db()
    assert place.state == Place.State.ASKED
    declined = facilitating.post(
        reverse("support_intake_decide", args=[circle.pk, place.pk]), {"decision": "decline"}
    )
    assert declined.status_code == 302
    place.refresh_from_db()
    assert place.state == Place.State.DECLINED
    # The member reads the kind, general message, and never sees that facilitator.
    mine = _page(asking, "support_circle", circle.pk)
    assert "cannot offer you a place this time" in mine
    assert "Faci Lejos" not in mine


def test_organisers_create_a_circle_name_facilitators_and_keep_members_apart(login):
    organiser = login(OrganiserFactory())
    facilitator, first, second = UserFactory(), UserFactory(), UserFactory()
    assert organiser.get(reverse("organise_circles")).status_code == 200
    therapy = organiser.post(
        reverse("organise_circle_new"),
        {
            "name_es": "Terapia",
            "theme": "family",
            "kind": "therapy",
            "language": "es",
            "size_limit": 8,
        },
    )
    assert therapy.status_code == 400
    assert not Circle.objects.exists()
    made = organiser.post(
        reverse("organise_circle_new"),
        {
            "name_es": "Duelo",
            "theme": "grief",
            "kind": "peer",
            "language": "es",
            "size_limit": 6,
            "retention_days": 90,
        },
    )
    circle = Circle.objects.get()
    assert made.status_code == 302
    assert circle.retention_days == 90
    assert 'name="retention_days" value="90"' in _page(organiser, "organise_circle_new")
    edited = organiser.post(
        reverse("organise_circle", args=[circle.pk]),
        {**CircleForm.initial_for(circle), "retention_days": 30},
    )
    assert edited.status_code == 302
    circle.refresh_from_db()
    assert circle.retention_days == 30
    assert circle.intake.agreement_version == 1
    organiser.post(
        reverse("organise_circle_facilitator", args=[circle.pk]), {"member": facilitator.pk}
    )
    assert Facilitator.objects.filter(circle=circle, user=facilitator).exists()
    facilitator.refresh_from_db()
    assert facilitator.is_facilitator
    assert "Duelo" in _page(organiser, "organise_circle", circle.pk)
    organiser.post(reverse("organise_circles_keep_apart"), {"first": first.pk, "second": second.pk})
    assert KeepApart.objects.count() == 1
    organiser.post(reverse("organise_circle_facilitator_remove", args=[circle.pk, facilitator.pk]))
    assert not Facilitator.objects.exists()
    organiser.post(reverse("organise_circle_archive", args=[circle.pk]))
    circle.refresh_from_db()
    assert circle.archived_at is not None


def test_organisers_see_no_roster_and_no_answers(login):
    circle = CircleFactory(show_names_to_members=True)
    FacilitatorFactory(circle=circle)
    PlaceFactory(circle=circle, user=UserFactory(profile__chosen_name="Escondida"))
    html = _page(login(OrganiserFactory()), "support_circle", circle.pk)
    assert "Escondida" not in html
