"""Microgrants through the services: funds, money received, grants and payments, each in the
audit log; the balance never goes below zero, even with grants at once (SQLite and PostgreSQL)."""

from decimal import Decimal

import pytest

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.aid.errors import (
    AlreadyGranted,
    NotAMoneyRequest,
    NotEnoughInFund,
    NotGranted,
    PaidTooMuch,
)
from tejido.aid.factories import AidRequestFactory, FundFactory, MoneyRequestFactory
from tejido.aid.fund_services import create_fund, grant, record_payment, record_received
from tejido.aid.models import EntryKind, Fund, LedgerEntry, RequestState
from tejido.audit.models import AuditEntry
from tejido.core.errors import DomainError, InvalidInput, NotFound
from tejido.core.testing import at_once
from tejido.notifications.models import Notice


@pytest.mark.django_db
def test_a_fund_receives_grants_and_pays():
    organiser = OrganiserFactory()
    fund = create_fund(actor=organiser, name="Fondo de apoyo", currency="eur")
    assert fund.currency == "EUR"
    record_received(actor=organiser, fund=fund, amount="500", note="Rifa de primavera")
    request = MoneyRequestFactory(amount=Decimal("150.00"))
    entry = grant(actor=organiser, request=request, fund=fund, amount="120")
    assert entry.amount == Decimal("120")
    fund.refresh_from_db()
    assert (fund.received, fund.granted, fund.balance) == (Decimal(500), Decimal(120), Decimal(380))
    request.refresh_from_db()
    assert request.state == RequestState.MATCHED
    assert Notice.objects.filter(user=request.requester, kind="aid_granted").exists()
    record_payment(actor=organiser, request=request, amount="20")
    record_payment(actor=organiser, request=request)
    request.refresh_from_db()
    assert request.state == RequestState.FULFILLED
    fund.refresh_from_db()
    assert (fund.paid, fund.owed) == (Decimal(120), Decimal(0))
    with pytest.raises(PaidTooMuch):
        record_payment(actor=organiser, request=request)
    assert [e.kind for e in LedgerEntry.objects.order_by("pk")] == [
        EntryKind.RECEIVED,
        EntryKind.GRANTED,
        EntryKind.PAID,
        EntryKind.PAID,
    ]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"aid.fund_created", "aid.fund_received", "aid.grant", "aid.paid"} <= actions


@pytest.mark.django_db
def test_grants_are_refused_past_the_balance_and_for_the_wrong_requests():
    organiser = OrganiserFactory()
    fund = FundFactory()
    record_received(actor=organiser, fund=fund, amount="100")
    with pytest.raises(NotEnoughInFund):
        grant(actor=organiser, request=MoneyRequestFactory(amount=Decimal("150")), fund=fund)
    with pytest.raises(InvalidInput):
        grant(
            actor=organiser,
            request=MoneyRequestFactory(amount=Decimal("50")),
            fund=fund,
            amount="60",
        )
    with pytest.raises(NotAMoneyRequest):
        grant(actor=organiser, request=AidRequestFactory(visibility="organisers"), fund=fund)
    granted = MoneyRequestFactory(amount=Decimal("40"))
    grant(actor=organiser, request=granted, fund=fund)
    with pytest.raises(AlreadyGranted):
        grant(actor=organiser, request=granted, fund=fund)
    with pytest.raises(NotGranted):
        record_payment(actor=organiser, request=MoneyRequestFactory())
    with pytest.raises(NotFound):
        grant(actor=UserFactory(), request=MoneyRequestFactory(), fund=fund)


@pytest.mark.django_db
def test_only_organisers_keep_funds_and_bad_input_changes_nothing():
    with pytest.raises(NotFound):
        create_fund(actor=UserFactory(), name="Mío")
    organiser = OrganiserFactory()
    for fields in ({"name": ""}, {"name": "X", "currency": "E1"}, {"name": "X", "currency": "€€€"}):
        with pytest.raises(InvalidInput):
            create_fund(actor=organiser, **fields)
    create_fund(actor=organiser, name="Uno")
    with pytest.raises(InvalidInput):
        create_fund(actor=organiser, name="Uno")
    fund = Fund.objects.get()
    for amount in ("0", "-5", "abc", "1.001", None):
        with pytest.raises(InvalidInput):
            record_received(actor=organiser, fund=fund, amount=amount)
    assert not LedgerEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_grants_at_once_never_take_the_balance_below_zero():
    organiser = OrganiserFactory()
    fund = FundFactory()
    record_received(actor=organiser, fund=fund, amount="500")
    requests = [MoneyRequestFactory(amount=Decimal("100")) for _ in range(12)]
    outcomes = at_once(
        *[lambda r=r: grant(actor=organiser, request=r, fund=fund) for r in requests],
        refused=DomainError,
    )
    assert outcomes == ["done"] * 5 + ["refused"] * 7
    fund.refresh_from_db()
    assert (fund.granted, fund.balance) == (Decimal(500), Decimal(0))
    assert LedgerEntry.objects.filter(kind=EntryKind.GRANTED).count() == 5
