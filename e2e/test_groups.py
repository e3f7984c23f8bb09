"""A network organiser creates a group from the organiser area and names a member who joined
it a group organiser."""

from collections.abc import Callable
from typing import cast

import pytest
from playwright.sync_api import expect

from e2e.browser import Visitor
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.groups.models import Group, GroupMembership
from tejido.groups.services import join_group

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_an_organiser_creates_a_group_and_names_a_group_organiser(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    organiser = cast(User, OrganiserFactory(language=lang, profile__chosen_name="Ana Organiza"))
    bea = cast(User, UserFactory(profile__chosen_name="Bea Huerta"))

    v = visit(lang=lang, js=js, user=organiser)
    t = v.t
    v.goto("/organise/")
    v.page.get_by_role("navigation", name=t("Organiser area")).get_by_role(
        "link", name=t("Groups")
    ).click()
    expect(v.main).to_contain_text(
        t(
            "No groups yet. Make the first one with “New group”: a local group for a "
            "neighbourhood, or a themed one for a shared interest."
        )
    )
    v.check("organiser groups, none yet")
    v.main.get_by_role("link", name=t("New group")).click()
    v.check("organiser new group", screenshot=True)
    v.field("Name in Spanish").fill("Huerto urbano")
    v.field("Name in English (optional)").fill("Urban garden")
    v.main.get_by_label(t("Themed"), exact=True).check()
    v.main.get_by_label(t("Open to every member"), exact=True).check()
    v.main.get_by_role("button", name=t("Create the group")).click()
    expect(v.main.get_by_role("heading", level=1)).to_have_text(
        "Huerto urbano" if lang == "es" else "Urban garden"
    )
    v.check("group page, just created")
    group = Group.objects.get(slug="huerto-urbano")

    # Bea joins; the organiser makes her a group organiser from the group's page.
    join_group(actor=bea, group=group)
    v.page.reload()
    v.main.get_by_role("button", name=f"{t('Make group organiser')} Bea Huerta").click()
    expect(v.page.get_by_role("status")).to_contain_text("Bea Huerta")
    v.check("group page, organiser named", screenshot=True)
    assert GroupMembership.objects.get(group=group, user=bea).role == "organiser"
