"""A newcomer's whole way in: from the landing page to a member who has joined a group, shaped
their profile and blocked someone. An organiser approves them from a second browser."""

from collections.abc import Callable
from typing import Any, cast

import pytest
from playwright.sync_api import expect

from e2e.browser import Visitor, links_in_last_mail
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.membership.factories import ApplicationQuestionFactory, CodeOfConductFactory
from tejido.membership.models import Application
from tejido.membership.services import accept_conduct

pytestmark = pytest.mark.e2e

NAME = "Noa Río"
EMAIL = "noa@example.org"
NEW_PASSWORD = "a long walk by the river at dusk"
PRONOUNS = "elle / they/them"
BIO = "Teatro, bici y café."


def the_network(lang: str) -> dict[str, Any]:
    """A network with a code of conduct, one application question, an organiser who has
    accepted the code, and a group with two members in it."""
    CodeOfConductFactory(text_es="Nos cuidamos.", text_en="We look after each other.")
    question = ApplicationQuestionFactory(
        text_es="¿Cómo conociste la red?", text_en="How did you hear about the network?"
    )
    organiser = cast(User, OrganiserFactory(language=lang, profile__chosen_name="Ana Organiza"))
    accept_conduct(actor=organiser)
    group = GroupFactory(name_es="Teatro del barrio", name_en="Neighbourhood theatre")
    blocked = cast(User, UserFactory(language=lang, profile__chosen_name="Bruno Pesado"))
    friend = cast(User, UserFactory(language=lang, profile__chosen_name="Carmen Amiga"))
    GroupMembershipFactory(group=group, user=blocked)
    GroupMembershipFactory(group=group, user=friend)
    return {
        "question": question,
        "organiser": organiser,
        "group": group,
        "blocked": blocked,
        "friend": friend,
    }


