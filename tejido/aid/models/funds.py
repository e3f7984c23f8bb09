"""Microgrants: a fund and its ledger. Money comes in (received), organisers grant part of it
to a money request (granted) and record when it was paid out (paid); nothing is paid through
Tejido, this is the record. The fund keeps its running totals beside the ledger, under its
row's lock, and the database refuses any that would grant more than was received or pay more
than was granted: the balance never goes below zero, however many grants run at once."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tejido.aid.models.board import known
from tejido.core.models import TimeStamped

ZERO = Decimal("0.00")


def _money(label: Any) -> Any:
    return models.DecimalField(label, max_digits=11, decimal_places=2, default=ZERO)


class Fund(TimeStamped):
    name = models.CharField(_("name"), max_length=120, unique=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    received = _money(_("received"))
    granted = _money(_("granted"))
    paid = _money(_("paid"))

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(granted__lte=F("received")), name="aid_fund_balance_not_below_zero"
            ),
            models.CheckConstraint(
                condition=Q(paid__lte=F("granted")), name="aid_fund_pays_only_what_it_granted"
            ),
            models.CheckConstraint(
                condition=Q(received__gte=ZERO, granted__gte=ZERO, paid__gte=ZERO),
                name="aid_fund_totals_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def balance(self) -> Decimal:
        """What is left to grant."""
        return self.received - self.granted

    @property
    def owed(self) -> Decimal:
        """Granted and not paid yet."""
        return self.granted - self.paid

    def audit_label(self) -> str:
        return self.name


class EntryKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    GRANTED = "granted", _("Granted")
    PAID = "paid", _("Paid")


class LedgerEntry(models.Model):
    Kind = EntryKind

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2)
    # The money request a grant or a payment is for.
    request = models.ForeignKey(
        "aid.AidRequest", on_delete=models.PROTECT, null=True, blank=True, related_name="ledger"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            known("kind", EntryKind.values, "aid_entry_kind_known"),
            models.CheckConstraint(condition=Q(amount__gt=ZERO), name="aid_entry_amount_positive"),
            models.CheckConstraint(
                condition=Q(kind=EntryKind.RECEIVED, request__isnull=True)
                | (~Q(kind=EntryKind.RECEIVED) & Q(request__isnull=False)),
                name="aid_entry_grants_and_payments_name_a_request",
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(kind=EntryKind.GRANTED),
                name="aid_one_grant_per_request",
            ),
        ]
        indexes = [models.Index(fields=["fund", "recorded_at"])]

    def __str__(self) -> str:
        return f"ledger entry #{self.pk}"
