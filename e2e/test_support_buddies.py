"""Peer buddies (issue 13): a member opts in as looking for a buddy, is suggested someone who
offers to be one with the reasons in words, and proposes; the other accepts, and the two write
in their private thread; then one ends it, and the other sees only that it ended. A member of
the check-in team reaches out to someone due, who snoozes."""

from collections.abc import Callable
from typing import cast

import pytest
from playwright.sync_api import expect

from e2e.browser import Visitor
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.buddies.factories import BuddyProfileFactory
from tejido.buddies.models import BuddyPair, PairState
from tejido.checkins import services as checkins
from tejido.checkins.models import CheckIn, CheckinChoice
from tejido.core.clock import now

pytestmark = pytest.mark.e2e

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])


def _status(v: Visitor, message: str) -> None:
    expect(v.page.get_by_role("status").first).to_contain_text(v.t(message))


@JS
def test_a_buddy_pair_is_suggested_and_accepted(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Noa Ribera"))
    helper = cast(User, UserFactory(language=lang, profile__chosen_name="Dani Acompaña"))
    BuddyProfileFactory(
        user=helper, seeking=False, offering=True, languages=["es"], topics=["family"]
    )

    v = visit(lang=lang, js=js, user=member)
    t = v.t
    v.goto("/support/buddies/", check="buddies, not opted in")
    expect(v.main).to_contain_text(
        t(
            "You are not looking for a buddy and not offering to be one. Tick one or both below "
            "to see suggestions."
        )
    )
    v.field("I am looking for a buddy").check()
    v.main.get_by_role("group", name=t("Languages you can talk in")).get_by_label(
        t("Spanish"), exact=True
    ).check()
    v.main.get_by_role(
        "group", name=t("What you would like to talk about (optional)")
    ).get_by_label(t("family"), exact=True).check()
    v.main.get_by_role("button", name=t("Save"), exact=True).click()
    _status(v, "Saved. Suggestions that suit you are below.")
    suggestions = v.main.get_by_role("region", name=t("Suggestions"))
    expect(suggestions).to_contain_text("Dani Acompaña")
    v.check("buddies, a suggestion with its reasons", screenshot=True)
    suggestions.get_by_role(
        "button", name=t("Propose to %(name)s") % {"name": "Dani Acompaña"}
    ).click()
    _status(v, "Proposed. You will get a notification when they answer.")
    pair = BuddyPair.objects.get()

    h = visit(lang=lang, js=js, user=helper)
    h.goto("/support/buddies/", check="buddies, a proposal to answer")
    asked = h.main.get_by_role("region", name=h.t("Asked to pair with you"))
    expect(asked).to_contain_text("Noa Ribera")
    asked.get_by_role("button", name=h.t("Accept")).click()
    _status(h, "You are buddies now. Say hello in your private thread.")
    assert BuddyPair.objects.get(pk=pair.pk).state == PairState.ACTIVE
    h.field("Your message").fill("¡Hola, Noa! ¿Hablamos el sábado?")
    h.main.get_by_role("button", name=h.t("Send")).click()
    _status(h, "Your message was sent.")
    h.check("buddies, the private thread")

    v.goto(f"/support/buddies/{pair.pk}/", check="buddies, the thread for the other side")
    expect(v.main).to_contain_text("¡Hola, Noa! ¿Hablamos el sábado?")
    v.main.get_by_role("button", name=t("End this pairing")).click()
    _status(v, "It has ended. You do not need to give a reason.")
    h.goto(f"/support/buddies/{pair.pk}/")
    ended = "This pairing has ended. You can find another buddy from the buddies page."
    expect(h.main).to_contain_text(h.t(ended))
    expect(h.main).not_to_contain_text("¿Hablamos el sábado?")


@JS
def test_the_check_in_team_reaches_out_and_the_member_snoozes(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    helper = cast(User, UserFactory(language=lang, profile__chosen_name="Rosa Cuida"))
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Paco Lejos"))
    checkins.add_to_team(actor=OrganiserFactory(), member_id=helper.pk)
    checkins.opt_in(actor=member, weeks=4)
    CheckinChoice.objects.filter(user=member).update(due_since=now())

    h = visit(lang=lang, js=js, user=helper)
    h.goto("/support/check-ins/", check="check-ins, the team's list")
    expect(h.main).to_contain_text("Paco Lejos")
    h.main.get_by_role("link", name=h.t("I'll reach out")).click()
    h.check("check-ins, reaching out")
    h.field("Your message").fill("Hola, Paco. Hace tiempo que no te vemos, ¿qué tal estás?")
    h.main.get_by_role("button", name=h.t("Send")).click()
    _status(h, "Sent. Mark it done once you have checked in.")
    checkin = CheckIn.objects.get()

    v = visit(lang=lang, js=js, user=member)
    v.goto(f"/support/check-ins/{checkin.pk}/", check="check-ins, the member's side")
    expect(v.main).to_contain_text("¿qué tal estás?")
    v.main.get_by_role("button", name=v.t("Snooze")).click()
    _status(v, "Snoozed. Nobody will check on you until then.")
    assert CheckinChoice.objects.get(user=member).snoozed_until is not None
