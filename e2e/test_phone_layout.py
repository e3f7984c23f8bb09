"""The pages that used to overflow a phone or bury their content, at 390 x 844: nothing wider
than the screen, the profile form within two screens, and on pages with a second menu (the
organiser area, the account pages) the content starting near the top. And on a desktop: a
header that keeps clear of the quick exit, and notices that look like something to click."""

from collections.abc import Callable
from datetime import timedelta
from typing import cast

import pytest
from django.test import Client
from django.utils.timezone import now
from playwright.sync_api import expect

from e2e.browser import PASSWORD, PHONE, Visitor
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.accounts.selectors import MEMBERS_PER_PAGE
from tejido.audit.services import record_action
from tejido.membership.factories import InvitationFactory
from tejido.notifications.services import notify
from tejido.web.tests._auth_support import log_in

pytestmark = pytest.mark.e2e

# Pages a phone must show without sideways scrolling, by path ({member}: the other member's
# id); the organiser's pages also start their content within the first screen.
PAGES = {
    "profile form": "/me/profile/",
    "settings": "/me/settings/",
    "members list": "/members/",
    "member profile": "/members/{member}/",
    "sessions": "/accounts/sessions/",
    "organiser overview": "/organise/",
    "invitations": "/organise/invitations/",
    "audit log": "/organise/audit/",
}
# Pages with a second menu under the site's (the account pages, the organiser area).
SECOND_MENU_PAGES = ("sessions", "organiser overview", "invitations", "audit log")
# On those the heading comes within this many pixels of the top (organiser pages had it at
# 419: a quick-exit bar, the site's menu and nine organiser links wrapped over four rows). The
# main menu's "Gatherings" link put the sessions page's heading at 306.
CONTENT_BY = 310
# The profile form: nine fields, each with who may see it, in at most two phone screens, and
# the diet and allergies (folded, a tap target's line each) after them.
PROFILE_FORM_MAX_HEIGHT = 2 * PHONE["height"] + 2 * 44
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


def _overflow(v: Visitor) -> int:
    """How many pixels the page, or a table or other block in its main area, is wider than
    what the phone shows of it (0 when everything fits). A menu that scrolls sideways on
    purpose (a <nav>) and text only screen readers get (clipped to a pixel) do not count."""
    return cast(
        int,
        v.page.evaluate(
            """() => {
                const page = document.documentElement.scrollWidth - window.innerWidth;
                const blocks = [...document.querySelectorAll('main *')]
                    .filter((el) => !el.closest('nav') && el.clientWidth > 1)
                    .map((el) => el.scrollWidth - el.clientWidth)
                    .filter((px) => px > 1);
                return Math.max(page, 0, ...blocks);
            }"""
        ),
    )


def _content_top(v: Visitor) -> float:
    """Where the page's own heading starts, from the top of the document."""
    return cast(
        float,
        v.page.evaluate(
            "document.querySelector('main h1').getBoundingClientRect().top + window.scrollY"
        ),
    )


def _bullets(v: Visitor) -> list[str]:
    """The rows of buttons and paginations in the main area whose items show a list marker."""
    return cast(
        list[str],
        v.page.evaluate(
            """[...document.querySelectorAll('main .actions > li, main .pagination li')]
                .filter((li) => getComputedStyle(li).listStyleType !== 'none'
                    && getComputedStyle(li).display === 'list-item')
                .map((li) => li.textContent.trim())"""
        ),
    )


def _small_checkboxes(v: Visitor) -> list[str]:
    """The checkboxes in the main area whose tap target (the box with its label) is under
    44 x 44 px."""
    return cast(
        list[str],
        v.page.evaluate(
            """[...document.querySelectorAll('main input[type=checkbox]')]
                .filter((box) => {
                    const r = (box.closest('label') || box).getBoundingClientRect();
                    return r.width < 44 || r.height < 44;
                })
                .map((box) => box.name)"""
        ),
    )


def _profile_form_height(v: Visitor) -> float:
    return cast(
        float,
        v.page.evaluate(
            "document.querySelector('main form[method=post]').getBoundingClientRect().height"
        ),
    )


