"""The frame of every page: the way out, the skip link, the header and navigation by standing,
the language switch, the footer, and the public pages inside it."""

import itertools
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tejido.accounts.models import User
from tejido.core.testing import FRAME_QUERIES
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.membership.models import CodeOfConduct
from tejido.network.models import NetworkSettings
from tejido.notifications.services import notify

pytestmark = pytest.mark.django_db


def nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    assert nav, "no main navigation"
    return re.findall(r'href="([^"]+)"', nav.group(0))


def test_anonymous_frame(client):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main" tabindex="-1">' in html
    # The public directory needs no account.
    assert nav_links(html) == [
        reverse("directory"),
        reverse("account_login"),
        reverse("account_signup"),
    ]
    assert f'href="{reverse("about")}"' in html
    assert '<nav class="site-nav" aria-label="Main">' in html


def test_member_navigation(member_client):
    links = nav_links(member_client.get(reverse("about")).content.decode())
    assert reverse("notice_list") in links
    assert reverse("group_list") in links
    assert reverse("member_list") in links
    assert reverse("profile_edit") in links
    assert reverse("settings_edit") in links
    assert reverse("account_logout") in links
    assert reverse("organise_home") not in links
    assert reverse("application_status") not in links


def test_organisers_see_organise(organiser_client):
    assert reverse("organise_home") in nav_links(
        organiser_client.get(reverse("about")).content.decode()
    )


def test_applicants_see_their_application_settings_and_log_out(applicant_client):
    links = nav_links(applicant_client.get(reverse("about")).content.decode())
    assert links == [
        reverse("application_status"),
        reverse("directory"),
        reverse("settings_edit"),
        reverse("account_logout"),
    ]


def test_an_applicant_reaches_settings_from_the_menu(applicant_client):
    html = applicant_client.get(reverse("settings_edit")).content.decode()
    assert re.search(rf'href="{reverse("settings_edit")}" aria-current="page"', html)
    assert 'name="discreet_mode"' in html


def test_the_current_page_is_marked_in_the_navigation(member_client):
    html = member_client.get(reverse("notice_list")).content.decode()
    assert re.search(rf'href="{reverse("notice_list")}" aria-current="page"', html)
    assert html.count('aria-current="page"') == 1


