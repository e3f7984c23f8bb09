"""Every write to the microgrant funds: a new fund, money received, a grant to a money
request and a payment of it. Organisers only; each is recorded in the audit log.

A grant holds the balance above zero under concurrency: it locks the fund's row first
(select_for_update on PostgreSQL; on SQLite every transaction takes the write lock at its
start), then reads the balance and writes; the database refuses a total that would grant
more than the fund received even if that lock were missed."""

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext

from tejido.access.aid import can_grant, can_manage_funds, can_see_request
from tejido.accounts.models import User
from tejido.aid import rules
from tejido.aid.errors import (
    AlreadyGranted,
    NotAMoneyRequest,
    NotEnoughInFund,
    NotGranted,
    PaidTooMuch,
)
from tejido.aid.models import UNDER_WAY, AidRequest, EntryKind, Fund, LedgerEntry, RequestState
from tejido.aid.services import fulfil, lock_request
from tejido.aid.telling import tell_request, written_amount
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.text import TextRule

NAME_RULE = TextRule.of_column(Fund, "name", required=True)
NOTE_RULE = TextRule(rules.NOTE_MAX)
CURRENCY_RULE = TextRule.of_column(Fund, "currency", required=True)
MAX_RECEIVED = Decimal("1000000")


def _organiser(actor: User) -> None:
    if not can_manage_funds(actor):
        raise NotFound()


def _lock_fund(fund: Fund) -> Fund:
    locked = Fund.objects.select_for_update().filter(pk=fund.pk).first()
    if locked is None:
        raise NotFound()
    return locked


@transaction.atomic
def create_fund(*, actor: User, name: str, currency: str = "EUR") -> Fund:
    _organiser(actor)
    name = NAME_RULE.clean(name, field="name")
    code = CURRENCY_RULE.clean(currency, field="currency").upper()
    if len(code) != 3 or not code.isalpha() or not code.isascii():
        raise InvalidInput(detail={"currency": gettext("Enter a three-letter code, such as EUR.")})
    if Fund.objects.filter(name=name).exists():
        raise InvalidInput(detail={"name": gettext("There is already a fund of that name.")})
    fund = Fund.objects.create(name=name, currency=code)
    record_action(actor=actor, action="aid.fund_created", target=fund)
    return fund


def _entry(fund: Fund, actor: User, kind: str, amount: Decimal, **extra: Any) -> LedgerEntry:
    return LedgerEntry.objects.create(
        fund=fund, kind=kind, amount=amount, recorded_by=actor, recorded_at=now(), **extra
    )


@transaction.atomic
def record_received(*, actor: User, fund: Fund, amount: Any, note: str = "") -> LedgerEntry:
    """Money that came into the fund (a donation, a collection)."""
    _organiser(actor)
    value = rules.money(amount, field="amount", high=MAX_RECEIVED)
    text = NOTE_RULE.clean(note, field="note")
    fund = _lock_fund(fund)
    fund.received += value
    fund.save(update_fields=["received", "updated_at"])
    entry = _entry(fund, actor, EntryKind.RECEIVED, value, note=text)
    record_action(
        actor=actor, action="aid.fund_received", target=fund, detail={"amount": str(value)}
    )
    return entry


def grant_of(request: AidRequest) -> LedgerEntry | None:
    return (
        LedgerEntry.objects.filter(request=request, kind=EntryKind.GRANTED)
        .select_related("fund")
        .first()
    )


@transaction.atomic
def grant(
    *, actor: User, request: AidRequest, fund: Fund, amount: Any = None, note: str = ""
) -> LedgerEntry:
    """Grant a money request from a fund: the amount asked for, or less. An open request is
    matched by it (time to match counts from here); the requester is told."""
    if not can_see_request(actor, request):
        raise NotFound()
    _organiser(actor)
    text = NOTE_RULE.clean(note, field="note")
    request = lock_request(request)
    if not can_grant(actor, request):
        raise NotAMoneyRequest() if request.amount is None else AlreadyGranted()
    assert request.amount is not None
    value = (
        request.amount
        if amount in (None, "")
        else rules.money(amount, field="amount", high=request.amount)
    )
    if grant_of(request) is not None:
        raise AlreadyGranted()
    fund = _lock_fund(fund)
    if value > fund.balance:
        raise NotEnoughInFund(
            NotEnoughInFund.message % {"balance": f"{fund.balance} {fund.currency}"},
            detail={"balance": str(fund.balance)},
        )
    fund.granted += value
    try:
        with transaction.atomic():
            fund.save(update_fields=["granted", "updated_at"])
    except IntegrityError as error:  # the database's own guard of the balance
        raise NotEnoughInFund(detail={"balance": str(fund.balance)}) from error
    entry = _entry(fund, actor, EntryKind.GRANTED, value, request=request, note=text)
    if request.state == RequestState.OPEN:
        request.state, request.matched_at = RequestState.MATCHED, entry.recorded_at
        request.save(update_fields=["state", "matched_at", "updated_at"])
    tell_request(
        request.requester, "aid_granted", request, amount=written_amount(value, fund.currency)
    )
    record_action(
        actor=actor,
        action="aid.grant",
        target_user=request.requester,
        target=request,
        detail={"amount": str(value), "fund": fund.name},
    )
    return entry


@transaction.atomic
def record_payment(
    *, actor: User, request: AidRequest, amount: Any = None, note: str = ""
) -> LedgerEntry:
    """A grant (or part of it) was paid out. Once all of it is paid, a request still under way
    is fulfilled."""
    if not can_see_request(actor, request):
        raise NotFound()
    _organiser(actor)
    text = NOTE_RULE.clean(note, field="note")
    request = lock_request(request)
    granted = grant_of(request)
    if granted is None:
        raise NotGranted()
    fund = _lock_fund(granted.fund)
    paid = LedgerEntry.objects.filter(request=request, kind=EntryKind.PAID).aggregate(
        total=Sum("amount")
    )["total"] or Decimal("0")
    owed = granted.amount - paid
    if owed <= 0:
        raise PaidTooMuch()
    value = owed if amount in (None, "") else rules.money(amount, field="amount", high=owed)
    fund.paid += value
    fund.save(update_fields=["paid", "updated_at"])
    entry = _entry(fund, actor, EntryKind.PAID, value, request=request, note=text)
    if value == owed and request.state in UNDER_WAY:
        fulfil(request, actor=actor)
    tell_request(
        request.requester, "aid_paid", request, amount=written_amount(value, fund.currency)
    )
    record_action(
        actor=actor,
        action="aid.paid",
        target_user=request.requester,
        target=request,
        detail={"amount": str(value), "fund": fund.name},
    )
    return entry
