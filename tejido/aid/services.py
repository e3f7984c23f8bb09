"""Every write to requests and offers on the board: opening, editing and closing them, marking
a request started or done, and their expiry. Matches and threads are in match_services.py,
funds in fund_services.py.

The daily limit on requests holds under concurrency because opening one locks the member's
row first (select_for_update on PostgreSQL; on SQLite every transaction takes the write lock
at its start, IMMEDIATE), then counts and writes: two requests at once run one after the
other, and the one past the limit finds it reached."""

from datetime import timedelta
from typing import Any

from django.db import transaction

from tejido.access.aid import (
    can_close_offer,
    can_close_request,
    can_create_on_board,
    can_edit_offer,
    can_edit_request,
    can_mark_fulfilled,
    can_mark_started,
    can_see_offer,
    can_see_request,
)
from tejido.access.base import is_organiser
from tejido.accounts.models import User
from tejido.aid import rules
from tejido.aid.errors import NotUnderWay, OfferNotOpen, RequestFinished, TooManyRequests
from tejido.aid.models import (
    LIVE_MATCHES,
    AidOffer,
    AidRequest,
    Match,
    MatchState,
    OfferState,
    RequestState,
    default_visibility,
)
from tejido.aid.tasks import expire_offer, expire_request
from tejido.aid.telling import tell_match, tell_request
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.later import run_at
from tejido.core.text import REQUIRED, clean_texts

REQUEST_FIELDS = frozenset(
    {
        "category",
        "title",
        "description",
        "area",
        "languages",
        "windows",
        "urgency",
        "visibility",
        "anonymous",
        "expires_at",
        "amount",
        "purpose",
    }
)
OFFER_FIELDS = frozenset(
    {"category", "title", "description", "area", "languages", "windows", "visibility", "expires_at"}
)


def lock_request(request: AidRequest) -> AidRequest:
    """The request's row, locked: decisions on it (a match, a grant) run one after another."""
    locked = AidRequest.objects.select_for_update().filter(pk=request.pk).first()
    if locked is None:
        raise NotFound()
    return locked


def _clean(fields: dict[str, Any], *, offer: bool) -> dict[str, Any]:
    """The given fields, checked; every problem of the texts reported together."""
    texts = {name: fields[name] for name in ("title", "description", "purpose") if name in fields}
    cleaned: dict[str, Any] = clean_texts(
        {name: (rules.TEXT_RULES[name], value) for name, value in texts.items()}
    )
    for name, value in fields.items():
        if name in texts:
            continue
        if name == "category":
            cleaned[name] = rules.category(value)
        elif name == "urgency":
            cleaned[name] = rules.urgency(value)
        elif name == "visibility":
            visibility = rules.offer_visibility if offer else rules.request_visibility
            cleaned[name] = visibility(value)
        elif name == "languages":
            cleaned[name] = rules.languages(value)
        elif name == "area":
            cleaned[name] = rules.area(value)
        elif name == "windows":
            cleaned[name] = rules.windows(value)
        elif name == "anonymous":
            cleaned[name] = bool(value)
        elif name != "expires_at" and name != "amount":
            raise TypeError(f"The board has no field {name!r}.")
    return cleaned


def _money_fields(request: AidRequest, fields: dict[str, Any], cleaned: dict[str, Any]) -> None:
    """A money request's amount and purpose, checked against its (maybe new) category."""
    category = cleaned.get("category", request.category)
    if "amount" in fields or "category" in fields:
        cleaned["amount"] = rules.amount(
            fields.get("amount", request.amount), category_code=category
        )
    purpose = cleaned.get("purpose", request.purpose)
    if category != AidRequest.Category.MONEY:
        cleaned["purpose"] = ""
    elif not purpose:
        raise InvalidInput(detail={"purpose": str(REQUIRED)})


def schedule_expiry(task: Any, item: AidRequest | AidOffer) -> None:
    moment = item.expires_at
    transaction.on_commit(lambda: run_at(task, moment, item.pk, moment.isoformat()), robust=True)


