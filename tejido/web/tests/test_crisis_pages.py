"""Crisis lines on the pages: the "Need help now?" link on every page, signed in or not, as a
plain link that costs no query; the page itself for everyone, without JavaScript, from the
cache; the organisers' pages to add, change, check and remove lines, with their flags."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from tejido.crisis.factories import CrisisLineFactory
from tejido.crisis.models import CrisisLine, LoadedList
from tejido.network.models import NetworkSettings

pytestmark = pytest.mark.django_db

HELP_LINK = 'class="help-now" href="/help-now/"'


@pytest.fixture(autouse=True)
def _network():
    NetworkSettings.current()


@pytest.mark.parametrize("name", ["home", "about", "account_login", "account_signup", "directory"])
def test_every_public_page_links_to_help_now(client, name):
    html = client.get(reverse(name)).content.decode()
    assert HELP_LINK in html
    # Right after the way out and the skip link: reached with the keyboard before the menu.
    assert html.index(HELP_LINK) < html.index('class="site-nav"')


def test_signed_in_pages_link_to_help_now(member_client, applicant_client, organiser_client):
    for client, name in (
        (member_client, "home"),
        (member_client, "member_list"),
        (applicant_client, "application_status"),
        (organiser_client, "organise_home"),
    ):
        assert HELP_LINK in client.get(reverse(name), follow=True).content.decode()


def test_the_page_lists_the_lines_by_country_for_a_visitor(client):
    CrisisLineFactory(country="MX", name_es="Línea de la Vida", phone="800 911 2000")
    CrisisLineFactory(
        country="ES",
        name_es="Servicio 028",
        name_en="028 Rainbow line",
        phone="028",
        audience="lgbtq",
        source="https://example.org/028",
        notes_es="Apoyo psicológico.",
    )
    response = client.get(reverse("help_now"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script" not in html.split("</head>")[1]
    assert html.index("Servicio 028") < html.index("Línea de la Vida")
    assert 'href="tel:8009112000"' in html
    assert "Apoyo psicológico." in html
    assert 'href="https://example.org/028" rel="noreferrer noopener"' in html
    assert 'aria-current="page">' in html


def test_the_page_in_english(client):
    CrisisLineFactory(name_es="Línea", name_en="Line")
    client.cookies["django_language"] = "en"
    html = client.get(reverse("help_now"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Line<" in html


def test_the_empty_page_says_what_to_do(client):
    assert "número de emergencias" in client.get(reverse("help_now")).content.decode()


def test_members_are_pointed_to_the_professionals(client, member_client):
    assert "/support/professionals/" in member_client.get(reverse("help_now")).content.decode()
    assert "/support/professionals/" not in client.get(reverse("help_now")).content.decode()


def test_a_member_who_has_not_accepted_the_conduct_still_reaches_it(member_client):
    from tejido.membership.factories import CodeOfConductFactory

    CodeOfConductFactory()
    assert member_client.get(reverse("help_now")).status_code == 200


def test_the_lines_come_from_the_cache(client, django_assert_num_queries):
    for number in range(4):
        CrisisLineFactory(name_en=f"Line {number}")
    with django_assert_num_queries(1):
        client.get(reverse("help_now"))
    with django_assert_num_queries(0):
        html = client.get(reverse("help_now")).content.decode()
    assert html.count('class="crisis-line"') == 4


def test_organisers_add_check_edit_and_remove_a_line(organiser_client, organiser):
    new = reverse("organise_crisis_line_new")
    assert organiser_client.get(new).status_code == 200
    bad = organiser_client.post(new, {"country": "ES", "audience": "everyone", "name_en": "X"})
    assert bad.status_code == 400
    assert "Indica un teléfono" in bad.content.decode()
    saved = organiser_client.post(
        new,
        {
            "country": "ES",
            "audience": "lgbtq",
            "name_en": "Rainbow line",
            "phone": "028",
            "languages": ["es", "en"],
        },
    )
    assert saved.status_code == 302
    line = CrisisLine.objects.get()
    listing = organiser_client.get(reverse("organise_crisis_lines")).content.decode()
    assert "Nunca comprobada." in listing
    assert "Compruébala de nuevo" in listing
    with time_machine.travel("2026-06-01 10:00 +02:00", tick=False):
        organiser_client.post(reverse("organise_crisis_line_checked", args=[line.pk]))
    line.refresh_from_db()
    assert line.checked_on == date(2026, 6, 1)
    # That day's first request noted the organiser's activity in their session, which then
    # ran out two weeks after it: back today, they sign in again.
    organiser_client.force_login(organiser)
    edit = reverse("organise_crisis_line_edit", args=[line.pk])
    assert "Rainbow line" in organiser_client.get(edit).content.decode()
    organiser_client.post(
        edit, {"country": "ES", "audience": "lgbtq", "name_en": "Line 028", "phone": "028"}
    )
    line.refresh_from_db()
    assert line.name_en == "Line 028"
    organiser_client.post(reverse("organise_crisis_line_remove", args=[line.pk]))
    assert not CrisisLine.objects.exists()


def test_the_organisers_list_shows_the_files_warning_and_the_flags(organiser_client):
    LoadedList.objects.create(about="Re-check every entry on the official site.", lines=1)
    with time_machine.travel("2026-12-01 10:00 +01:00", tick=False):
        CrisisLineFactory(name_en="Old", checked_on=date(2026, 1, 5))
        CrisisLineFactory(name_en="Fresh", checked_on=date(2026, 11, 5))
        html = organiser_client.get(reverse("organise_crisis_lines")).content.decode()
        home = organiser_client.get(reverse("organise_home")).content.decode()
    assert "Re-check every entry on the official site." in html
    assert html.count("Compruébala de nuevo") == 1
    assert "1 línea no se ha comprobado nunca" in html
    assert "Líneas de crisis por comprobar de nuevo" in home


def test_members_cannot_reach_the_organisers_pages(member_client):
    line = CrisisLineFactory()
    for url in (
        reverse("organise_crisis_lines"),
        reverse("organise_crisis_line_edit", args=[line.pk]),
    ):
        assert member_client.get(url).status_code == 404
    assert (
        member_client.post(reverse("organise_crisis_line_remove", args=[line.pk])).status_code
        == 404
    )
    assert CrisisLine.objects.exists()


@pytest.mark.parametrize("size", [2, 9])
def test_the_organisers_list_costs_the_same(login, django_assert_num_queries, size):
    from tejido.accounts.factories import OrganiserFactory
    from tejido.core.testing import FRAME_QUERIES
    from tejido.crisis.moments import today

    organiser = OrganiserFactory()
    for number in range(size):
        CrisisLineFactory(name_en=f"Line {number}", checked_by=organiser, checked_on=today())
    client = login(organiser)
    client.get(reverse("organise_crisis_lines"))
    # The lines with who checked them, the loaded file's note, and the open reports' badge.
    with django_assert_num_queries(FRAME_QUERIES + 3):
        html = client.get(reverse("organise_crisis_lines")).content.decode()
    assert html.count("/checked/") == size
