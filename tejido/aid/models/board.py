"""The board: requests ("I need") and offers ("I can"), by category, area, languages, urgency
and time windows, each with who may see it and an expiry.

A request's title, description and a microgrant's purpose are sealed at rest whatever its
audience (a request's audience can change; sealed text never has to be resealed). Its plain
words for search (`search_words`) are kept only while every vetted member may read it, so the
index never holds what a narrower audience was promised."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tejido.core.choices import label
from tejido.core.models import TimeStamped
from tejido.core.sealing import SealedTextField
from tejido.core.search import SearchIndex
from tejido.core.text import fold


class Category(models.TextChoices):
    HOUSING = "housing", _("Housing or a place to stay")
    LEGAL = "legal", _("Legal advice")
    EMPLOYMENT = "employment", _("Employment")
    HEALTH = "health", _("Health care access")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    FOOD = "food", _("Food")
    TRANSPORT = "transport", _("Transport or accompaniment")
    CLOTHING = "clothing", _("Clothing and gender-affirming items")
    MONEY = "money", _("Money or a microgrant")
    CHILDCARE = "childcare", _("Childcare")
    TECH = "tech", _("Tech help")
    TRANSLATION = "translation", _("Translation")
    OTHER = "other", _("Other")


# Their requests are for organisers only unless the requester widens them, and their notices
# say nothing of what they are about.
SENSITIVE = frozenset(
    {Category.HOUSING, Category.LEGAL, Category.HEALTH, Category.MENTAL_HEALTH, Category.MONEY}
)


class Urgency(models.TextChoices):
    """The codes sort the way the board lists requests, most urgent first ("today" <
    "week" < "whenever"), so an index gives that order without sorting every request."""

    TODAY = "today", _("Today")
    WEEK = "week", _("This week")
    WHENEVER = "whenever", _("Whenever")


class Visibility(models.TextChoices):
    MEMBERS = "members", _("All vetted members")
    HELPERS = "helpers", _("Vetted helpers only (members offering this kind of help)")
    ORGANISERS = "organisers", _("Organisers only: they find someone for me")


# An offer is seen by every vetted member, or only by the organisers who dispatch requests.
OFFER_VISIBILITIES = (Visibility.MEMBERS, Visibility.ORGANISERS)


class RequestState(models.TextChoices):
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")


# A request that has found someone and is not over.
UNDER_WAY = (RequestState.MATCHED, RequestState.IN_PROGRESS)
FINISHED = (RequestState.FULFILLED, RequestState.CLOSED, RequestState.EXPIRED)


class OfferState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")


def known(field: str, choices: Any, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": list(choices)}), name=name)


def default_visibility(category: str) -> str:
    return Visibility.ORGANISERS if category in SENSITIVE else Visibility.MEMBERS


class BoardItem(TimeStamped):
    """What requests and offers share."""

    category = models.CharField(_("kind of help"), max_length=16, choices=Category.choices)
    area = models.ForeignKey(
        "network.Area", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("area")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # Time windows as [start, end) pairs of ISO 8601 moments; none means any time.
    windows = models.JSONField(_("when"), default=list, blank=True)
    opened_at = models.DateTimeField(_("opened"))
    expires_at = models.DateTimeField(_("expires"))
    # Folded words (tejido.core.text.fold) for the search index; see the module's docstring.
    search_words = models.TextField(default="", editable=False)

    class Meta:
        abstract = True


class AidRequest(BoardItem):
    Category = Category
    Urgency = Urgency
    Visibility = Visibility
    State = RequestState

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="aid_requests"
    )
    title = SealedTextField(_("what you need, in a few words"))
    description = SealedTextField(_("description"), blank=True)
    urgency = models.CharField(
        _("how soon"), max_length=10, choices=Urgency.choices, default=Urgency.WEEK
    )
    visibility = models.CharField(_("who can see it"), max_length=12, choices=Visibility.choices)
    anonymous = models.BooleanField(_("hide my name from other members"), default=False)
    # Money requests: how much and what for (a record; nothing is paid through Tejido).
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2, null=True, blank=True)
    purpose = SealedTextField(_("what the money is for"), blank=True)
    state = models.CharField(max_length=12, choices=RequestState.choices, default=RequestState.OPEN)
    matched_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    # When it was closed or expired.
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            known("category", Category.values, "aid_request_category_known"),
            known("urgency", Urgency.values, "aid_request_urgency_known"),
            known("visibility", Visibility.values, "aid_request_visibility_known"),
            known("state", RequestState.values, "aid_request_state_known"),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("opened_at")), name="aid_request_expires_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True)
                | Q(category=Category.MONEY, amount__gt=Decimal("0")),
                name="aid_request_amount_for_money_only",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[*UNDER_WAY, RequestState.FULFILLED])
                | Q(matched_at__gte=F("opened_at")),
                name="aid_request_matched_when_under_way",
            ),
            models.CheckConstraint(
                condition=~Q(state=RequestState.IN_PROGRESS) | Q(started_at__isnull=False),
                name="aid_request_started_when_in_progress",
            ),
            models.CheckConstraint(
                condition=~Q(state=RequestState.FULFILLED) | Q(fulfilled_at__gte=F("matched_at")),
                name="aid_request_fulfilled_after_matching",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[RequestState.CLOSED, RequestState.EXPIRED])
                | Q(ended_at__isnull=False),
                name="aid_request_ended_when_closed",
            ),
            models.CheckConstraint(
                condition=Q(visibility=Visibility.MEMBERS) | Q(search_words=""),
                name="aid_request_searchable_only_when_for_all",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "category", "expires_at"]),
            models.Index(fields=["requester", "opened_at"]),
            # The board's order (tejido.aid.selectors.board_requests).
            models.Index(fields=["state", "urgency", "opened_at", "id"], name="aid_request_board"),
        ]

    def __str__(self) -> str:
        # Never the title: str() ends up in logs and admin pages.
        return f"aid request #{self.pk}"

    @property
    def sensitive(self) -> bool:
        return self.category in SENSITIVE

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_words = (
            fold(f"{self.title} {self.description}")
            if self.visibility == Visibility.MEMBERS
            else ""
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "description", "visibility"} & set(
            update_fields
        ):
            kwargs["update_fields"] = {*update_fields, "search_words"}
        super().save(*args, **kwargs)

    def audit_label(self) -> str:
        return f"#{self.pk} ({label(self, 'category')})"


class AidOffer(BoardItem):
    Category = Category
    Visibility = Visibility
    State = OfferState

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="aid_offers"
    )
    title = models.CharField(_("what you can do, in a few words"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    visibility = models.CharField(
        _("who can see it"), max_length=12, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    state = models.CharField(max_length=12, choices=OfferState.choices, default=OfferState.OPEN)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            known("category", Category.values, "aid_offer_category_known"),
            known("visibility", OFFER_VISIBILITIES, "aid_offer_visibility_known"),
            known("state", OfferState.values, "aid_offer_state_known"),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("opened_at")), name="aid_offer_expires_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(state=OfferState.OPEN) | Q(ended_at__isnull=False),
                name="aid_offer_ended_when_not_open",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "category", "expires_at"]),
            models.Index(fields=["helper", "state"]),
            models.Index(fields=["state", "-opened_at", "-id"], name="aid_offer_board"),
        ]

    def __str__(self) -> str:
        return f"aid offer #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_words = fold(f"{self.title} {self.description}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "description"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_words"}
        super().save(*args, **kwargs)

    def audit_label(self) -> str:
        return f"#{self.pk} ({label(self, 'category')})"


# Search over requests open to all and over offers (tejido.core.search), made in migration 0002.
REQUEST_SEARCH = SearchIndex(table="aid_aidrequest", column="search_words")
OFFER_SEARCH = SearchIndex(table="aid_aidoffer", column="search_words")
