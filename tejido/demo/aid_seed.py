"""The demo network's mutual aid board (aid_content.py), made through the aid services as members
and organisers would make it: offers and open requests of several kinds (one anonymous, one for
organisers only), a match in progress with its thread, one fulfilled with both follow-ups
answered, a microgrant fund with money received, a grant and its payment. What happened days
ago is then dated back, so the organisers' figures show time to match and to fulfil."""

from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from tejido.accounts.models import User
from tejido.aid import fund_services, geography_services, match_services, services
from tejido.aid.models import AidOffer, AidRequest, FollowUp, LedgerEntry, Match
from tejido.core.clock import now
from tejido.demo import aid_content as content
from tejido.network.models import Area


def _windows(spec: tuple[tuple[int, int, int], ...]) -> list[tuple[datetime, datetime]]:
    zone = ZoneInfo(settings.TIME_ZONE)
    today = now().astimezone(zone).date()
    return [
        (
            datetime.combine(today + timedelta(days=days), time(start), zone),
            datetime.combine(today + timedelta(days=days), time(end), zone),
        )
        for days, start, end in spec
    ]


def _geography(organiser: User, areas: dict[str, Area]) -> None:
    for name, (latitude, longitude) in content.PLACES.items():
        if name not in areas:
            continue
        near = [areas[b] for a, b in content.NEIGHBOURS if a == name and b in areas]
        near += [areas[a] for a, b in content.NEIGHBOURS if b == name and a in areas]
        geography_services.set_area_place(
            actor=organiser,
            area=areas[name],
            latitude=latitude,
            longitude=longitude,
            neighbours=near,
        )


def seed_aid(by_key: dict[str, User]) -> None:
    areas = {area.name: area for area in Area.objects.all()}
    organiser = by_key["organiser"]
    _geography(organiser, areas)
    offers: dict[str, AidOffer] = {}
    for spec in content.OFFERS:
        offers[spec.key] = services.open_offer(
            actor=by_key[spec.helper],
            category=spec.category,
            title=spec.title,
            description=spec.description,
            area=areas.get(spec.area),
            languages=list(spec.languages),
            visibility=spec.visibility,
            windows=_windows(spec.windows),
        )
    requests: dict[str, AidRequest] = {}
    for asked in content.REQUESTS:
        fields: dict[str, Any] = {
            "category": asked.category,
            "title": asked.title,
            "description": asked.description,
            "area": areas.get(asked.area),
            "languages": list(asked.languages),
            "urgency": asked.urgency,
            "anonymous": asked.anonymous,
            "windows": _windows(asked.windows),
        }
        if asked.visibility:
            fields["visibility"] = asked.visibility
        if asked.amount:
            fields |= {"amount": Decimal(asked.amount), "purpose": asked.purpose}
        requests[asked.key] = services.open_request(actor=by_key[asked.requester], **fields)
    in_progress = _agreed(
        by_key, requests, offers, content.IN_PROGRESS, content.IN_PROGRESS_MESSAGES
    )
    services.mark_started(actor=in_progress.helper, request=in_progress.request)
    fulfilled = _agreed(by_key, requests, offers, content.FULFILLED, content.FULFILLED_MESSAGES)
    _follow_up(by_key, fulfilled)
    _fund(organiser, requests[content.GRANTED])
    _date_back(requests)


def _agreed(
    by_key: dict[str, User],
    requests: dict[str, AidRequest],
    offers: dict[str, AidOffer],
    pair: tuple[str, str],
    messages: list[tuple[str, str]],
) -> Match:
    """The requester asks the offer's helper, who agrees; they talk in the thread."""
    request, offer = requests[pair[0]], offers[pair[1]]
    match = match_services.ask_helper(actor=request.requester, request=request, offer=offer)
    match_services.answer_match(actor=offer.helper, match=match, accept=True)
    for who, text in messages:
        match_services.post_message(actor=by_key[who], match=match, body=text)
    match.refresh_from_db()
    return match


def _follow_up(by_key: dict[str, User], match: Match) -> None:
    """Both sides were asked whether it happened, and said yes (the requester's yes fulfils it)."""
    match.request.refresh_from_db()
    assert match.request.matched_at is not None
    match_services.ask_follow_up(match_id=match.pk, matched_at=match.request.matched_at.isoformat())
    for key, feedback in content.FEEDBACK.items():
        person = by_key[key]
        match_services.answer_follow_up(
            actor=person,
            follow_up=FollowUp.objects.get(match=match, user=person),
            happened=True,
            feedback=feedback,
        )


def _fund(organiser: User, money_request: AidRequest) -> None:
    fund = fund_services.create_fund(actor=organiser, name=content.FUND_NAME)
    for amount, note in content.FUND_RECEIVED:
        fund_services.record_received(actor=organiser, fund=fund, amount=amount, note=note)
    fund_services.grant(actor=organiser, request=money_request, fund=fund)
    fund_services.record_payment(actor=organiser, request=money_request)


def _date_back(requests: dict[str, AidRequest]) -> None:
    """Each request opened as many days ago as its spec says; what happened to it since, in
    step (a match a day after opening, its help done the day after)."""
    moment = now()
    for spec in content.REQUESTS:
        opened = moment - timedelta(days=spec.days_ago)
        request = AidRequest.objects.get(pk=requests[spec.key].pk)
        changes: dict[str, datetime | None] = {"opened_at": opened}
        if request.matched_at is not None:
            changes["matched_at"] = opened + timedelta(hours=20)
        if request.started_at is not None:
            changes["started_at"] = opened + timedelta(days=1, hours=2)
        if request.fulfilled_at is not None:
            changes["fulfilled_at"] = opened + timedelta(days=3)
        AidRequest.objects.filter(pk=request.pk).update(**changes)
        Match.objects.filter(request=request).update(created_at=opened + timedelta(hours=4))
        LedgerEntry.objects.filter(request=request).update(recorded_at=opened + timedelta(days=1))
