"""The gatherings part of the sweep's world (proof/world.py): events whose protected fields hold
markers, each at another moment of the hidden-place rule, so that one sweep checks them all.

- "soon" starts in two hours: its place is shown to its confirmed attendees (member, blocker)
  and its host (facilitator); `shared` waits on the waitlist and must not see it.
- "later" starts in five days: its place is not shown yet, not even to its confirmed attendee.
- "past" ended yesterday: its place is no longer shown to those who went.
- "invited" is by invitation only: its title is for its host (shared) and the member who
  opened the link.
- "group" is for the members of group G only.
Network organisers see everything (they run every event). On "soon"'s sign-up sheet the member
claims a dish (everyone who sees the event sees what is brought); a film proposed for the film
list is for vetted members, in two polls the organiser runs (one open, one closed with the
member's vote winning); the member's private calendar feed is fetched by the sweep as the
member (its secret is the member's own).

A network poll on the next film, opened by the organiser, has votes from the member, the
blocker and s_shared: who voted for what is for nobody, so a voter's name (which many may see
elsewhere) must not appear on any poll page or poll API answer but to the voter themself.

A second moment: once the clock is past "later"'s reveal time (two hours before it starts),
its place is shown to its confirmed attendee (member) too. The sweep fetches "later"'s pages,
calendar files and API answer, and the feeds, again at that moment (see `Moment`)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tejido.accounts.models import User

Add = Callable[..., str]

# Where a poll's votes are counted: a voter's name is for nobody here but the voter.
POLL_PLACES = ("/films/polls/", "/api/v1/polls")


@dataclass(frozen=True)
class Moment:
    """A later moment at which some markers reach more viewers (`Marker.moments` names it),
    and the few addresses the sweep fetches again then, as every viewer: site pages (calendar
    files among them), API reads, and the private calendar feeds."""

    name: str
    at: datetime
    pages: tuple[str, ...]
    api: tuple[str, ...]


def plant_gatherings(
    *,
    people: dict[str, User],
    add: Add,
    mk: Callable[[str], str],
    capture: Callable[..., Any],
    group_g: Any,
    vetted: frozenset[str],
    group_members: frozenset[str],
    feeds: list[str],
    moments: list[Moment],
    name_seers: Callable[[str], frozenset[str]],
) -> dict[str, list[int]]:
    """Plant the events; returns the ids of their dates, series and polls for the sweep's
    addresses, puts the member's calendar feed's address in `feeds` and the moment after
    "later"'s reveal in `moments`. `name_seers(key)`: who may see that person's name."""
    from django.urls import reverse

    from tejido.accounts.models import Profile
    from tejido.core.clock import now
    from tejido.gatherings.calendar_services import create_or_renew_feed
    from tejido.gatherings.event_services import create_event, name_host, open_invitation
    from tejido.gatherings.film_services import create_poll, propose_film, vote
    from tejido.gatherings.models import Claim, Event, Host, Occurrence, Poll, Rsvp, Slot
    from tejido.gatherings.services import rsvp
    from tejido.gatherings.sheet_services import add_slot, claim_slot

    organiser, host = people["organiser"], people["facilitator"]
    runners = frozenset({"facilitator", "organiser"})
    moment = now().replace(microsecond=0)

    def event(key: str, starts_in: timedelta, **fields: Any) -> Event:
        starts = moment + starts_in
        made = create_event(
            actor=organiser,
            title_es=fields.pop("title", f"Encuentro {key}"),
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            **fields,
        )
        name_host(actor=organiser, event=made, member=host, role=Host.Role.HOST)
        return made

    revealed = "after later's reveal"

    def place(
        key: str, viewers: frozenset[str], later: frozenset[str] = frozenset()
    ) -> dict[str, str]:
        """The event's address and call link, markers for `viewers`; with `later`, these
        viewers may see them too at the moment after "later"'s reveal."""
        rules: dict[str, Any] = {"viewers": viewers}
        if later:
            rules["moments"] = ((revealed, later),)
        return {
            "address": add(mk(f"address{key}"), "event address", f"{key} event's address", **rules),
            "call_link": "https://call.example.org/"
            + add(mk(f"call{key}"), "event call link", f"{key} event's call link", **rules),
        }

    with capture(execute=True):
        soon = event(
            "soon",
            timedelta(hours=2),
            mode=Event.Mode.BOTH,
            capacity=2,
            attendee_list=Event.AttendeeList.EVERYONE,
            **place("soon", runners | {"member", "blocker"}),
        )
        later = event(
            "later",
            timedelta(days=5),
            mode=Event.Mode.BOTH,
            **place("later", runners, later=frozenset({"member"})),
        )
        date_soon, date_later = soon.occurrences.get(), later.occurrences.get()
        for key in ("member", "blocker", "shared"):
            rsvp(actor=people[key], occurrence=date_soon, answer=Rsvp.Answer.GOING)
        rsvp(actor=people["member"], occurrence=date_later, answer=Rsvp.Answer.GOING)
        # The one to be suspended had a seat; once suspended they see no event at all.
        rsvp(actor=people["suspended"], occurrence=date_later, answer=Rsvp.Answer.GOING)

        invited_title = add(
            mk("invitedevent"),
            "invitation-only event",
            "an invitation-only event's title",
            viewers=frozenset({"shared", "member", "organiser"}),
        )
        invited = create_event(
            actor=organiser,
            title_es=invited_title,
            title_en=invited_title,
            visibility=Event.Visibility.INVITATION,
            starts_at=moment + timedelta(days=3),
            ends_at=moment + timedelta(days=3, hours=2),
            **place("invited", frozenset({"shared", "organiser"})),
        )
        name_host(actor=organiser, event=invited, member=people["shared"], role=Host.Role.HOST)
        open_invitation(actor=people["member"], token=invited.invite_token or "")

        group_title = add(
            mk("groupevent"),
            "group event",
            "a group-only event's title",
            viewers=(group_members & vetted) | {"organiser"},
        )
        for_group = create_event(
            actor=organiser,
            group=group_g,
            visibility=Event.Visibility.GROUP,
            title_es=group_title,
            title_en=group_title,
            starts_at=moment + timedelta(days=4),
            ends_at=moment + timedelta(days=4, hours=2),
        )

    # A past date: written to the models, as nobody can answer one that is over.
    past = Event.objects.create(
        title_es="Encuentro pasado",
        starts_at=moment - timedelta(days=1, hours=3),
        ends_at=moment - timedelta(days=1),
        created_by=organiser,
        **place("past", runners),
    )
    Host.objects.create(event=past, user=host)
    date_past = Occurrence.objects.create(
        event=past, original_start=past.starts_at, starts_at=past.starts_at, ends_at=past.ends_at
    )
    Rsvp.objects.create(
        occurrence=date_past,
        user=people["member"],
        answer=Rsvp.Answer.GOING,
        seat=Rsvp.Seat.CONFIRMED,
        queued_at=past.starts_at - timedelta(days=2),
        attended=True,
    )
    dessert = add_slot(actor=organiser, occurrence=date_soon, course="dessert", wanted=2)
    dish = add(
        mk("dish"), "sheet claim", "a dish claimed on a sheet", viewers=vetted - {"suspended"}
    )
    claim_slot(actor=people["member"], slot=dessert, dish=dish, diet_tags=["vegan"])
    film = add(mk("film"), "film", "a proposed film's title", viewers=vetted - {"suspended"})
    proposed = propose_film(actor=people["shared"], title=film, year=1999)

    # Votes: nobody may learn who voted for what.
    films = [propose_film(actor=organiser, title=f"Película {n}", year=2000 + n) for n in (1, 2)]
    voted = create_poll(
        actor=organiser,
        title_es="¿Qué vemos?",
        title_en="What shall we watch?",
        closes_at=moment + timedelta(days=3),
        films=films,
    )
    first, second = voted.options.order_by("pk")
    for key, option in (("member", first), ("blocker", second), ("s_shared", first)):
        vote(actor=people[key], poll=voted, option=option)
        add(
            Profile.objects.get(user=people[key]).chosen_name,
            "vote",
            f"who voted: {key}'s vote",
            owner=key,
            viewers=name_seers(key),
            not_on=POLL_PLACES,
        )

    # Polls for the organiser to run: an open one the member voted in (to close), and a closed
    # one with a winner (to make its film night).
    polls = []
    for closes_in in (timedelta(days=2), timedelta(hours=1)):
        poll = create_poll(
            actor=organiser, title_es="¿Qué vemos?", closes_at=moment + closes_in, films=[proposed]
        )
        vote(actor=people["member"], poll=poll, option=poll.options.get())
        polls.append(poll)
    Poll.objects.filter(pk=polls[1].pk).update(closes_at=moment - timedelta(hours=1))
    secret = create_or_renew_feed(actor=people["member"])
    add(secret, "calendar feed secret", "the member's calendar feed secret", owner="member")
    feeds.append(f"/calendar/{secret}.ics")
    moments.append(
        Moment(
            name=revealed,
            at=date_later.starts_at - timedelta(hours=2),
            pages=tuple(
                reverse(name, args=[date_later.pk])
                for name in ("occurrence_detail", "occurrence_calendar", "series_calendar")
            ),
            api=(f"/api/v1/occurrences/{date_later.pk}",),
        )
    )

    events = [soon, later, invited, for_group, past]
    return {
        "occurrence": [
            *Occurrence.objects.filter(event__in=events)
            .order_by("pk")
            .values_list("pk", flat=True),
            999_999,
        ],
        "event": [e.pk for e in events] + [999_999],
        "slot": [*Slot.objects.order_by("pk").values_list("pk", flat=True), 999_999],
        "claim": [*Claim.objects.order_by("pk").values_list("pk", flat=True), 999_999],
        "poll": [voted.pk, *(p.pk for p in polls), 999_999],
    }