@transaction.atomic
def open_request(*, actor: User, **fields: Any) -> AidRequest:
    """Ask for help. Its visibility defaults by category (organisers only for the sensitive
    ones); it stays open until its expiry (by its urgency, when not given). At most
    `rules.REQUESTS_PER_DAY` in any 24 hours."""
    if not can_create_on_board(actor):
        raise NotFound()
    unknown = set(fields) - REQUEST_FIELDS
    if unknown:
        raise TypeError(f"Requests have no fields {sorted(unknown)}.")
    fields.setdefault("category", "")
    cleaned = _clean(fields, offer=False)
    cleaned.setdefault("visibility", default_visibility(cleaned["category"]))
    urgency = cleaned.setdefault("urgency", AidRequest.Urgency.WEEK)
    request = AidRequest(requester=actor)
    fields.setdefault("amount", None)
    _money_fields(request, fields, cleaned)
    moment = now()
    cleaned["expires_at"] = rules.expiry(
        fields.get("expires_at"), default=rules.OPEN_FOR[urgency], moment=moment
    )
    User.objects.select_for_update().filter(pk=actor.pk).first()
    opened = AidRequest.objects.filter(requester=actor, opened_at__gt=moment - timedelta(days=1))
    if opened.count() >= rules.REQUESTS_PER_DAY:
        raise TooManyRequests(
            TooManyRequests.message % {"limit": rules.REQUESTS_PER_DAY},
            detail={"limit": rules.REQUESTS_PER_DAY},
        )
    for name, value in cleaned.items():
        setattr(request, name, value)
    request.opened_at = moment
    request.save()
    schedule_expiry(expire_request, request)
    return request


@transaction.atomic
def edit_request(*, actor: User, request: AidRequest, **changes: Any) -> AidRequest:
    """Change an open request (its requester only); nothing changes unless all of it is valid.
    A new expiry is checked again when it comes."""
    if not can_see_request(actor, request):
        raise NotFound()
    request = lock_request(request)
    if not can_edit_request(actor, request):
        raise RequestFinished() if request.requester_id == actor.pk else NotFound()
    unknown = set(changes) - REQUEST_FIELDS
    if unknown:
        raise TypeError(f"Requests have no fields {sorted(unknown)}.")
    cleaned = _clean(changes, offer=False)
    _money_fields(request, changes, cleaned)
    if "expires_at" in changes:
        urgency = cleaned.get("urgency", request.urgency)
        cleaned["expires_at"] = rules.expiry(changes["expires_at"], default=rules.OPEN_FOR[urgency])
    for name, value in cleaned.items():
        setattr(request, name, value)
    request.save()
    if "expires_at" in cleaned:
        schedule_expiry(expire_request, request)
    return request


def _end_live_matches(request: AidRequest, *, notice: str) -> None:
    moment = now()
    for match in Match.objects.filter(request=request, state__in=LIVE_MATCHES):
        match.state, match.ended_at = MatchState.WITHDRAWN, moment
        if match.answered_at is None:
            match.answered_at = moment
        match.save(update_fields=["state", "ended_at", "answered_at"])
        tell_match(match.helper, notice, match)


@transaction.atomic
def close_request(*, actor: User, request: AidRequest) -> AidRequest:
    """The requester no longer needs it (or an organiser closes it for them): it leaves the
    board and its live matches end."""
    if not can_see_request(actor, request):
        raise NotFound()
    request = lock_request(request)
    if not can_close_request(actor, request):
        raise RequestFinished()
    request.state, request.ended_at = RequestState.CLOSED, now()
    request.save(update_fields=["state", "ended_at", "updated_at"])
    _end_live_matches(request, notice="aid_request_closed")
    if actor.pk != request.requester_id:
        record_action(
            actor=actor, action="aid.request_closed", target_user=request.requester, target=request
        )
    return request


def _agreed(request: AidRequest) -> Match | None:
    return (
        Match.objects.filter(request=request, state=MatchState.ACCEPTED)
        .select_related("helper", "request__requester")
        .first()
    )


@transaction.atomic
def mark_started(*, actor: User, request: AidRequest) -> AidRequest:
    """Either side of the agreed match (or an organiser) says the help is under way."""
    if not can_see_request(actor, request):
        raise NotFound()
    request = lock_request(request)
    match = _agreed(request)
    if not can_mark_started(actor, request, match.helper_id if match else None):
        raise NotUnderWay()
    request.state, request.started_at = RequestState.IN_PROGRESS, now()
    request.save(update_fields=["state", "started_at", "updated_at"])
    if match is not None:  # a granted money request has no helper to tell
        for person in (match.request.requester, match.helper):
            if person.pk != actor.pk:
                tell_match(person, "aid_started", match)
    return request


def fulfil(request: AidRequest, *, actor: User) -> None:
    """Mark a locked request under way as done, and thank its helper."""
    moment = now()
    request.state, request.fulfilled_at = RequestState.FULFILLED, moment
    if request.started_at is None:
        request.started_at = moment
    request.save(update_fields=["state", "fulfilled_at", "started_at", "updated_at"])
    match = _agreed(request)
    if match is not None and match.helper_id != actor.pk:
        tell_match(match.helper, "aid_fulfilled", match)


