"""Reads of the microgrant funds, for organisers: the funds with their totals, one fund's
ledger (each entry with who recorded it and when), and what a money request was granted
(its requester sees that too)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet, Sum

from tejido.access.aid import can_manage_funds, can_see_grant
from tejido.access.base import AnyUser
from tejido.access.members import MemberCard, member_cards, with_card_columns
from tejido.accounts.models import User
from tejido.aid.models import AidRequest, EntryKind, Fund, LedgerEntry
from tejido.core.choices import label
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate

ENTRIES_PER_PAGE = 50


def list_funds(*, viewer: AnyUser | None) -> QuerySet[Fund]:
    if not can_manage_funds(viewer):
        raise NotFound()
    return Fund.objects.order_by("name")


def get_fund(*, viewer: AnyUser | None, fund_id: int) -> Fund:
    fund = Fund.objects.filter(pk=fund_id).first() if can_manage_funds(viewer) else None
    if fund is None:
        raise NotFound()
    return fund


@dataclass(frozen=True)
class LedgerRow:
    id: int
    kind: str
    kind_label: str
    amount: Decimal
    request_id: int | None
    note: str
    recorded_at: datetime
    recorded_by: MemberCard | None


def _rows(viewer: AnyUser | None, entries: list[LedgerEntry]) -> list[LedgerRow]:
    recorders = User.objects.filter(pk__in={e.recorded_by_id for e in entries})
    people = {card.id: card for card in member_cards(viewer, with_card_columns(recorders))}
    return [
        LedgerRow(
            id=e.pk,
            kind=e.kind,
            kind_label=label(e, "kind"),
            amount=e.amount,
            request_id=e.request_id,
            note=e.note,
            recorded_at=e.recorded_at,
            recorded_by=people.get(e.recorded_by_id),
        )
        for e in entries
    ]


def list_ledger(
    *, viewer: AnyUser | None, fund: Fund, page: int | str | None = None
) -> ListPage[LedgerRow]:
    """The fund's entries, latest first."""
    if not can_manage_funds(viewer):
        raise NotFound()
    entries = LedgerEntry.objects.filter(fund=fund).order_by("-recorded_at", "-pk")
    return paginate(entries, page, lambda rows: _rows(viewer, rows), per_page=ENTRIES_PER_PAGE)


@dataclass(frozen=True)
class GrantSummary:
    fund_name: str
    currency: str
    granted: Decimal
    paid: Decimal
    granted_at: datetime

    @property
    def owed(self) -> Decimal:
        return self.granted - self.paid


def grant_summary(viewer: AnyUser | None, request: AidRequest) -> GrantSummary | None:
    """What a money request was granted and paid so far: for organisers and its requester."""
    if request.amount is None or not can_see_grant(viewer, request):
        return None
    grant = (
        LedgerEntry.objects.filter(request=request, kind=EntryKind.GRANTED)
        .select_related("fund")
        .first()
    )
    if grant is None:
        return None
    paid = LedgerEntry.objects.filter(request=request, kind=EntryKind.PAID).aggregate(
        total=Sum("amount")
    )["total"]
    return GrantSummary(
        fund_name=grant.fund.name,
        currency=grant.fund.currency,
        granted=grant.amount,
        paid=paid or Decimal("0"),
        granted_at=grant.recorded_at,
    )
