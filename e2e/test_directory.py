"""The directory's journeys, in both languages, with and without JavaScript: a visitor with no
account finds a public service by searching in Spanish without accents and filtering by
"open now", and reads where it is and when it opens; a member recommends a welcoming business,
vouches for it and says a service is out of date; an organiser works through the review queue
and approves the recommendation, which other members then see. A member reports an incident at
a business from its page; an organiser finds it in the moderation queue, warns the business and
then suspends its listing; no other member ever reads who reported it or what they wrote."""

from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from e2e.browser import Visitor, starts
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.directory.factories import (
    AddressFactory,
    BusinessFactory,
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    tag,
)
from tejido.directory.models import (
    Business,
    Recommendation,
    Review,
    Standing,
    Suggestion,
    Visibility,
    Vouch,
)
from tejido.moderation.models import Report

pytestmark = pytest.mark.e2e

# A Wednesday at 11:00 in Madrid: the legal clinic is open, the evening class is not.
WEDNESDAY = datetime(2026, 3, 4, 11, 0, tzinfo=ZoneInfo("Europe/Madrid"))
NOTE = "Me llamaron por mi nombre desde el primer día."
OUTDATED = "Ahora abren también los viernes por la tarde."
INCIDENT = "El camarero se negó a llamarme por mi nombre y se rio de mí."
TOLD = "Llamamos al dueño el lunes; dice que hablará con el equipo."


