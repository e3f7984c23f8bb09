"""Gatherings (issue 10): a member answers a potluck, signs up on its sheet to bring a dessert
(the attendees' diets counted without names) and sees its address only from the reveal time; a
member joins a full workshop's waitlist and is given the seat when someone withdraws; a group
organiser makes a monthly film night and sees its dates; a host runs the vote on the next film
(a member votes and changes their vote, nobody's name beside the votes) and makes the film
night from the winner; a member makes a calendar feed and the feed holds no address before the
reveal time; and the list and a gathering's page fit a 360 px phone."""

import re
import urllib.request
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
import time_machine
import vobject
from django.conf import settings
from django.utils import translation
from django.utils.timezone import now
from django.utils.translation import ngettext
from playwright.sync_api import Locator, expect

from e2e.browser import PASSWORD, Visitor
from e2e.test_phone_layout import _overflow
from tejido.accounts.factories import UserFactory
from tejido.accounts.models import Audience, User
from tejido.gatherings import recurrence
from tejido.gatherings.factories import (
    EventFactory,
    FilmFactory,
    HostFactory,
    OccurrenceFactory,
    RsvpFactory,
)
from tejido.gatherings.film_services import vote
from tejido.gatherings.models import (
    AddressView,
    Claim,
    Event,
    Occurrence,
    Poll,
    PollOption,
    Rsvp,
    Slot,
    Vote,
)
from tejido.gatherings.sheet_services import add_slot
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import Group, GroupMembership

pytestmark = pytest.mark.e2e

ADDRESS = "Calle de la Acequia 12, 3º izquierda"
ZONE = ZoneInfo(settings.TIME_ZONE)
JS = pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
NEEDED = "%(counter)s still needed"


def _event(**fields: Any) -> Occurrence:
    """A gathering of the whole network, once, and its one date."""
    starts = now().replace(microsecond=0) + fields.pop("starts_in", timedelta(days=3))
    event = EventFactory(
        starts_at=starts, ends_at=starts + timedelta(hours=3), address=ADDRESS, **fields
    )
    return cast(Occurrence, OccurrenceFactory(event=event))


def _title(occurrence: Occurrence, lang: str) -> str:
    event = occurrence.event
    return str(event.title_es if lang == "es" else event.title_en)


def _open_from_the_list(v: Visitor, occurrence: Occurrence, name: str) -> None:
    v.goto("/events/", check="gatherings")
    v.main.get_by_role("link", name=_title(occurrence, v.lang), exact=True).click()
    expect(v.main.get_by_role("heading", level=1)).to_have_text(_title(occurrence, v.lang))
    v.check(name)


def _answer(v: Visitor, answer: str) -> None:
    v.main.get_by_role("group", name=v.t("Your answer")).get_by_role(
        "button", name=v.t(answer), exact=True
    ).click()


def _counted(lang: str, singular: str, plural: str, number: int) -> str:
    """A `{% blocktranslate count counter=… %}` message as the live server shows it for
    `number`, in that language's plural form."""
    with translation.override(lang):
        return str(ngettext(singular, plural, number)) % {"counter": number}


def _slot(sheet: Locator, course: str) -> Locator:
    """A slot of the sign-up sheet, by the heading of its kind."""
    return sheet.get_by_role("listitem").filter(
        has=sheet.page.get_by_role("heading", name=course, exact=True)
    )


def _place(v: Visitor) -> Any:
    """The "Place" entry of the "When and where" list."""
    return v.main.locator("dt", has_text=re.compile(rf"^{re.escape(v.t('Place'))}$")).locator(
        "xpath=following-sibling::dd[1]"
    )


# ---------------------------------------------------------------------------------------------
# 1. The potluck: the place only from the reveal time.


