"""The mutual aid board (issue 11): a member asks for company to a clinic, is suggested a
helper's offer with the reasons in words and asks them; the helper agrees; both share contact
details, which each sees only once both have; the member says the help happened and answers
the follow-up. An organiser finds an organisers-only housing request in the dispatch queue and
dispatches it to a helper, then grants a member's microgrant from a fund and records its
payment, and the fund's ledger shows both."""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import cast

import pytest
from django.utils import formats, translation
from django.utils.timezone import now
from playwright.sync_api import expect

from e2e.browser import Visitor
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.aid.factories import AidOfferFactory, AidRequestFactory, MoneyRequestFactory
from tejido.aid.fund_services import create_fund, record_received
from tejido.aid.match_services import ask_follow_up
from tejido.aid.models import AidRequest, EntryKind, FollowUp, LedgerEntry, Match, MatchState
from tejido.network.factories import AreaFactory

pytestmark = pytest.mark.e2e

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])


def _status(v: Visitor, message: str) -> None:
    expect(v.page.get_by_role("status").first).to_contain_text(v.t(message))


@JS
def test_a_member_asks_for_company_to_a_clinic_and_accepts_a_suggested_helper(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    area = AreaFactory(name="Lavapiés")
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Noa Ribera"))
    helper = cast(User, UserFactory(language=lang, profile__chosen_name="Dani Acompaña"))
    AidOfferFactory(
        helper=helper,
        category="transport",
        title="Te acompaño a citas médicas",
        area=area,
        languages=["es", "en"],
    )

    v = visit(lang=lang, js=js, user=member)
    t = v.t
    v.goto("/aid/", check="aid board, empty")
    v.main.get_by_role("link", name=t("Ask for help")).first.click()
    v.check("aid, asking for help")
    v.field("Kind of help").select_option(label=t("Transport or accompaniment"))
    v.field("In a few words").fill("Compañía al centro de salud")
    v.field("More about it (optional)").fill("Cita de endocrino el jueves por la mañana.")
    v.main.get_by_role("group", name=t("How soon")).get_by_label(t("This week")).check()
    v.field("Area (optional)").select_option(label="Lavapiés")
    v.main.get_by_role("group", name=t("Languages you speak")).get_by_label(
        t("Spanish"), exact=True
    ).check()
    v.main.get_by_role("button", name=t("Ask for help"), exact=True).click()
    _status(v, "Your request is on the board.")
    request = AidRequest.objects.get(requester=member)
    assert request.visibility == "members"

    # The request's page suggests the helper, and says why in words.
    suggestions = v.main.get_by_role("region", name=t("Helpers who may suit you"))
    expect(suggestions).to_contain_text("Te acompaño a citas médicas")
    expect(suggestions).to_contain_text(t("Why:"))
    v.check("aid, a request with a suggested helper", screenshot=True)
    suggestions.get_by_label(t("A few words for them (optional)")).fill("¿Puedes el jueves?")
    suggestions.get_by_role("button", name=t("Ask them to help")).click()
    _status(v, "You asked them. You will get a notification when they answer.")
    v.check("aid, waiting for the helper")
    match = Match.objects.get(request=request)

    # The helper reads it in their own browser and agrees.
    h = visit(lang=lang, js=js, user=helper)
    h.goto(f"/aid/matches/{match.pk}/", check="aid, asked to help")
    expect(h.main).to_contain_text("¿Puedes el jueves?")
    h.main.get_by_role("button", name=h.t("Yes, I can help")).click()
    _status(h, "It is agreed. Use the thread below to arrange the details.")
    assert Match.objects.get(pk=match.pk).state == MatchState.ACCEPTED

    # Contact details: the helper shares first; nobody sees them until both have.
    h.field("How they can reach you").fill("600 123 456")
    h.main.get_by_role("button", name=h.t("Save what I share")).click()
    _status(h, "Saved. They will see it once they share theirs; until then, neither sees.")
    v.page.reload()
    expect(v.main).not_to_contain_text("600 123 456")
    v.field("How they can reach you").fill("noa@example.org")
    v.main.get_by_role("button", name=t("Save what I share")).click()
    _status(v, "You both shared contact details: see them below.")
    contacts = v.main.get_by_role("region", name=t("Contact details"))
    expect(contacts).to_contain_text("600 123 456")
    expect(contacts).to_contain_text("noa@example.org")
    v.check("aid, contact details shared", screenshot=True)

    # The member says the help happened.
    v.goto(f"/aid/requests/{request.pk}/")
    v.main.get_by_role("button", name=t("It is done: I got the help")).click()
    _status(v, "Marked as done. Thank you for letting us know!")
    request.refresh_from_db()
    assert request.state == "fulfilled"

    # A week after the match the follow-up asks both; the member answers from the home page.
    assert request.matched_at is not None
    ask_follow_up(match_id=match.pk, matched_at=request.matched_at.isoformat())
    v.goto("/", check="home, a follow-up to answer")
    v.main.get_by_role("link", name=t("Did the help happen? Answer the follow-up")).click()
    v.check("aid, the follow-up")
    v.main.get_by_role("group", name=t("Did the help happen?")).get_by_label(t("Yes")).check()
    v.field("Anything you want the organisers to know (optional)").fill("Muy amable.")
    v.main.get_by_role("button", name=t("Send my answer")).click()
    _status(v, "Thank you for answering!")
    answered = FollowUp.objects.get(match=match, user=member)
    assert (answered.happened, answered.feedback) == (True, "Muy amable.")


@JS
def test_an_organiser_dispatches_a_housing_request_and_grants_a_microgrant(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    organiser = cast(User, OrganiserFactory(language=lang, profile__chosen_name="Ana Organiza"))
    asker = cast(User, UserFactory(language=lang, profile__chosen_name="Kai Sinsitio"))
    request = AidRequestFactory(
        requester=asker,
        category="housing",
        visibility="organisers",
        anonymous=True,
        urgency="today",
        title="Un sitio donde dormir tres noches",
    )
    AidOfferFactory(
        helper=UserFactory(language=lang, profile__chosen_name="Inés Sofá"),
        category="housing",
        title="Sofá cama libre",
    )
    money = MoneyRequestFactory(
        requester=UserFactory(language=lang), amount=Decimal("54.60"), title="El abono"
    )
    fund = create_fund(actor=organiser, name="Fondo de apoyo")
    record_received(actor=organiser, fund=fund, amount="300", note="Bote del potluck")

    v = visit(lang=lang, js=js, user=organiser)
    t = v.t
    v.goto("/aid/dispatch/", check="aid, the dispatch queue", screenshot=True)
    queue = v.main.get_by_role("region", name=t("Open requests"))
    expect(queue).to_contain_text("Un sitio donde dormir tres noches")
    expect(queue).to_contain_text(t("Organisers only"))
    expect(queue).to_contain_text("Sofá cama libre")
    queue.get_by_role("button", name=t("Dispatch to this helper")).first.click()
    _status(v, "Dispatched: both of them are told, and the thread is open.")
    match = Match.objects.get(request=request)
    assert match.dispatched_by == organiser
    # Organisers know who asked, though they asked to stay anonymous to members.
    expect(v.main).to_contain_text("Kai Sinsitio")
    v.field("Your message").fill("Os presento. Inés tiene el sofá libre desde hoy.")
    v.main.get_by_role("button", name=t("Send"), exact=True).click()
    _status(v, "Your message was sent.")
    v.check("aid, a dispatched match's thread")

    # The microgrant: granted in full from the fund, then paid.
    v.goto(f"/aid/requests/{money.pk}/", check="aid, a money request")
    grant = v.main.get_by_role("region", name=t("Grant this request"))
    grant.get_by_label(t("From the fund")).select_option(label="Fondo de apoyo")
    grant.get_by_role("button", name=t("Grant it")).click()
    _status(v, "Granted. The member is told; record the payment once made.")
    v.main.get_by_role("button", name=t("Record a payment")).click()
    _status(v, "The payment was recorded.")
    kinds = set(LedgerEntry.objects.filter(request=money).values_list("kind", flat=True))
    assert kinds == {EntryKind.GRANTED, EntryKind.PAID}
    v.goto(f"/aid/funds/{fund.pk}/", check="aid, a fund's ledger", screenshot=True)
    ledger = v.main.get_by_role("region", name=t("Ledger"))
    expect(ledger).to_contain_text("Bote del potluck")
    expect(ledger).to_contain_text("Ana Organiza")
    with translation.override(lang):
        expect(v.main).to_contain_text(formats.localize(Decimal("245.40")))
    assert now() - timedelta(minutes=5) < LedgerEntry.objects.latest("recorded_at").recorded_at