def test_the_page_title_names_the_page_and_the_network(client):
    network = NetworkSettings.current()
    network.name = "Red Arcoíris"
    network.save()
    html = client.get(reverse("about"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<title>About · Red Arcoíris</title>" in html


def test_the_frame_kept_between_requests_follows_each_viewer(make_user, login):
    """The frame's pieces are rendered once per process and kept (base.html, the "frame"
    cache); one request after another, each viewer still gets their own navigation."""
    member, organiser = make_user(language="en"), make_user("organiser", language="en")
    as_member, as_organiser = login(member), login(organiser)

    for _ in range(2):
        assert reverse("organise_home") not in nav_links(
            as_member.get(reverse("about")).content.decode()
        )
        assert reverse("organise_home") in nav_links(
            as_organiser.get(reverse("about")).content.decode()
        )

    # An applicant between two members still gets an applicant's header, and the member
    # after them a member's.
    as_applicant = login(make_user("applicant", language="en"))
    for browser, expected in ((as_applicant, "application_status"), (as_member, "profile_edit")):
        links = nav_links(browser.get(reverse("about")).content.decode())
        assert reverse(expected) in links
    assert reverse("profile_edit") not in nav_links(
        as_applicant.get(reverse("about")).content.decode()
    )

    html = as_member.get(reverse("group_list")).content.decode()
    assert re.search(rf'href="{reverse("group_list")}" aria-current="page"', html)
    assert html.count('aria-current="page"') == 1
    assert 'class="badge"' not in html

    notify(user=member, about=member, kind="test.ping", url="/about/")
    html = as_member.get(reverse("group_list")).content.decode()
    assert '<span class="badge">1<span class="visually-hidden"> unread</span></span>' in html

    member.language = "es"
    member.save()
    assert ">Notificaciones" in as_member.get(reverse("group_list")).content.decode()

    network = NetworkSettings.current()
    network.name = "Red Arcoíris"
    network.save()
    assert (
        '<div class="brand"><a href="/">Red Arcoíris</a></div>'
        in as_organiser.get(reverse("about")).content.decode()
    )


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("anonymous", "home"),
        ("anonymous", "about"),
        ("anonymous", "account_login"),
        ("anonymous", "account_signup"),
        ("member", "home"),
        ("member", "notice_list"),
    ],
)
def test_every_page_has_the_language_switch(client, member_client, who, name):
    browser = member_client if who == "member" else client
    html = browser.get(reverse(name), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    form = re.search(r'<form class="language-switch".*?</form>', html, re.S)
    assert form, f"no language switch on {name}"
    form_html = form.group(0)
    assert f'action="{reverse("set_language")}" method="post"' in form_html
    assert 'name="csrfmiddlewaretoken"' in form_html
    assert (
        '<button type="submit" name="language" value="en" lang="en">English</button>' in form_html
    )


def test_the_error_page_has_the_language_switch(client):
    html = client.get("/nothing-here/").content.decode()
    assert 'class="language-switch"' in html


def test_switching_language_as_a_visitor_sets_the_cookie(client, settings):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/about/"})
    assert response.status_code == 302
    assert response["Location"] == "/about/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    html = client.get(reverse("about")).content.decode()
    assert '<html lang="en"' in html


def test_switching_language_as_a_member_saves_it_to_the_account(member, member_client):
    response = member_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.language == "en"
    # From another device, with a Spanish browser, the member still reads English.
    from django.test import Client

    other_device = Client(HTTP_ACCEPT_LANGUAGE="es")
    other_device.force_login(member)
    assert '<html lang="en"' in other_device.get(reverse("about")).content.decode()


def test_switching_language_works_before_accepting_the_code_of_conduct(member, member_client):
    CodeOfConduct.objects.create(version=1, text_es="Cuidémonos.", text_en="Care.")
    response = member_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response["Location"] == "/"
    member.refresh_from_db()
    assert member.language == "en"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_the_language_switch_only_returns_to_our_own_pages(client, target):
    response = client.post(reverse("set_language"), {"language": "en", "next": target})
    assert response["Location"] == "/"


def test_an_unknown_language_changes_nothing(member, member_client, settings):
    response = member_client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    assert cookie is None or cookie.value == "es"
    member.refresh_from_db()
    assert member.language == "es"


def test_the_language_switch_needs_a_post(client):
    assert client.get(reverse("set_language")).status_code == 405


# The public face.


def test_landing_page(client):
    network = NetworkSettings.current()
    network.name = "Red Arcoíris"
    network.tagline_en = "Mutual aid for queer people in the valley"
    network.mission_en = "We look after each other."
    network.save()
    CodeOfConduct.objects.create(version=1, text_es="Cuidémonos.", text_en="We care.")
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<h1 id="network-title">Red Arcoíris</h1>' in html
    assert "Mutual aid for queer people in the valley" in html
    assert "We look after each other." in html
    # The code of conduct has its own page: the landing page links to it.
    assert '<h2 id="conduct-title">Code of conduct</h2>' in html
    assert f'<a href="{reverse("conduct")}">Read the code of conduct</a>' in html
    assert "We care." not in html
    assert f'href="{reverse("account_signup")}"' in html
    assert f'href="{reverse("about")}#safety"' in html


def test_landing_page_of_a_fresh_install(client):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Our mission" not in html  # no empty section
    assert "Fill in a short application." in html


def test_landing_page_when_applications_are_closed(client):
    network = NetworkSettings.current()
    network.applications_open = False
    network.save()
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Applications are closed for now." in html
    assert f'class="button" href="{reverse("account_signup")}"' not in html


def test_about_page_explains_how_to_stay_safe(client):
    html = client.get(reverse("about"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<section id="safety"' in html
    assert "<kbd>Shift</kbd> three times" in html
    assert "does not erase your browser history" in html
    assert "The organisers have not published a code of conduct yet." in html


CONTACT = "Escribe a cuidados@example.org o llama al 600 000 000"


def _contact_section(html: str) -> str:
    section = re.search(r'<section id="contact".*?</section>', html, re.S)
    return section.group(0) if section else ""


def test_the_contact_organisers_set_shows_on_the_about_page(organiser_client, client):
    settings_form = {
        "name": NetworkSettings.current().name,
        "quick_exit_url": NetworkSettings.current().quick_exit_url,
        "organiser_contact": CONTACT,
        "reapply_after_days": "30",
        "applications_open": "on",
    }
    assert _contact_section(client.get(reverse("about")).content.decode()) == ""

    answer = organiser_client.post(reverse("organise_settings"), settings_form)

    assert answer.status_code == 302
    section = _contact_section(
        client.get(reverse("about"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    assert "How to reach the organisers" in section
    assert CONTACT in section


def test_a_suspended_member_is_sent_to_the_contact_on_the_about_page(member, member_client):
    network = NetworkSettings.current()
    network.organiser_contact = CONTACT
    network.save()
    User.objects.filter(pk=member.pk).update(state=User.State.SUSPENDED)

    # Logged out on their next request, they still reach the About page and its contact.
    about = member_client.get(reverse("about"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("account_login") in nav_links(about)
    assert CONTACT in _contact_section(about)
    # The page for an account that cannot be used points to that contact.
    inactive = member_client.get(reverse("account_inactive"), HTTP_ACCEPT_LANGUAGE="en")
    assert "contact the organisers; the About page says how" in inactive.text
    assert f'href="{reverse("about")}#contact"' in inactive.text


def test_without_a_contact_the_about_page_has_no_contact_section(client):
    html = client.get(reverse("about")).content.decode()
    assert _contact_section(html) == ""
    inactive = client.get(reverse("account_inactive")).content.decode()
    assert f'href="{reverse("about")}"' in inactive


def test_headings_are_in_order(client, member_client):
    for html in (
        client.get(reverse("home")).content.decode(),
        client.get(reverse("about")).content.decode(),
        member_client.get(reverse("home")).content.decode(),
        member_client.get(reverse("notice_list")).content.decode(),
    ):
        levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
        assert levels
        assert levels[0] == 1
        assert levels.count(1) == 1
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1


def test_home_for_members(make_user, login):
    member = make_user(language="en")
    html = login(member).get(reverse("home")).content.decode()
    assert f"Hello, {member.profile.chosen_name}" in html
    assert "You are not in any group yet." in html


@pytest.mark.parametrize("groups", [1, 12])
def test_home_costs_the_same_however_many_groups(
    make_user, login, groups, django_assert_num_queries
):
    member = make_user(language="en")
    for group in GroupFactory.create_batch(groups):
        GroupMembershipFactory(group=group, user=member)
    client = login(member)
    client.get(reverse("home"))  # the conduct gate remembers the acceptance in the session
    # The frame's queries, the member's profile (for the greeting) and their groups; then
    # their next gatherings: theirs, none, so the next ones to come, none either (2 queries;
    # tejido/web/tests/test_events_queries.py counts the home page with gatherings); the
    # aid board's part: their requests, the matches they help in, their offers and their
    # follow-ups (tejido/web/tests/test_aid_queries.py counts it with all of them); and the
    # directory's services verified lately (1); their next circle session (1).
    with django_assert_num_queries(FRAME_QUERIES + 2 + 2 + 4 + 1 + 1):
        html = client.get(reverse("home")).content.decode()
    assert html.count('href="/groups/') == groups + 1  # theirs, and the navigation's


def test_home_sends_applicants_to_their_application(applicant_client):
    response = applicant_client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("application_status")


def test_the_header_fits_a_phone(client):
    """The stylesheet lays the header out for a 360px screen: the exit becomes a full-width
    bar that stays at the top, and every target is at least 44px high."""
    # Read from the finders rather than a streamed response: closing one outside the test
    # client fires request_finished, which closes the test's PostgreSQL connection.
    text = Path(str(finders.find("tejido/tejido.css"))).read_text()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in (
        client.get(reverse("home")).content.decode()
    )
    phone = text[text.index("@media (max-width: 40rem)") :]
    assert re.search(r"\.quick-exit \{[^}]*position: sticky;[^}]*width: 100%", phone)
    for selector in (".quick-exit", ".site-nav a", ".language-switch button", ".brand a"):
        rule = re.search(re.escape(selector) + r" \{([^}]*)\}", text)
        assert rule, selector
        assert "min-height: 44px" in rule.group(1), selector


def test_removed_member_is_logged_out_and_sees_the_public_page(member, member_client):
    User.objects.filter(pk=member.pk).update(state=User.State.REMOVED)
    html = member_client.get(reverse("home")).content.decode()
    assert reverse("account_login") in nav_links(html)