@transaction.atomic
def mark_fulfilled(*, actor: User, request: AidRequest) -> AidRequest:
    """The requester (or an organiser, for them) says the help happened."""
    if not can_see_request(actor, request):
        raise NotFound()
    request = lock_request(request)
    if not can_mark_fulfilled(actor, request):
        raise NotUnderWay()
    fulfil(request, actor=actor)
    if is_organiser(actor) and actor.pk != request.requester_id:
        record_action(
            actor=actor,
            action="aid.request_fulfilled",
            target_user=request.requester,
            target=request,
        )
    return request


@transaction.atomic
def expire_request_now(*, request_id: int, expires_at: str) -> bool:
    """The background side of a request's expiry: an open request whose expiry is still the
    one the task was made for, and has come, expires. True if it did."""
    request = AidRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None or request.state != RequestState.OPEN:
        return False
    if request.expires_at.isoformat() != expires_at or request.expires_at > now():
        return False
    request.state, request.ended_at = RequestState.EXPIRED, now()
    request.save(update_fields=["state", "ended_at", "updated_at"])
    _end_live_matches(request, notice="aid_match_withdrawn")
    tell_request(request.requester, "aid_request_expired", request)
    return True


# Offers ----------------------------------------------------------------------------------


@transaction.atomic
def open_offer(*, actor: User, **fields: Any) -> AidOffer:
    """Offer help of one category; it stays open for three months unless told otherwise."""
    if not can_create_on_board(actor):
        raise NotFound()
    unknown = set(fields) - OFFER_FIELDS
    if unknown:
        raise TypeError(f"Offers have no fields {sorted(unknown)}.")
    fields.setdefault("category", "")
    cleaned = _clean(fields, offer=True)
    moment = now()
    cleaned["expires_at"] = rules.expiry(
        fields.get("expires_at"), default=rules.OFFER_OPEN_FOR, moment=moment
    )
    offer = AidOffer.objects.create(helper=actor, opened_at=moment, **cleaned)
    schedule_expiry(expire_offer, offer)
    return offer


def _lock_offer(offer: AidOffer) -> AidOffer:
    locked = AidOffer.objects.select_for_update().filter(pk=offer.pk).first()
    if locked is None:
        raise NotFound()
    return locked


@transaction.atomic
def edit_offer(*, actor: User, offer: AidOffer, **changes: Any) -> AidOffer:
    if not can_see_offer(actor, offer):
        raise NotFound()
    offer = _lock_offer(offer)
    if not can_edit_offer(actor, offer):
        raise OfferNotOpen() if offer.helper_id == actor.pk else NotFound()
    unknown = set(changes) - OFFER_FIELDS
    if unknown:
        raise TypeError(f"Offers have no fields {sorted(unknown)}.")
    cleaned = _clean(changes, offer=True)
    if "expires_at" in changes:
        cleaned["expires_at"] = rules.expiry(changes["expires_at"], default=rules.OFFER_OPEN_FOR)
    for name, value in cleaned.items():
        setattr(offer, name, value)
    offer.save()
    if "expires_at" in cleaned:
        schedule_expiry(expire_offer, offer)
    return offer


def _end_offer(offer: AidOffer, state: str) -> None:
    """Close a locked offer; the requesters who asked through it and wait are declined."""
    moment = now()
    offer.state, offer.ended_at = state, moment
    offer.save(update_fields=["state", "ended_at", "updated_at"])
    waiting = Match.objects.filter(
        offer=offer, state=MatchState.PROPOSED, proposed_by=Match.ProposedBy.REQUESTER
    ).select_related("request__requester")
    for match in waiting:
        match.state, match.answered_at = MatchState.DECLINED, moment
        match.save(update_fields=["state", "answered_at"])
        tell_match(match.request.requester, "aid_match_declined", match)


@transaction.atomic
def close_offer(*, actor: User, offer: AidOffer) -> AidOffer:
    if not can_see_offer(actor, offer):
        raise NotFound()
    offer = _lock_offer(offer)
    if not can_close_offer(actor, offer):
        raise OfferNotOpen()
    _end_offer(offer, OfferState.CLOSED)
    if actor.pk != offer.helper_id:
        record_action(
            actor=actor, action="aid.offer_closed", target_user=offer.helper, target=offer
        )
    return offer


@transaction.atomic
def expire_offer_now(*, offer_id: int, expires_at: str) -> bool:
    offer = AidOffer.objects.select_for_update().filter(pk=offer_id).first()
    if offer is None or offer.state != OfferState.OPEN:
        return False
    if offer.expires_at.isoformat() != expires_at or offer.expires_at > now():
        return False
    _end_offer(offer, OfferState.EXPIRED)
    return True
