"""The aid board's part of the sweep's world (proof/world.py): requests, offers and matches whose
protected fields hold markers.

- "helpers": `shared` asks, anonymously, for food, seen by vetted helpers of food only: `member`
  and `blocked` offer food (and `suspended` did, before their suspension). `member` offered to
  help; their private thread holds a marker from each side.
- "housing": `blocker` asks for a place to stay, for organisers only. The organiser dispatched it
  to `facilitator`'s housing offer (itself for organisers only); the thread, both sides'
  contact details (shared by both) and the helper's answer to the follow-up hold markers.
- "open": `blocker` asks for food and offers tech help, both open to every member: `blocked`
  must see neither.
- "money": `member` asks for a microgrant (organisers only): its purpose is a marker, granted
  from a fund whose ledger note is a marker too (the ledger is for organisers).
Titles and descriptions of requests are sealed at rest, whoever may read them."""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from tejido.accounts.models import User

Add = Callable[..., str]


def plant_aid(
    *,
    people: dict[str, User],
    add: Add,
    mk: Callable[[str], str],
    capture: Callable[..., Any],
    vetted: frozenset[str],
) -> dict[str, list[int]]:
    """Plant the board; returns the ids of its requests, offers, matches, follow-ups and funds
    for the sweep's addresses."""
    import time_machine

    from tejido.aid import fund_services, match_services, services
    from tejido.aid.models import FOLLOW_UP_DAYS, AidOffer, AidRequest, FollowUp, Fund, Match

    organiser = people["organiser"]
    everyone_but_blocked = vetted - {"blocked"}

    def both(key: str, label: str, viewers: frozenset[str]) -> dict[str, str]:
        return {
            "title": add(mk(f"aid{key}title"), "aid request", f"{label}: title", viewers=viewers),
            "description": add(
                mk(f"aid{key}text"), "aid request", f"{label}: description", viewers=viewers
            ),
        }

    with capture(execute=True):
        for key in ("member", "blocked", "suspended"):
            services.open_offer(actor=people[key], category="food", title="Cocino de más")
        helpers_viewers = frozenset({"shared", "organiser", "member", "blocked"})
        helpers = services.open_request(
            actor=people["shared"],
            category="food",
            visibility="helpers",
            anonymous=True,
            **both("helpers", "a helpers-only anonymous request", helpers_viewers),
        )
        in_thread = frozenset({"member", "shared"})
        offered = match_services.offer_help(
            actor=people["member"],
            request=helpers,
            message=add(
                mk("aidofferedmsg"), "aid thread", "a helper's first words", viewers=in_thread
            ),
        )
        match_services.post_message(
            actor=people["shared"],
            match=offered,
            body=add(
                mk("aidreplymsg"), "aid thread", "an anonymous requester's reply", viewers=in_thread
            ),
        )

        dispatched_viewers = frozenset({"blocker", "facilitator", "organiser"})
        offer_title = add(
            mk("aidsofa"),
            "aid offer",
            "an organisers-only offer's title",
            viewers=dispatched_viewers,
        )
        sofa = services.open_offer(
            actor=people["facilitator"],
            category="housing",
            title=offer_title,
            visibility="organisers",
        )
        housing = services.open_request(
            actor=people["blocker"],
            category="housing",
            **both("housing", "an organisers-only housing request", dispatched_viewers),
        )
        match = match_services.dispatch(actor=organiser, request=housing, offer=sofa)
        match_services.post_message(
            actor=people["facilitator"],
            match=match,
            body=add(
                mk("aiddispatchmsg"),
                "aid thread",
                "a dispatched thread's message",
                viewers=dispatched_viewers,
            ),
        )
        sides = frozenset({"blocker", "facilitator"})
        for key, label in (("blocker", "requester"), ("facilitator", "helper")):
            match_services.share_contact(
                actor=people[key],
                match=match,
                contact=add(
                    mk(f"aidcontact{label}"), "aid contact", f"the {label}'s contact", viewers=sides
                ),
            )
        housing.refresh_from_db()
        assert housing.matched_at is not None
        with time_machine.travel(housing.matched_at + timedelta(days=FOLLOW_UP_DAYS)):
            match_services.ask_follow_up(
                match_id=match.pk, matched_at=housing.matched_at.isoformat()
            )
        match_services.answer_follow_up(
            actor=people["facilitator"],
            follow_up=FollowUp.objects.get(match=match, user=people["facilitator"]),
            happened=True,
            feedback=add(
                mk("aidfeedback"),
                "aid feedback",
                "a helper's follow-up feedback",
                viewers=frozenset({"facilitator", "organiser"}),
            ),
        )

        services.open_request(
            actor=people["blocker"],
            category="food",
            **both("open", "a request open to all", everyone_but_blocked),
        )
        services.open_offer(
            actor=people["blocker"],
            category="tech",
            title=add(
                mk("aidopenoffer"),
                "aid offer",
                "an offer open to all",
                viewers=everyone_but_blocked,
            ),
        )

        money = services.open_request(
            actor=people["member"],
            category="money",
            title="Abono",
            amount=Decimal("40"),
            purpose=add(
                mk("aidpurpose"),
                "aid purpose",
                "a microgrant's purpose",
                viewers=frozenset({"member", "organiser"}),
            ),
        )
        fund = fund_services.create_fund(actor=organiser, name="Fondo")
        fund_services.record_received(
            actor=organiser,
            fund=fund,
            amount="100",
            note=add(
                mk("aidledger"),
                "aid ledger",
                "a ledger entry's note",
                viewers=frozenset({"organiser"}),
            ),
        )
        fund_services.grant(actor=organiser, request=money, fund=fund)

    return {
        "request": [*AidRequest.objects.order_by("pk").values_list("pk", flat=True), 999_999],
        "offer": [*AidOffer.objects.order_by("pk").values_list("pk", flat=True), 999_999],
        "match": [*Match.objects.order_by("pk").values_list("pk", flat=True), 999_999],
        "follow": [*FollowUp.objects.order_by("pk").values_list("pk", flat=True), 999_999],
        "fund": [*Fund.objects.order_by("pk").values_list("pk", flat=True), 999_999],
    }