def log_in(v: Visitor, email: str, password: str) -> None:
    v.page.get_by_role("navigation").get_by_role("link", name=v.t("Log in")).click()
    v.check("log in")
    v.submit_login_form(email, password)


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_a_newcomer_applies_is_approved_and_finds_their_way(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    world = the_network(lang)
    group = world["group"]
    newcomer = visit(lang=lang, js=js)
    page = newcomer.page
    t = newcomer.t

    # The landing page leads to the application.
    newcomer.goto("/", check="landing")
    newcomer.main.get_by_role("link", name=t("Apply to join")).click()
    newcomer.check("sign up", screenshot=True)

    # Sign up with a chosen name; no legal name anywhere.
    newcomer.field("Email").fill(EMAIL)
    newcomer.field("Chosen name").fill(NAME)
    newcomer.field("Password").fill(NEW_PASSWORD)
    newcomer.field("Password (again)").fill(NEW_PASSWORD)
    newcomer.main.get_by_role("button", name=t("Create account")).click()
    newcomer.check("verification sent")

    # The email's link confirms the address and logs the newcomer in.
    link = next(u for u in links_in_last_mail(EMAIL) if "/accounts/confirm-email/" in u)
    newcomer.goto(link, check="confirm email")
    newcomer.main.get_by_role("button", name=t("Confirm")).click()

    # The application questions, then the status page.
    expect(page).to_have_url(newcomer.url("/apply/"))
    newcomer.check("application", screenshot=True)
    question = world["question"]
    newcomer.field(question.text_es if lang == "es" else question.text_en).fill(
        "Por una amiga del barrio."
    )
    newcomer.main.get_by_role("button", name=t("Send my application")).click()
    expect(page).to_have_url(newcomer.url("/apply/status/"))
    expect(newcomer.main.get_by_text(t("Waiting for review"))).to_be_visible()
    newcomer.check("application status", screenshot=True)
    applicant = User.objects.get(email=EMAIL)
    assert applicant.state == User.State.APPLICANT
    assert applicant.profile.chosen_name == NAME
    # An applicant sees nothing of the members yet.
    expect(page.get_by_role("link", name=t("Members"))).to_have_count(0)

    # The newcomer logs out and waits.
    page.get_by_role("link", name=t("Log out")).click()
    newcomer.check("log out")
    newcomer.main.get_by_role("button").click()

    # An organiser, in another browser, approves the application.
    organiser = visit(lang=lang, js=js, user=world["organiser"])
    organiser.goto("/")
    organiser.page.get_by_role("link", name=t("Organise")).click()
    organiser.check("organiser overview")
    organiser.page.get_by_role("navigation", name=t("Organiser area")).get_by_role(
        "link", name=t("Applications")
    ).click()
    organiser.check("organiser applications", screenshot=True)
    organiser.main.get_by_role("link", name=NAME, exact=True).click()
    organiser.check("organiser application")
    organiser.main.get_by_role("button", name=t("Approve"), exact=True).click()
    organiser.check("organiser application, approved")
    assert Application.objects.get(user=applicant).status == Application.Status.APPROVED

    # The newcomer logs in as a member; the code of conduct comes first.
    newcomer.goto("/")
    log_in(newcomer, EMAIL, NEW_PASSWORD)
    expect(newcomer.main.get_by_role("heading", level=1)).to_contain_text(NAME)
    newcomer.check("home")
    page.get_by_role("link", name=t("My profile")).click()
    expect(newcomer.main.get_by_role("heading", level=1)).to_have_text(t("Code of conduct"))
    newcomer.check("code of conduct to accept")
    newcomer.main.get_by_role("button", name=t("I have read it and I accept it")).click()

    # Pronouns and who sees what.
    expect(page).to_have_url(newcomer.url("/me/profile/"))
    newcomer.check("my profile", screenshot=True)
    newcomer.field("Pronouns").select_option(PRONOUNS)
    newcomer.field("Who can see your pronouns").select_option(t("All vetted members"))
    newcomer.field("About me").fill(BIO)
    newcomer.field("Who can see “About me”").select_option(t("Members of a group I am in"))
    newcomer.main.get_by_role("button", name=t("Save my profile")).click()
    expect(page.get_by_role("status")).to_contain_text(t("Your profile is saved."))
    newcomer.check("my profile, saved")
    profile = User.objects.get(email=EMAIL).profile
    assert (profile.pronouns, profile.pronouns_audience) == (PRONOUNS, "members")
    assert (profile.bio, profile.bio_audience) == (BIO, "shared_group")

    # Joining a group.
    page.get_by_role("link", name=t("Groups")).click()
    newcomer.check("groups", screenshot=True)
    newcomer.main.get_by_role("link", name=group.name_es if lang == "es" else group.name_en).click()
    newcomer.check("group")
    newcomer.main.get_by_role("button", name=t("Join this group")).click()
    expect(newcomer.main.get_by_text(t("You are in this group."))).to_be_visible()
    members = newcomer.main.get_by_role("region", name=t("Members"))
    expect(members.get_by_role("link", name="Bruno Pesado")).to_be_visible()
    newcomer.check("group, joined", screenshot=True)

    # The profile as others see it: all members see the pronouns, only group members the bio.
    page.get_by_role("link", name=t("My profile")).click()
    newcomer.main.get_by_role("link", name=t("Preview how others see me")).click()
    seen_by = t("As seen by: %(audience)s")
    preview = newcomer.main.get_by_role(
        "region", name=seen_by % {"audience": t("Any vetted member")}
    )
    expect(preview).to_contain_text(PRONOUNS)
    expect(preview).not_to_contain_text(BIO)
    newcomer.check("profile preview", screenshot=True)
    newcomer.main.get_by_role("link", name=t("A member of a group you are in")).click()
    preview = newcomer.main.get_by_role(
        "region", name=seen_by % {"audience": t("A member of a group you are in")}
    )
    expect(preview).to_contain_text(BIO)
    newcomer.check("profile preview, as a group member")

    # Blocking a member: they are gone from the member list and from the group's page.
    page.get_by_role("link", name=t("Members")).click()
    newcomer.check("members", screenshot=True)
    newcomer.main.get_by_role("link", name="Bruno Pesado").click()
    newcomer.check("member")
    newcomer.main.get_by_text(t("Block %(name)s") % {"name": "Bruno Pesado"}, exact=True).click()
    newcomer.main.get_by_role(
        "button", name=t("Yes, block %(name)s") % {"name": "Bruno Pesado"}
    ).click()
    expect(page).to_have_url(newcomer.url("/me/blocks/"))
    newcomer.check("people I blocked")
    page.get_by_role("link", name=t("Members")).click()
    expect(newcomer.main.get_by_role("link", name="Carmen Amiga")).to_be_visible()
    expect(newcomer.main.get_by_role("link", name="Bruno Pesado")).to_have_count(0)
    newcomer.goto(f"/groups/{group.slug}/", check="group, after blocking")
    members = newcomer.main.get_by_role("region", name=t("Members"))
    expect(members.get_by_role("link", name="Carmen Amiga")).to_be_visible()
    expect(newcomer.main.get_by_role("link", name="Bruno Pesado")).to_have_count(0)


def test_the_blocked_member_no_longer_sees_the_one_who_blocked_them(
    visit: Callable[..., Visitor], lang: str
) -> None:
    world = the_network(lang)
    blocked = world["blocked"]
    accept_conduct(actor=blocked)
    me = cast(User, UserFactory(language=lang, profile__chosen_name="Dana Bloquea"))
    accept_conduct(actor=me)
    GroupMembershipFactory(group=world["group"], user=me)
    blocker = visit(lang=lang, user=me)
    blocker.goto(f"/members/{blocked.pk}/", check="member")
    blocker.main.get_by_text(
        blocker.t("Block %(name)s") % {"name": "Bruno Pesado"}, exact=True
    ).click()
    blocker.main.get_by_role(
        "button", name=blocker.t("Yes, block %(name)s") % {"name": "Bruno Pesado"}
    ).click()

    other = visit(lang=lang, user=User.objects.get(pk=blocked.pk))
    other.goto("/members/", check="members")
    expect(other.main.get_by_role("link", name="Carmen Amiga")).to_be_visible()
    expect(other.main.get_by_role("link", name="Dana Bloquea")).to_have_count(0)
    other.goto(f"/members/{me.pk}/", status=404, check="member, hidden by a block")
