"""The demo network's support circles are alive, in both languages: a trans and nonbinary
circle, a coming-out circle and a family group therapy run by the verified psychologist, with
members and one request for a place waiting; and their pages show it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from tejido.accounts.models import User
from tejido.support.models import Circle, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def test_the_circles_are_alive(seeded):
    assert set(Circle.objects.values_list("theme", flat=True)) == {
        "trans_nonbinary",
        "coming_out",
        "family",
    }
    therapy = Circle.objects.get(kind="therapy")
    assert therapy.facilitators.get().user.professional.profession
    assert Place.objects.filter(state="member").count() == 7
    assert Place.objects.filter(state="asked").count() == 1
    for circle in Circle.objects.all():
        assert circle.name_es
        assert circle.name_en
        assert circle.intake.agreement_en
        assert circle.intake.questions[0]["es"]


def test_the_pages_show_them(seeded):
    client = Client()
    client.force_login(User.objects.get(profile__chosen_name="Inés Robles"))
    therapy = Circle.objects.get(kind="therapy")
    html = client.get(f"/support/circles/{therapy.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Terapia de grupo para familias" in html
    assert "verificada" in html or "verificade" in html
    coming_out = Circle.objects.get(theme="coming_out")
    client.force_login(coming_out.facilitators.first().user)
    queue = client.get(f"/support/circles/{coming_out.pk}/intake/").content.decode()
    assert "Yeray" in queue
