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


# --- the crisis lines on every support page ------------------------------------------------------

CRISIS_BLOCK = 'class="card crisis-block"'


def _support_routes() -> dict[str, str]:
    """Every named URL pattern of the site's pages under /support/, by name (the JSON API's
    support operations live under /api/ and are no page)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: dict[str, str] = {}

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith("support/"):
                assert pattern.name, f"{route} needs a name"
                found[pattern.name] = route

    walk(get_resolver().url_patterns, "")
    return found


SUPPORT_ROUTES = _support_routes()

# Each support page, who opens it in the world below and with which arguments. A page that only
# takes POST (an action) is in ACTIONS: sent empty, it answers with a redirect or, when it shows
# a page (its form's errors), that page carries the crisis lines too.
PAGES = {
    "support_hub": ("member", ()),
    "support_circles": ("member", ()),
    "support_circle": ("member", ("circle",)),
    "support_intake": ("facilitator", ("circle",)),
    "support_intake_edit": ("facilitator", ("circle",)),
    "my_circle_sessions": ("member", ()),
    "circle_sessions_of": ("facilitator", ("circle",)),
    "circle_session_series_new": ("facilitator", ("circle",)),
    "circle_session_detail": ("facilitator", ("circle", "session")),
    "buddies_home": ("member", ()),
    "buddies_pair": ("member", ("pair",)),
    "checkins_home": ("team", ()),
    "checkins_reach_out": ("team", ("due",)),
    "checkin_detail": ("team", ("checkin",)),
    "professional_list": ("member", ()),
    "professional_detail": ("member", ("professional",)),
}
ACTIONS = {
    "support_circle_ask": ("member", ("other_circle",)),
    "support_circle_agree": ("member", ("circle",)),
    "support_circle_leave": ("member", ("circle",)),
    "support_intake_decide": ("facilitator", ("circle", "place")),
    "circle_session_note_new": ("facilitator", ("circle", "session")),
    "circle_session_note_delete": ("facilitator", ("circle", "session", "note")),
    "buddies_opt_in": ("member", ()),
    "buddies_opt_out": ("member", ()),
    "buddies_propose": ("member", ()),
    "buddies_answer": ("member", ("pair",)),
    "buddies_end": ("member", ("pair",)),
    "buddies_message": ("member", ("pair",)),
    "checkins_choice": ("member", ()),
    "checkins_snooze": ("member", ()),
    "checkins_opt_out": ("member", ()),
    "checkin_message": ("team", ("checkin",)),
    "checkin_done": ("team", ("checkin",)),
}


def _support_world() -> dict:
    """A circle with its facilitator, a member, a request waiting and a session with a note; a
    buddy pair; a check-in team member with a check-in and someone due; a professional."""
    from datetime import timedelta

    from tejido.accounts.factories import OrganiserFactory, UserFactory
    from tejido.buddies.factories import BuddyPairFactory, BuddyProfileFactory
    from tejido.checkins import services as checkins
    from tejido.checkins.models import CheckinChoice
    from tejido.core.clock import now
    from tejido.professionals.factories import ProfessionalFactory
    from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory
    from tejido.support.note_services import write_note
    from tejido.support.session_services import create_session_series

    circle = CircleFactory()
    facilitator = FacilitatorFactory(circle=circle).user
    member = UserFactory()
    place = PlaceFactory(circle=circle, user=member)
    waiting = PlaceFactory(circle=circle, state="asked")
    starts = now().replace(microsecond=0) - timedelta(days=7, hours=3)
    event = create_session_series(
        actor=facilitator,
        circle=circle,
        frequency="weekly",
        title_es="Sesión",
        address="Sala 3",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    session = event.occurrences.order_by("starts_at").first()
    note = write_note(actor=facilitator, occurrence=session, place_id=place.pk, text="Nota")
    BuddyProfileFactory(user=member)
    pair = BuddyPairFactory(seeker=member)
    team = UserFactory()
    checkins.add_to_team(actor=OrganiserFactory(), member_id=team.pk)
    due, answered = UserFactory(), UserFactory()
    for person in (due, answered):
        checkins.opt_in(actor=person, weeks=2)
    CheckinChoice.objects.update(due_since=now())
    checkin = checkins.take(actor=team, member_id=answered.pk, body="¿Qué tal?")
    return {
        "people": {"member": member, "facilitator": facilitator, "team": team},
        "circle": circle.pk,
        "other_circle": CircleFactory().pk,
        "place": waiting.pk,
        "session": session.pk,
        "note": note.pk,
        "pair": pair.pk,
        "due": due.pk,
        "checkin": checkin.pk,
        "professional": ProfessionalFactory().pk,
    }


def test_every_support_page_is_listed():
    assert set(SUPPORT_ROUTES) == set(PAGES) | set(ACTIONS), (
        "A new page under /support/ goes in PAGES (with who opens it) or ACTIONS"
    )


def _assert_crisis_block(html: str, name: str) -> None:
    assert html.count(CRISIS_BLOCK) == 1, f"{name}: the crisis lines, once"
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "crisis" not in title, f"{name}: the crisis lines in the page's title"


def _open(login, name: str, table: dict) -> tuple[object, list[int]]:
    world = _support_world()
    who, arguments = table[name]
    return login(world["people"][who]), [world[argument] for argument in arguments]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_support_page_shows_the_crisis_lines(login, name):
    CrisisLineFactory(name_es="Línea de apoyo", name_en="Support line", phone="024")
    client, args = _open(login, name, PAGES)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, name
    html = response.content.decode()
    _assert_crisis_block(html, name)
    assert "Línea de apoyo" in html


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_every_support_action_answers_with_a_page_with_the_crisis_lines(login, name):
    client, args = _open(login, name, ACTIONS)
    url = reverse(name, args=args)
    assert client.get(url).status_code == 405, f"{name} is a page: put it in PAGES"
    response = client.post(url, {})
    assert response.status_code in (200, 302, 400), name
    if response.status_code != 302:
        _assert_crisis_block(response.content.decode(), name)
