"""Safety features every page carries: the quick exit (button, Shift three times, Escape
twice) and discreet mode's neutral tab title."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, expect

from e2e.browser import EXIT_PATH, Visitor, starts, tr
from tejido.accounts.factories import UserFactory
from tejido.membership.factories import CodeOfConductFactory

pytestmark = pytest.mark.e2e

# What the browser showed before the member opened Tejido: somewhere else entirely.
BEFORE = "data:text/html,<!DOCTYPE html><title>Before</title><p>Somewhere else</p>"


def quick_exit_link(v: Visitor) -> Locator:
    return v.page.get_by_role("link", name=starts(v.lang, "Quick exit"))


def open_member_home(v: Visitor) -> None:
    v.page.goto(BEFORE)
    v.goto("/")
    expect(v.page.get_by_role("link", name=tr(v.lang, "Log out"))).to_be_visible()


def assert_left_for_good(v: Visitor) -> None:
    """The exit target is showing, and Back does not bring Tejido's page back."""
    expect(v.page).to_have_url(f"{v.base_url}{EXIT_PATH}")
    v.page.go_back()
    assert v.page.url.startswith("data:"), f"Back returned to {v.page.url}"
    v.page.go_forward()
    expect(v.page).to_have_url(f"{v.base_url}{EXIT_PATH}")


def test_the_quick_exit_button_replaces_the_page_and_its_history(
    visit: Callable[..., Visitor], lang: str
) -> None:
    v = visit(lang=lang, user=UserFactory(language=lang))
    open_member_home(v)
    v.check("home")
    quick_exit_link(v).click()
    assert_left_for_good(v)


@pytest.mark.parametrize(("key", "times"), [("Shift", 3), ("Escape", 2)])
def test_the_quick_exit_key_works_right_after_load(
    visit: Callable[..., Visitor], lang: str, key: str, times: int
) -> None:
    v = visit(lang=lang, user=UserFactory(language=lang))
    open_member_home(v)
    for _ in range(times):
        v.page.keyboard.press(key)
    assert_left_for_good(v)


def test_two_presses_of_shift_do_not_leave(visit: Callable[..., Visitor], lang: str) -> None:
    v = visit(lang=lang, user=UserFactory(language=lang))
    open_member_home(v)
    v.page.keyboard.press("Shift")
    v.page.keyboard.press("Shift")
    v.page.keyboard.type("Hola")
    expect(v.page).to_have_url(f"{v.base_url}/")


def test_the_quick_exit_works_on_the_public_pages_too(
    visit: Callable[..., Visitor], lang: str
) -> None:
    CodeOfConductFactory()
    v = visit(lang=lang)
    v.page.goto(BEFORE)
    v.goto("/about/")
    quick_exit_link(v).click()
    assert_left_for_good(v)


def test_without_javascript_the_quick_exit_is_a_plain_link_that_leaves(
    visit: Callable[..., Visitor], lang: str
) -> None:
    v = visit(lang=lang, js=False, user=UserFactory(language=lang))
    v.goto("/", check="home")
    quick_exit_link(v).click()
    expect(v.page).to_have_url(f"{v.base_url}{EXIT_PATH}")