@JS
def test_a_member_answers_a_potluck_and_sees_the_address_only_from_the_reveal_time(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Lola Cazuela"))
    occurrence = _event(
        kind=Event.Kind.POTLUCK,
        title_es="Comida compartida de otoño",
        title_en="Autumn potluck",
        reveal_hours=24,
    )
    # The host asked for two desserts on the sign-up sheet; another attendee is vegan and
    # lets every member know it.
    host = cast(User, UserFactory(language=lang, profile__chosen_name="Paco Cucharón"))
    HostFactory(event=occurrence.event, user=host)
    add_slot(actor=host, occurrence=occurrence, course=Slot.Course.DESSERT, wanted=2)
    vegan = cast(User, UserFactory(language=lang, profile__chosen_name="Rosa Seitán"))
    vegan.profile.diet = ["vegan"]
    vegan.profile.dietary_needs_audience = Audience.MEMBERS
    vegan.profile.save(update_fields=["diet", "dietary_needs_audience"])
    RsvpFactory(occurrence=occurrence, user=vegan)

    v = visit(lang=lang, js=js, user=member)
    t = v.t
    _open_from_the_list(v, occurrence, "potluck, not answered")
    expect(_place(v)).to_have_text(
        t("The exact place is shown to confirmed attendees before the start.")
    )
    expect(v.main).not_to_contain_text(ADDRESS)

    _answer(v, "Going")
    expect(v.page.get_by_role("status")).to_contain_text(
        t("You are going: your seat is confirmed. See you there!")
    )
    # Three days ahead, with the place shown 24 hours before: the page says from when.
    shown_from = occurrence.starts_at - timedelta(hours=24)
    expect(_place(v)).to_contain_text(t("The exact place is shown to confirmed attendees from"))
    shown = _place(v).locator("time").get_attribute("datetime")
    assert shown is not None
    assert datetime.fromisoformat(shown) == shown_from
    expect(v.main).not_to_contain_text(ADDRESS)
    v.check("potluck, going, place not yet shown", screenshot=True)
    assert not AddressView.objects.filter(occurrence=occurrence).exists()

    # The sign-up sheet: the host asked for two desserts. The member, now going, brings one.
    sheet = v.main.get_by_role("region", name=t("Sign-up sheet"))
    dessert = _slot(sheet, t("Dessert"))
    expect(dessert).to_contain_text(_counted(lang, NEEDED, NEEDED, 2))
    dessert.locator("summary", has_text=t("I'll bring this")).click()
    dessert.get_by_label(t("What you will bring"), exact=True).fill("Tarta de almendras")
    dessert.get_by_label(t("Servings (optional)"), exact=True).fill("8")
    dessert.locator("summary", has_text=t("Diet and allergens")).click()
    dessert.get_by_role("group", name=t("It is")).get_by_label(t("Vegan"), exact=True).check()
    dessert.get_by_role("group", name=t("It contains")).get_by_label(
        t("Tree nuts"), exact=True
    ).check()
    v.check("potluck, signing up to bring a dessert")
    dessert.get_by_role("button", name=t("Sign up"), exact=True).click()

    expect(v.page.get_by_role("status")).to_contain_text(
        t("Thank you! You signed up to bring %(dish)s.") % {"dish": "Tarta de almendras"}
    )
    dessert = _slot(v.main.get_by_role("region", name=t("Sign-up sheet")), t("Dessert"))
    expect(dessert).to_contain_text(_counted(lang, NEEDED, NEEDED, 1))
    expect(dessert).to_contain_text(
        t("%(claimed)s of %(wanted)s signed up") % {"claimed": 1, "wanted": 2}
    )
    mine = dessert.get_by_role("listitem").filter(has_text="Tarta de almendras")
    expect(mine).to_contain_text(_counted(lang, "%(counter)s serving", "%(counter)s servings", 8))
    expect(mine).to_contain_text(t("you"))
    expect(mine.locator(".tag")).to_have_text(t("Vegan"))
    expect(mine).to_contain_text(f"{t('Contains:')} {t('Tree nuts')}")
    # What the attendees need, counted without names: one vegan is "fewer than 3".
    needs = v.main.get_by_role("region", name=t("What attendees need"))
    expect(needs.get_by_role("listitem")).to_have_text([f"{t('Vegan')}: {t('fewer than 3')}"])
    expect(needs).not_to_contain_text("Rosa Seitán")
    v.check("potluck, a dessert signed up", screenshot=True)
    claim = Claim.objects.get(slot__occurrence=occurrence, user=member)
    assert (claim.dish, claim.servings) == ("Tarta de almendras", 8)
    assert (claim.diet_tags, claim.allergens) == (["vegan"], ["nuts"])

    # Two days later. The live server runs in this process, in a thread, so moving the clock
    # here moves it for the server too (time-machine patches the wall clock, not the monotonic
    # one asyncio and Playwright's timeouts use); the browser's own clock and its session
    # cookie (14 days) are untouched. `tick=True`: time goes on from there, as it would.
    with time_machine.travel(occurrence.starts_at - timedelta(hours=23), tick=True):
        v.page.reload()
        expect(_place(v).locator(".event-address")).to_have_text(ADDRESS)
        expect(_place(v)).to_contain_text(
            t("Keep the place to yourself: it is shown only to those coming.")
        )
        v.check("potluck, going, place shown")
    # The page showing the place is recorded, for the hosts' "who saw the address".
    assert AddressView.objects.filter(occurrence=occurrence, user=member).exists()


# ---------------------------------------------------------------------------------------------
# 2. A full workshop: the waitlist, then the seat.


@JS
def test_a_member_joins_a_full_workshops_waitlist_and_gets_the_seat_when_someone_withdraws(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Inés Acuarela"))
    holder = cast(User, UserFactory(language=lang, profile__chosen_name="Teo Pincel"))
    occurrence = _event(
        kind=Event.Kind.ART_WORKSHOP,
        title_es="Taller de acuarela",
        title_en="Watercolour workshop",
        capacity=1,
        promotion=Event.Promotion.AT_ONCE,
    )
    RsvpFactory(occurrence=occurrence, user=holder)  # the one seat is taken

    v = visit(lang=lang, js=js, user=member)
    t = v.t
    _open_from_the_list(v, occurrence, "workshop, full")
    expect(v.main).to_contain_text(t("It is full."))
    _answer(v, "Going")
    expect(v.page.get_by_role("status")).to_contain_text(
        t(
            "The gathering is full: you are number %(position)s on the waitlist. You will get "
            "a notification if a seat frees up."
        )
        % {"position": 1}
    )
    expect(v.main.get_by_role("region", name=t("Are you coming?"))).to_contain_text(
        t("You are number %(position)s on the waitlist.") % {"position": 1}
    )
    v.check("workshop, on the waitlist", screenshot=True)
    assert Rsvp.objects.get(occurrence=occurrence, user=member).seat == Rsvp.Seat.WAITLISTED

    # The member holding the seat withdraws, in their own browser.
    other = visit(lang=lang, js=js, user=holder)
    other.goto(f"/events/{occurrence.pk}/")
    expect(other.main).to_contain_text(t("Your seat is confirmed. See you there!"))
    other.main.get_by_role("button", name=t("Withdraw my answer")).click()
    expect(other.page.get_by_role("status")).to_contain_text(
        t("You withdrew your answer. If you had a seat, it goes to someone else.")
    )
    other.check("workshop, answer withdrawn")

    # Ours reloads: the seat is theirs, and a notification says so.
    v.page.reload()
    answer = v.main.get_by_role("region", name=t("Are you coming?"))
    expect(answer).to_contain_text(t("Your seat is confirmed. See you there!"))
    expect(answer).not_to_contain_text(
        t("You are number %(position)s on the waitlist.") % {"position": 1}
    )
    v.check("workshop, promoted")
    v.goto("/notifications/")
    title = _title(occurrence, lang)
    promoted = re.escape(
        t("A seat at %(event)s on %(when)s freed up and it is yours now. See you there!")
    )
    promoted = promoted.replace(re.escape("%(event)s"), re.escape(title)).replace(
        re.escape("%(when)s"), ".+"
    )
    expect(v.main.locator(".notices .notice-text").first).to_have_text(re.compile(promoted))
    v.check("notifications, seat given")


# ---------------------------------------------------------------------------------------------
# 3. A group organiser makes a monthly film night.


def _first_fridays(after: date, count: int) -> list[date]:
    """The first Fridays of the months, the first of them later than `after`."""
    fridays: list[date] = []
    year, month = after.year, after.month
    while len(fridays) < count:
        day = date(year, month, 1)
        day += timedelta(days=(4 - day.weekday()) % 7)
        if day > after:
            fridays.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return fridays


@JS
def test_a_group_organiser_makes_a_monthly_film_night_and_sees_its_dates(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    host = cast(User, UserFactory(language=lang, profile__chosen_name="Carmen Butaca"))
    group = cast(
        Group, GroupFactory(name_es="Cineclub del barrio", name_en="Neighbourhood film club")
    )
    GroupMembershipFactory(group=group, user=host, role=GroupMembership.Role.ORGANISER)
    # A first Friday at least two days ahead, then the next three.
    fridays = _first_fridays(now().astimezone(ZONE).date() + timedelta(days=1), 4)

    v = visit(lang=lang, js=js, user=host)
    t = v.t
    v.goto("/events/", check="gatherings, for a group organiser")
    v.main.get_by_role("link", name=t("Create a gathering")).click()
    expect(v.main.get_by_role("heading", level=1)).to_have_text(t("New gathering"))
    v.check("new gathering", screenshot=True)
    v.field("Kind of gathering").select_option(label=t("Film night"))
    v.field("Title in Spanish").fill("Noche de cine")
    v.field("Title in English").fill("Film night")
    v.field("Group").select_option(label=str(group.name_es if lang == "es" else group.name_en))
    v.main.get_by_label(t("Members of the group"), exact=True).check()
    v.field("Start date").fill(fridays[0].isoformat())
    v.field("Start time").fill("19:30")
    v.field("End date").fill(fridays[0].isoformat())
    v.field("End time").fill("22:00")
    v.field("Repeats").select_option(
        label=t("Every month, on the same weekday (e.g. the first Friday)")
    )
    v.field("Number of times (optional)").fill("4")
    v.field("Exact address (optional)").fill(ADDRESS)
    v.main.get_by_role("button", name=t("Make the gathering")).click()

    expect(v.page.get_by_role("status")).to_contain_text(t("The gathering was made."))
    title = "Noche de cine" if lang == "es" else "Film night"
    expect(v.main.get_by_role("heading", level=1)).to_have_text(title)
    expect(v.main).to_contain_text(t("Repeats:"))
    v.check("film night, just made", screenshot=True)

    # The page is the first date; the other three are listed, each a first Friday at 19:30.
    starts = v.main.get_by_role("region", name=t("When and where")).locator("dd time").first
    assert _local(starts.get_attribute("datetime")) == (fridays[0], "19:30")
    others = v.main.get_by_role("list", name=t("Other dates"))
    expect(others.get_by_role("listitem")).to_have_count(3)
    shown = [
        _local(time.get_attribute("datetime"))
        for time in others.locator("li > a > time:first-child").all()
    ]
    assert shown == [(day, "19:30") for day in fridays[1:]]
    # And what was made: one event of the group, a monthly rule, four dates.
    event = Event.objects.get(group=group)
    assert event.kind == Event.Kind.FILM_NIGHT
    assert "FREQ=MONTHLY" in event.recurrence
    assert "BYDAY=1FR" in event.recurrence
    dates = [o.starts_at.astimezone(ZONE) for o in event.occurrences.order_by("starts_at")]
    assert [(d.date(), f"{d:%H:%M}") for d in dates] == [(day, "19:30") for day in fridays]

    # A later date's page says it too.
    others.get_by_role("link").nth(1).click()
    expect(v.main.get_by_role("heading", level=1)).to_have_text(title)
    v.check("film night, a later date")


def _local(value: str | None) -> tuple[date, str]:
    """A <time datetime="…"> as the date and the hour in the network's time zone."""
    assert value
    moment = datetime.fromisoformat(value).astimezone(ZONE)
    return moment.date(), f"{moment:%H:%M}"


# ---------------------------------------------------------------------------------------------
# 3b. A host runs the vote on the next film and makes the film night from the winner.


def _film_option(v: Visitor, film: str) -> Locator:
    """A film's radio button in the poll's vote form (its name goes on with the counts)."""
    return v.main.get_by_role("radio", name=re.compile(rf"^{re.escape(film)}"))


@JS
def test_a_host_runs_the_film_vote_and_makes_the_film_night_from_the_winner(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    host = cast(User, UserFactory(language=lang, profile__chosen_name="Carmen Butaca"))
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Nico Palomitas"))
    other = cast(User, UserFactory(language=lang, profile__chosen_name="Dani Taquilla"))
    group = cast(
        Group, GroupFactory(name_es="Cineclub del barrio", name_en="Neighbourhood film club")
    )
    GroupMembershipFactory(group=group, user=host, role=GroupMembership.Role.ORGANISER)
    GroupMembershipFactory(group=group, user=member)
    GroupMembershipFactory(group=group, user=other)
    for title, year in (("Carol", 2015), ("Pride", 2014), ("Tomboy", 2011)):
        FilmFactory(title=title, year=year)
    names = ("Carmen Butaca", "Nico Palomitas", "Dani Taquilla")
    local_now = now().astimezone(ZONE)

    # The host opens a poll from the polls page, with two films of the list.
    h = visit(lang=lang, js=js, user=host)
    t = h.t
    h.goto("/films/polls/", check="film polls, none yet")
    h.main.get_by_role("link", name=t("Open a poll"), exact=True).click()
    expect(h.main.get_by_role("heading", level=1)).to_have_text(t("Open a poll"))
    h.check("new film poll", screenshot=True)
    h.field("Title in Spanish").fill("¿Qué vemos en la próxima noche de cine?")
    h.field("Title in English (optional)").fill("What shall we watch at the next film night?")
    h.field("For").select_option(label=str(group.name_es if lang == "es" else group.name_en))
    h.field("Voting closes").fill((local_now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"))
    h.main.get_by_label("Carol (2015)", exact=True).check()
    h.main.get_by_label("Pride (2014)", exact=True).check()
    h.main.get_by_role("button", name=t("Open the poll"), exact=True).click()
    expect(h.page.get_by_role("status")).to_contain_text(
        t("The poll is open: members can vote now.")
    )
    poll_title = (
        "¿Qué vemos en la próxima noche de cine?"
        if lang == "es"
        else "What shall we watch at the next film night?"
    )
    expect(h.main.get_by_role("heading", level=1)).to_have_text(poll_title)
    h.check("film poll, just opened")
    poll = Poll.objects.get(group=group)
    assert sorted(o.film.title for o in poll.options.select_related("film")) == ["Carol", "Pride"]
    pride = PollOption.objects.get(poll=poll, film__title="Pride")
    vote(actor=other, poll=poll, option=pride)  # someone else has voted already

    # A member of the group votes on the poll's page, then changes their vote.
    v = visit(lang=lang, js=js, user=member)
    v.goto("/films/polls/", check="film polls, one open")
    v.main.get_by_role("link", name=poll_title, exact=True).click()
    expect(v.main.get_by_role("heading", level=1)).to_have_text(poll_title)
    v.check("film poll, not voted", screenshot=True)
    _film_option(v, "Carol (2015)").check()
    v.main.get_by_role("button", name=t("Vote"), exact=True).click()
    expect(v.page.get_by_role("status")).to_contain_text(
        t("Thank you for voting. You can change your vote until the poll closes.")
    )
    one_vote = _counted(lang, "%(counter)s vote", "%(counter)s votes", 1)
    expect(_film_option(v, "Carol (2015)")).to_be_checked()
    expect(_film_option(v, "Carol (2015)")).to_have_accessible_name(
        f"Carol (2015) · {one_vote} · {t('your vote')}"
    )
    expect(_film_option(v, "Pride (2014)")).to_have_accessible_name(f"Pride (2014) · {one_vote}")
    v.check("film poll, voted")

    _film_option(v, "Pride (2014)").check()
    v.main.get_by_role("button", name=t("Change my vote"), exact=True).click()
    expect(v.page.get_by_role("status")).to_contain_text(
        t("Your vote is changed. You can change it until the poll closes.")
    )
    two_votes = _counted(lang, "%(counter)s vote", "%(counter)s votes", 2)
    no_votes = _counted(lang, "%(counter)s vote", "%(counter)s votes", 0)
    expect(_film_option(v, "Pride (2014)")).to_be_checked()
    expect(_film_option(v, "Pride (2014)")).to_have_accessible_name(
        f"Pride (2014) · {two_votes} · {t('your vote')}"
    )
    expect(_film_option(v, "Carol (2015)")).to_have_accessible_name(f"Carol (2015) · {no_votes}")
    # Votes are counted, never named.
    for name in names:
        expect(v.main).not_to_contain_text(name)
    v.check("film poll, vote changed")
    assert Vote.objects.get(poll=poll, user=member).option == pride
    assert Vote.objects.filter(poll=poll).count() == 2

    # The host closes the poll and makes the film night from the winner.
    h.page.reload()
    for name in names:
        expect(h.main).not_to_contain_text(name)
    h.main.get_by_role("button", name=t("Close the poll now"), exact=True).click()
    expect(h.page.get_by_role("status")).to_contain_text(
        t("The poll is closed. Everyone who voted is told the winner.")
    )
    winner = h.main.get_by_role("region", name=t("The winner"))
    expect(winner).to_contain_text(f"Pride · {two_votes}")
    for name in names:
        expect(h.main).not_to_contain_text(name)
    h.check("film poll, closed", screenshot=True)
    winner.get_by_role("link", name=t("Make the film night"), exact=True).click()
    expect(h.main.get_by_role("heading", level=1)).to_have_text(t("Make the film night"))
    h.check("film night from the winner")
    day = (local_now + timedelta(days=10)).date()
    h.field("Date").fill(day.isoformat())
    h.field("Starts").fill("20:00")
    h.field("Ends").fill("22:30")
    h.main.get_by_role("button", name=t("Make the film night"), exact=True).click()

    expect(h.page.get_by_role("status")).to_contain_text(
        t("The film night is made. Add its place and details.")
    )
    expect(h.main.get_by_role("heading", level=1)).to_have_text("Pride")
    starts = h.main.get_by_role("region", name=t("When and where")).locator("dd time").first
    assert _local(starts.get_attribute("datetime")) == (day, "20:00")
    h.check("film night, made from the poll", screenshot=True)
    poll.refresh_from_db()
    event = poll.event
    assert event is not None
    assert (event.kind, event.group_id, event.film_id) == (
        Event.Kind.FILM_NIGHT,
        group.pk,
        pride.film_id,
    )
    assert h.page.url.endswith(f"/events/{event.occurrences.get().pk}/")


# ---------------------------------------------------------------------------------------------
# 4. The calendar feed.


def _feed_events(address: str) -> list[Any]:
    """The feed fetched as a calendar app would: a plain HTTP request, no cookies, no login."""
    with urllib.request.urlopen(address, timeout=15) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        body = response.read().decode("utf-8")
    (calendar,) = list(vobject.readComponents(body))
    return list(getattr(calendar, "vevent_list", []))


@JS
def test_a_member_subscribes_to_the_calendar_feed_and_it_holds_no_address_before_the_reveal(
    visit: Callable[..., Visitor], lang: str, js: bool, settings: Any, live_server: Any
) -> None:
    # The feed's address is made from SITE_URL: here, the live server's.
    settings.SITE_URL = live_server.url
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Rita Agenda"))
    occurrence = _event(
        kind=Event.Kind.POTLUCK,
        title_es="Comida compartida de otoño",
        title_en="Autumn potluck",
        reveal_hours=24,
    )
    RsvpFactory(occurrence=occurrence, user=member)  # a confirmed seat, three days ahead

    v = visit(lang=lang, js=js, user=member)
    t = v.t
    v.goto("/me/calendar/", check="calendar feed, none yet")
    expect(v.main).to_contain_text(
        t("You have no calendar feed. Make one to see your gatherings in your calendar app.")
    )
    v.main.get_by_role("button", name=t("Make my calendar feed")).click()
    # Making a feed asks for the password again (the feed shows places to whoever has it).
    v.check("calendar feed, password again")
    v.field("Password").fill(PASSWORD)
    v.main.get_by_role("button").last.click()
    expect(v.main.get_by_role("heading", name=t("Your feed's address"))).to_be_visible()
    v.check("calendar feed, made", screenshot=True)
    address = v.main.get_by_label(t("Address"), exact=True).input_value()
    assert address.startswith(f"{live_server.url}/calendar/")
    assert address.endswith(".ics")

    (entry,) = _feed_events(address)
    assert entry.summary.value == _title(occurrence, lang)
    assert not hasattr(entry, "location")
    assert "Acequia" not in entry.serialize()
    assert not AddressView.objects.filter(occurrence=occurrence).exists()

    # From the reveal time on, the same address holds the place (the clock moved as in the
    # potluck journey: the live server runs in this process).
    with time_machine.travel(occurrence.starts_at - timedelta(hours=2), tick=True):
        (entry,) = _feed_events(address)
    assert entry.location.value == ADDRESS
    assert AddressView.objects.filter(occurrence=occurrence, user=member).exists()


# ---------------------------------------------------------------------------------------------
# The list and a gathering's page on a small phone.

SMALL_PHONE = {"width": 360, "height": 780}


def test_the_gatherings_list_and_a_gatherings_page_fit_a_360_px_phone(
    visit: Callable[..., Visitor], lang: str
) -> None:
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Maximiliana Pequeña"))
    group = GroupFactory(
        name_es="Asamblea transfeminista de Lavapiés y Embajadores",
        name_en="Lavapiés and Embajadores transfeminist assembly",
    )
    GroupMembershipFactory(group=group, user=member)
    occurrence = _event(
        kind=Event.Kind.COMMUNITY_SERVICE,
        title_es="Jornada de reparto solidario de alimentos y ropa de abrigo",
        title_en="A day of handing out food and warm clothes to neighbours",
        group=group,
        visibility=Event.Visibility.GROUP,
        capacity=12,
        step_free=True,
        accessible_toilet=True,
        quiet_room=True,
        sign_language=True,
        captions=True,
        languages=["es", "en", "eu"],
        content_notes="Hablaremos de desahucios y de violencia institucional.",
    )
    event = occurrence.event
    event.recurrence = recurrence.rule_for(
        "weekly", event.starts_at.astimezone(ZONE), count=3, until=None
    )
    event.save(update_fields=["recurrence"])
    for week in (1, 2):
        OccurrenceFactory(
            event=occurrence.event,
            starts_at=occurrence.starts_at + timedelta(weeks=week),
            ends_at=occurrence.ends_at + timedelta(weeks=week),
        )
    RsvpFactory(occurrence=occurrence, user=member)

    v = visit(lang=lang, user=member)
    v.page.set_viewport_size(SMALL_PHONE)  # type: ignore[arg-type]
    v.goto("/events/", check="gatherings on a 360 px phone")
    assert _overflow(v) <= 0, "the list is wider than the phone"
    v.goto(f"/events/{occurrence.pk}/", check="a gathering on a 360 px phone")
    expect(v.main.get_by_role("heading", level=1)).to_have_text(_title(occurrence, lang))
    assert _overflow(v) <= 0, "the gathering's page is wider than the phone"
