"""The viewer-shaped card of a welcoming business: its vetting as counts (who vouched is for
organisers alone, `voucher_names`), its standing and visibility on organisers' cards only
(None for everyone else); its opening hours as a service's are shown, with "open now" by the
same rule. Lists build their cards in a constant number of queries: fetch them through
`business_card_queryset`, then pass them to `business_cards`."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, QuerySet

from tejido.access.base import AnyUser, is_organiser, is_vetted
from tejido.access.directory import counted_recommendations, counted_vouches, visible_vouches
from tejido.access.directory_cards import (
    HoursCard,
    RecommendationCard,
    hours_card,
    is_stale,
    recommendation_cards,
)
from tejido.core.choices import label
from tejido.core.clock import now as clock_now
from tejido.directory.models import Business, Recommendation
from tejido.directory.models.hours import any_open


@dataclass(frozen=True)
class BusinessCard:
    id: int
    name: str
    kind: str
    kind_label: str
    description: str
    address: str
    area_name: str
    directions: str
    hours: tuple[HoursCard, ...]
    hours_note: str
    # None when it has no opening hours to go by.
    open_now: bool | None
    phone: str
    website: str
    fitting_rooms: str
    names_used: str
    staff_trained: str
    pledge_accepted: bool
    visited: bool
    vouch_count: int
    verified_on: date | None
    reverify_on: date | None
    stale: bool
    recommendation_count: int
    i_vouched: bool = False
    # Organisers only.
    standing: str | None = None
    standing_label: str | None = None
    visibility: str | None = None


def business_card_queryset(businesses: QuerySet[Business]) -> QuerySet[Business]:
    return (
        businesses.select_related("area")
        .prefetch_related("hours")
        .annotate(
            vouch_count=Count("vouches", filter=counted_vouches("vouches__"), distinct=True),
            recommendation_count=Count(
                "recommendations",
                filter=counted_recommendations("recommendations__"),
                distinct=True,
            ),
        )
    )


def business_cards(
    viewer: AnyUser | None,
    businesses: Iterable[Business],
    *,
    today: date,
    now: datetime | None = None,
) -> list[BusinessCard]:
    """Cards for businesses fetched through `business_card_queryset`: one more query for a
    vetted member (which of them they vouched for). Open now means at `now` (the clock's by
    default)."""
    businesses = list(businesses)
    moment = now or clock_now()
    mine: set[int] = set()
    if is_vetted(viewer) and businesses:
        assert viewer is not None
        mine = set(
            viewer.business_vouches.filter(  # type: ignore[union-attr]
                business__in=[b.pk for b in businesses]
            ).values_list("business", flat=True)
        )
    organiser = is_organiser(viewer)
    return [
        BusinessCard(
            id=b.pk,
            name=b.shown("name"),
            kind=b.kind,
            kind_label=label(b, "kind"),
            description=b.shown("description"),
            address=b.address,
            area_name=b.area.name if b.area is not None else "",
            directions=b.shown("directions"),
            hours=tuple(hours_card(line) for line in b.hours.all()),
            hours_note=b.shown("hours_note"),
            open_now=any_open(b.hours.all(), moment) if b.hours.all() else None,
            phone=b.phone,
            website=b.website,
            fitting_rooms=b.shown("fitting_rooms"),
            names_used=b.shown("names_used"),
            staff_trained=b.shown("staff_trained"),
            pledge_accepted=b.pledge_accepted_on is not None,
            visited=b.visited_on is not None,
            vouch_count=getattr(b, "vouch_count", 0),
            verified_on=b.verified_on,
            reverify_on=b.reverify_on,
            stale=is_stale(b.verified_on, today)
            or (b.reverify_on is not None and b.reverify_on < today),
            recommendation_count=getattr(b, "recommendation_count", 0),
            i_vouched=b.pk in mine,
            standing=b.standing if organiser else None,
            standing_label=label(b, "standing") if organiser else None,
            visibility=b.visibility if organiser else None,
        )
        for b in businesses
    ]


def business_recommendations(
    viewer: AnyUser | None, business: Business
) -> tuple[RecommendationCard, ...]:
    return recommendation_cards(viewer, Recommendation.objects.filter(business=business.pk))


def voucher_names(viewer: AnyUser | None, business: Business) -> tuple[str, ...]:
    """Who vouched for the business, by chosen name: for organisers only (the vetting is
    theirs to judge); nobody else is ever shown who vouched."""
    if not is_organiser(viewer):
        return ()
    vouches = visible_vouches(viewer).filter(business=business.pk).select_related("member__profile")
    return tuple(
        str(vouch.member.profile.chosen_name)
        for vouch in vouches.order_by("created_at", "id")
        if getattr(vouch.member, "profile", None) is not None
    )