def _services() -> None:
    clinic = tag(
        ServiceFactory(
            name="Asesoría jurídica trans",
            description="Cambio de nombre y de sexo registral.",
            translations={"en": {"name": "Trans legal advice"}},
        ),
        "legal-name-gender",
        "free",
    )
    place = LocationFactory(name="Despacho", transportation="Metro Tribunal, salida 1")
    AddressFactory(location=place, address_1="Calle Imaginaria 3")
    ServiceAtLocationFactory(service=clinic, location=place)
    ScheduleFactory(service=clinic, byday="MO,WE,FR", opens_at=time(10), closes_at=time(14))
    evening = tag(ServiceFactory(name="Asesoría jurídica de tarde"), "legal")
    ScheduleFactory(service=evening, byday="MO,WE", opens_at=time(18), closes_at=time(20))
    ServiceFactory(name="Asesoría jurídica para socias", visibility=Visibility.MEMBERS)
    ServiceFactory(name="Casa refugio", visibility=Visibility.ORGANISERS)


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_a_visitor_finds_a_public_service_open_now(
    visit: Callable[..., Visitor], lang: str, js: bool, translations: Path
) -> None:
    _services()
    with time_machine.travel(WEDNESDAY, tick=True):
        v = visit(lang=lang, js=js)
        t = v.t
        v.goto("/")
        v.page.get_by_role("navigation", name=t("Main")).get_by_role(
            "link", name=t("Directory")
        ).click()
        v.check("public directory", screenshot=True)
        expect(v.main).not_to_contain_text("Casa refugio")
        expect(v.main).not_to_contain_text("para socias")
        v.main.get_by_role("searchbox", name=t("Search")).fill("asesoria juridica")
        v.main.get_by_role("checkbox", name=t("Open now")).check()
        v.main.get_by_role("button", name=t("Search")).click()
        v.check("directory search, open now", screenshot=True)
        results = v.main.get_by_role("region", name=t("Services"))
        name = "Trans legal advice" if lang == "en" else "Asesoría jurídica trans"
        expect(results.get_by_role("link", name=name)).to_be_visible()
        expect(results).not_to_contain_text("de tarde")
        results.get_by_role("link", name=name).click()
        v.check("public service", screenshot=True)
        expect(v.main).to_contain_text("Calle Imaginaria 3")
        expect(v.main).to_contain_text("Metro Tribunal, salida 1")
        expect(v.main).to_contain_text(t("Open now"))
        expect(v.main).to_contain_text(t("Free"))
        # A visitor reads, but writes nothing: no suggestion or recommendation here.
        expect(v.main.get_by_role("link", name=t("Suggest an edit"))).to_have_count(0)


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_a_member_recommends_a_business_and_an_organiser_approves_it(
    visit: Callable[..., Visitor], lang: str, js: bool, translations: Path
) -> None:
    organiser = cast(User, OrganiserFactory(language=lang, profile__chosen_name="Ana Organiza"))
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Rocío Cuenta"))
    other = cast(User, UserFactory(language=lang))
    business = BusinessFactory(name="Peluquería Tijeras Libres", names_used="Preguntan tu nombre.")
    service = ServiceFactory(name="Despensa solidaria")

    # The member recommends the business, vouches for it, and says a service is out of date.
    m = visit(lang=lang, js=js, user=member)
    t = m.t
    m.goto("/directory/businesses/")
    m.check("welcoming businesses", screenshot=True)
    m.main.get_by_role("link", name="Peluquería Tijeras Libres").click()
    m.check("welcoming business", screenshot=True)
    expect(m.main).to_contain_text("Preguntan tu nombre.")
    m.main.get_by_role("button", name=t("I vouch for it: I was treated well")).click()
    expect(m.page.get_by_role("status")).to_contain_text(
        t("Thank you: you vouch for this business. Only organisers see who vouched.")
    )
    m.main.get_by_role("link", name=t("Recommend it")).click()
    m.check("recommend a business", screenshot=True)
    m.field("Why do you recommend it?").fill(NOTE)
    m.main.get_by_role("button", name=t("Send the recommendation")).click()
    expect(m.page.get_by_role("status")).to_contain_text(
        t("Thank you for your recommendation. Members will see it once an organiser has read it.")
    )
    expect(m.main).to_contain_text(t("Waiting for an organiser"))
    assert Vouch.objects.get().member_id == member.pk
    m.goto(f"/directory/services/{service.pk}/")
    m.main.get_by_role("link", name=t("Report out-of-date information")).click()
    m.check("report out-of-date information", screenshot=True)
    m.field("What should change").fill(OUTDATED)
    m.main.get_by_role("button", name=t("Send to the organisers")).click()
    expect(m.page.get_by_role("status")).to_contain_text(
        t("Thank you. The organisers will check the listing and update it.")
    )
    suggestion = Suggestion.objects.get()
    assert (suggestion.author_id, suggestion.kind, suggestion.text) == (
        member.pk,
        Suggestion.Kind.OUTDATED,
        OUTDATED,
    )

    # The organiser works through the review queue.
    o = visit(lang=lang, js=js, user=organiser)
    o.goto("/directory/")
    o.main.get_by_role("link", name=o.t("Review queue")).click()
    o.check("directory review queue", screenshot=True)
    expect(o.main).to_contain_text(OUTDATED)
    expect(o.main).to_contain_text(NOTE)
    expect(o.main).to_contain_text("Rocío Cuenta")
    o.main.get_by_role("button", name=o.t("Done: the listing is up to date")).click()
    expect(o.page.get_by_role("status")).to_contain_text(
        o.t("Done. The member who wrote it has been told it was read.")
    )
    o.main.get_by_role("button", name=o.t("Approve: show it to members")).click()
    expect(o.page.get_by_role("status")).to_contain_text(
        o.t("The recommendation is shown to members.")
    )
    o.check("directory review queue, done")
    expect(o.main).to_contain_text(o.t("No recommendation waits for approval."))
    assert Recommendation.objects.get().review == Review.APPROVED
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.APPLIED

    # Another member now reads the recommendation, with its author, and the counts.
    r = visit(lang=lang, js=js, user=other)
    r.goto(f"/directory/businesses/{business.pk}/")
    expect(r.main).to_contain_text(NOTE)
    expect(r.main).to_contain_text("Rocío Cuenta")
    expect(r.main).to_contain_text(
        r.t("%(counter)s member vouches for it.").replace("%(counter)s", "1")
    )
    r.check("welcoming business, recommended")


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_a_member_reports_an_incident_at_a_business_and_an_organiser_acts(
    visit: Callable[..., Visitor], lang: str, js: bool, translations: Path
) -> None:
    organiser = cast(User, OrganiserFactory(language=lang, profile__chosen_name="Ana Organiza"))
    reporter = cast(User, UserFactory(language=lang, profile__chosen_name="Rocío Cuenta"))
    other = cast(User, UserFactory(language=lang, profile__chosen_name="Sam Otre"))
    business = BusinessFactory(name="Bar La Esquina", visibility=Visibility.MEMBERS)

    # The member reports what happened from the business's page.
    m = visit(lang=lang, js=js, user=reporter)
    t = m.t
    m.goto("/directory/businesses/")
    m.main.get_by_role("link", name="Bar La Esquina").click()
    expect(m.main).to_contain_text(
        t(
            "Were you treated badly here? Only organisers read an incident report; the business "
            "and other members never learn who sent it."
        )
    )
    m.main.get_by_role("link", name=t("Report an incident")).click()
    m.check("report an incident at a business", screenshot=True)
    m.field("What happened").select_option(label=t("Hate or discrimination"))
    m.field("Tell the organisers more").fill(INCIDENT)
    m.main.get_by_role("button", name=t("Send the report")).click()
    expect(m.main.get_by_role("heading", level=1)).to_have_text(t("Your report was sent"))
    sent = Report.objects.get()
    assert (sent.reporter_id, sent.kind, sent.target_id, sent.reported_id, sent.text) == (
        reporter.pk,
        "business",
        business.pk,
        None,
        INCIDENT,
    )

    # The organiser finds it in the moderation queue, with who sent it, and warns the business.
    o = visit(lang=lang, js=js, user=organiser)
    o.goto("/organise/")
    o.page.get_by_role("navigation", name=o.t("Organiser area")).get_by_role(
        "link", name=starts(lang, "Reports")
    ).click()
    expect(o.main).to_contain_text("Rocío Cuenta")
    o.main.get_by_role(
        "link", name=o.t("About %(name)s") % {"name": "Bar La Esquina"}, exact=True
    ).click()
    o.check("organiser report about a business", screenshot=True)
    expect(o.main).to_contain_text(INCIDENT)
    expect(o.main).to_contain_text("Rocío Cuenta")
    o.main.get_by_role("link", name=o.t("Go to %(name)s") % {"name": "Bar La Esquina"}).click()
    o.main.get_by_role("radio", name=o.t("Warn the business (it stays listed)")).check()
    o.field("Note for organisers").fill(TOLD)
    o.main.get_by_role("button", name=o.t("Apply")).click()
    expect(o.page.get_by_role("status")).to_contain_text(
        o.t("Done. Its open reports were closed and the people who sent them told.")
    )
    o.check("welcoming business, warned")
    expect(o.main).to_contain_text(TOLD)
    sent.refresh_from_db()
    assert sent.status == Report.Status.ACTED
    assert Business.objects.get().standing == Standing.WARNED

    # Another member still finds the business, and nothing of the report: not who sent it, not
    # what they wrote, not what the organisers noted, nor that it was warned.
    r = visit(lang=lang, js=js, user=other)
    r.goto(f"/directory/businesses/{business.pk}/", check="welcoming business, after a report")
    for hidden in ("Rocío", INCIDENT, TOLD, r.t("Warned")):
        expect(r.main).not_to_contain_text(hidden)
    r.goto("/directory/businesses/")
    expect(r.main.get_by_role("link", name="Bar La Esquina")).to_be_visible()
    expect(r.main).not_to_contain_text("Rocío")

    # The reporter is told it was handled, never how.
    m.goto("/notifications/", check="reporter's notifications, business")
    expect(m.main).to_contain_text(t("Thank you: the organisers have handled your report."))
    expect(m.main).not_to_contain_text(TOLD)

    # Then the organiser suspends the listing: it leaves the members' directory.
    o.main.get_by_role("radio", name=o.t("Suspend the listing")).check()
    o.main.get_by_role("button", name=o.t("Apply")).click()
    expect(o.page.get_by_role("status")).to_contain_text(
        o.t("Done. Its open reports were closed and the people who sent them told.")
    )
    assert Business.objects.get().standing == Standing.SUSPENDED
    r.goto("/directory/businesses/", check="welcoming businesses, one suspended")
    expect(r.main).not_to_contain_text("Bar La Esquina")
    r.goto(f"/directory/businesses/{business.pk}/", status=404)
    expect(r.page.get_by_role("main")).not_to_contain_text("Rocío")