def test_an_organisers_pages_fit_a_phone(visit: Callable[..., Visitor], lang: str) -> None:
    organiser = cast(
        User, OrganiserFactory(language=lang, profile__chosen_name="Maripaz Organizadora")
    )
    member = cast(User, UserFactory(profile__chosen_name="Bartolomé Larguísimo de la Vega"))
    # Enough members for the members list to have a second page, and so its pagination.
    UserFactory.create_batch(MEMBERS_PER_PAGE)
    for number in range(3):
        InvitationFactory(
            created_by=organiser,
            note=f"Para la asamblea del barrio de San Bernardo, número {number}",
            max_uses=5,
            expires_at=now() + timedelta(days=30),
        )
        record_action(actor=organiser, action="member.roles", target_user=member)
    # A second session, on a phone, to see named on the sessions page.
    log_in(Client(HTTP_USER_AGENT=ANDROID_CHROME), organiser.email)
    v = visit(lang=lang)
    v.page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    v.goto("/accounts/login/")
    v.check("log in on a phone")
    assert _overflow(v) <= 0
    assert not _small_checkboxes(v)
    stay = v.main.get_by_label(v.t("Stay logged in on this device"), exact=True)
    v.main.get_by_text(v.t("Stay logged in on this device")).click()  # the words tick the box
    expect(stay).to_be_checked()
    v.submit_login_form(organiser.email, PASSWORD)
    expect(v.page).to_have_url(v.url("/"))

    overflow, content_top = {}, {}
    for name, path in PAGES.items():
        v.goto(path.format(member=member.pk))
        v.check(f"{name} on a phone")
        overflow[name] = _overflow(v)
        content_top[name] = _content_top(v)
        assert not _bullets(v), f"{name}: bullets on {_bullets(v)}"
        if name == "members list":
            expect(v.main.locator(".pagination")).to_be_visible()
        assert not _small_checkboxes(v), f"{name}: small checkboxes {_small_checkboxes(v)}"
        if name == "profile form":
            form_height = _profile_form_height(v)
            # The folded choices (languages, diet, allergies), once unfolded, are large tap
            # targets too.
            for fold in v.main.locator(".choices-fold > summary").all():
                fold.click()
            expect(v.main.get_by_label(v.t("Basque"), exact=True)).to_be_visible()
            assert not _small_checkboxes(v), f"small checkboxes {_small_checkboxes(v)}"
            assert _overflow(v) <= 0
        if name == "sessions":
            sessions = v.main.get_by_role("table")
            expect(sessions).to_contain_text(
                v.t("%(browser)s on %(system)s") % {"browser": "Chrome", "system": "Android"}
            )
            expect(sessions).to_contain_text(
                v.t("%(browser)s on %(system)s") % {"browser": "Chrome", "system": "Linux"}
            )
            expect(sessions).not_to_contain_text("HeadlessChrome")
    print(f"\nat 390 px ({lang}): profile form {form_height:.0f} px tall; overflow {overflow}")
    print(
        "content starts at " + ", ".join(f"{name} {top:.0f}" for name, top in content_top.items())
    )

    assert not {name: px for name, px in overflow.items() if px > 0}, "wider than a phone"
    buried = {name: content_top[name] for name in SECOND_MENU_PAGES}
    assert all(top < CONTENT_BY for top in buried.values()), buried
    assert form_height <= PROFILE_FORM_MAX_HEIGHT, f"the profile form is {form_height:.0f} px"


def _box(v: Visitor, selector: str) -> dict[str, float]:
    box = v.page.locator(selector).bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box


def test_on_a_desktop_the_header_keeps_clear_of_the_quick_exit_and_notices_look_clickable(
    visit: Callable[..., Visitor], lang: str
) -> None:
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Nora Avisada"))
    notify(user=member, about=member, kind="test.ping", url="/about/")
    v = visit(lang=lang, user=member)
    v.goto("/notifications/")
    v.check("notifications on a desktop")

    # The language button ends well before the fixed quick-exit button begins.
    language = _box(v, ".language-switch button")
    quick_exit = _box(v, "#quick-exit")
    assert language["x"] + language["width"] + 16 <= quick_exit["x"], (language, quick_exit)

    # A notice reads as a link (the accent colour, underlined) and answers the pointer.
    notice = v.main.locator(".notice-open").first
    style = "(el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).cursor]"
    text = "(el) => [getComputedStyle(el).color, getComputedStyle(el).textDecorationLine]"
    resting = notice.evaluate(style)
    assert resting[1] == "pointer"
    color, decoration = notice.locator(".notice-text").evaluate(text)
    assert "underline" in decoration
    assert color == "rgb(91, 42, 134)"  # --accent, as links are
    notice.hover()
    assert notice.evaluate(style)[0] != resting[0]
    notice.click()
    expect(v.page).to_have_url(v.url("/about/"))
