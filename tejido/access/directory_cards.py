"""The viewer-shaped cards of the directory's services and organisations (businesses' are in
business_cards.py): what pages, the JSON APIs and notices get instead of raw listings. A card
holds only the locations the viewer may see (their addresses with them); who verified a
listing is on it for vetted members only (visitors see no member's name); a listing's
visibility is on organisers' cards only (None for everyone else).

Lists build their cards in a constant number of queries: fetch the services through
`service_card_queryset`, then pass them to `service_cards`."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet

from tejido.access.base import AnyUser, is_organiser, is_vetted
from tejido.access.directory import (
    counted_recommendations,
    visibilities,
    visible_locations,
    visible_recommendations,
)
from tejido.access.members import visible_members
from tejido.accounts.choices import language_name
from tejido.directory.models import (
    ATTRIBUTES_ID,
    FREE_CODE,
    STALE_AFTER_DAYS,
    Attribute,
    BusinessHours,
    Location,
    Organization,
    Recommendation,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
    Weekday,
)
from tejido.directory.models.hours import DAY_CODES, any_open


@dataclass(frozen=True)
class TermCard:
    id: UUID
    code: str
    name: str
    description: str
    parent_id: UUID | None
    taxonomy_id: UUID | None


def term_card(term: TaxonomyTerm) -> TermCard:
    return TermCard(
        id=term.id,
        code=term.code,
        name=term.shown("name"),
        description=term.shown("description"),
        parent_id=term.parent_id,
        taxonomy_id=term.taxonomy_detail_id,
    )


@dataclass(frozen=True)
class HoursCard:
    days: tuple[str, ...]
    opens_at: Any
    closes_at: Any
    description: str
    notes: str

    @property
    def day_labels(self) -> list[str]:
        """The days by name (a monthly day such as 2MO as it is written)."""
        names = dict(Weekday.choices)
        return [str(names.get(day, day)) for day in self.days]


def hours_card(schedule: Schedule | BusinessHours) -> HoursCard:
    days = tuple(part.strip() for part in schedule.byday.split(",") if part.strip())
    return HoursCard(
        days=tuple(day for day in days if day in DAY_CODES) or days,
        opens_at=schedule.opens_at,
        closes_at=schedule.closes_at,
        description=schedule.description,
        notes=schedule.notes,
    )


@dataclass(frozen=True)
class PlaceCard:
    """A location the viewer may see, with its address."""

    id: UUID
    name: str
    description: str
    transportation: str
    area_name: str
    address_lines: tuple[str, ...]
    url: str
    accessibility: tuple[str, ...]
    hours: tuple[HoursCard, ...]
    phones: tuple[str, ...]


def place_card(location: Location, *, hours: Iterable[Schedule] = ()) -> PlaceCard:
    lines = []
    for address in location.addresses.all():
        street = ", ".join(part for part in (address.address_1, address.address_2) if part)
        town = " ".join(part for part in (address.postal_code, address.city) if part)
        lines.append(", ".join(part for part in (street, town, address.state_province) if part))
    return PlaceCard(
        id=location.id,
        name=location.shown("name"),
        description=location.shown("description"),
        transportation=location.shown("transportation"),
        area_name=location.area.name if location.area is not None else "",
        address_lines=tuple(lines),
        url=location.url,
        accessibility=tuple(
            " — ".join(part for part in (item.description, item.details) if part)
            for item in location.accessibility.all()
        ),
        hours=tuple(hours_card(s) for s in [*location.schedules.all(), *hours]),
        phones=tuple(phone.number for phone in location.phones.all()),
    )


@dataclass(frozen=True)
class ServiceCard:
    id: UUID
    name: str
    alternate_name: str
    description: str
    status: str
    status_label: str
    organization_id: UUID
    organization_name: str
    categories: tuple[TermCard, ...]
    attributes: tuple[TermCard, ...]
    languages: tuple[str, ...]
    area_names: tuple[str, ...]
    # None when it has no opening hours to go by.
    open_now: bool | None
    free: bool
    assured_date: date | None
    stale: bool
    recommendation_count: int
    # Vetted members only: which member verified it.
    verified_by_name: str | None = None
    # Organisers only.
    visibility: str | None = None


@dataclass(frozen=True)
class CostCard:
    option: str
    amount: Decimal | None
    currency: str
    amount_description: str


@dataclass(frozen=True)
class ContactCard:
    name: str
    title: str
    department: str
    email: str
    phones: tuple[str, ...]


@dataclass(frozen=True)
class RecommendationCard:
    id: int
    author_name: str
    note: str
    created_at: datetime
    is_mine: bool
    # The author's own and organisers' cards say where its review stands.
    review: str | None = None


@dataclass(frozen=True)
class ServiceDetail:
    card: ServiceCard
    url: str
    email: str
    alert: str
    eligibility_description: str
    application_process: str
    fees_description: str
    interpretation_services: str
    wait_time: str
    minimum_age: int | None
    maximum_age: int | None
    places: tuple[PlaceCard, ...]
    hours: tuple[HoursCard, ...]
    phones: tuple[str, ...]
    contacts: tuple[ContactCard, ...]
    costs: tuple[CostCard, ...]
    recommendations: tuple[RecommendationCard, ...] = field(default_factory=tuple)

    @property
    def recommended_by_me(self) -> bool:
        return any(recommendation.is_mine for recommendation in self.recommendations)


def is_stale(verified: date | None, today: date) -> bool:
    """Not verified in the last six months (or ever)."""
    return verified is None or verified < today - timedelta(days=STALE_AFTER_DAYS)


def _member_name(viewer: AnyUser | None, user: Any, seen: set[int]) -> str | None:
    if not is_vetted(viewer) or user is None or user.pk not in seen:
        return None
    profile = getattr(user, "profile", None)
    return str(profile.chosen_name) if profile is not None else None


def _visible_people(viewer: AnyUser | None, ids: Iterable[int | None]) -> set[int]:
    wanted = {pk for pk in ids if pk is not None}
    if not is_vetted(viewer) or not wanted:
        return set()
    return set(visible_members(viewer).filter(pk__in=wanted).values_list("pk", flat=True))


# What a service's page shows of each place beyond what a list shows.
PLACE_DETAILS = (
    "location__addresses",
    "location__accessibility",
    "location__schedules",
    "location__phones",
)


def _places_prefetch(viewer: AnyUser | None, *, detail: bool) -> Prefetch:
    located = (
        ServiceAtLocation.objects.filter(location__in=visible_locations(viewer))
        .select_related("location__area")
        .prefetch_related("schedules", *(PLACE_DETAILS if detail else ()))
        .order_by("location__name", "id")
    )
    return Prefetch("service_at_locations", queryset=located, to_attr="visible_places")


def service_card_queryset(
    viewer: AnyUser | None, services: QuerySet[Service], *, detail: bool = False
) -> QuerySet[Service]:
    """`services` with what their cards read, fetched in a few queries whatever their number;
    with `detail`, what `service_detail` reads too."""
    related = ["schedules", "languages", "cost_options"]
    if detail:
        related += ["phones", "contacts__phones"]
    return (
        services.select_related("organization", "verified_by__profile")
        .prefetch_related(_places_prefetch(viewer, detail=detail), *related)
        .annotate(
            recommendation_count=Count(
                "recommendations", filter=counted_recommendations("recommendations__")
            )
        )
    )


def _terms_of(entity: str, ids: list[UUID]) -> dict[UUID, list[TaxonomyTerm]]:
    found: dict[UUID, list[TaxonomyTerm]] = defaultdict(list)
    if ids:
        links = (
            Attribute.objects.filter(link_entity=entity, link_id__in=ids)
            .select_related("taxonomy_term")
            .order_by("taxonomy_term__position", "taxonomy_term__name")
        )
        for link in links:
            found[link.link_id].append(link.taxonomy_term)
    return found


def _service_card(
    viewer: AnyUser | None,
    service: Service,
    terms: list[TaxonomyTerm],
    *,
    seen: set[int],
    now: datetime,
) -> ServiceCard:
    places = getattr(service, "visible_places", [])
    schedules = [*service.schedules.all(), *(s for p in places for s in p.schedules.all())]
    costs = list(service.cost_options.all())
    attributes = [t for t in terms if t.taxonomy_detail_id == ATTRIBUTES_ID]
    free = any(t.code == FREE_CODE for t in attributes) or (
        bool(costs) and all(c.amount is not None and c.amount == 0 for c in costs)
    )
    areas = sorted({p.location.area.name for p in places if p.location.area is not None})
    return ServiceCard(
        id=service.id,
        name=service.shown("name"),
        alternate_name=service.alternate_name,
        description=service.shown("description"),
        status=service.status,
        status_label=service.get_status_display(),
        organization_id=service.organization_id,
        organization_name=service.organization.shown("name"),
        categories=tuple(term_card(t) for t in terms if t.taxonomy_detail_id != ATTRIBUTES_ID),
        attributes=tuple(term_card(t) for t in attributes),
        languages=tuple(language_name(lang.code) or lang.name for lang in service.languages.all()),
        area_names=tuple(areas),
        open_now=any_open(schedules, now) if any(s.opens_at for s in schedules) else None,
        free=free,
        assured_date=service.assured_date,
        stale=is_stale(service.assured_date, now.date()),
        recommendation_count=getattr(service, "recommendation_count", 0),
        verified_by_name=_member_name(viewer, service.verified_by, seen),
        visibility=service.visibility if is_organiser(viewer) else None,
    )


def service_cards(
    viewer: AnyUser | None, services: Iterable[Service], *, now: datetime
) -> list[ServiceCard]:
    """Cards for services fetched through `service_card_queryset`: two more queries."""
    services = list(services)
    terms = _terms_of("service", [s.id for s in services])
    seen = _visible_people(viewer, (s.verified_by_id for s in services))
    return [_service_card(viewer, s, terms[s.id], seen=seen, now=now) for s in services]


def recommendation_cards(
    viewer: AnyUser | None, recommendations: QuerySet[Recommendation]
) -> tuple[RecommendationCard, ...]:
    mine_id = viewer.pk if viewer is not None and viewer.is_authenticated else None
    shown = visible_recommendations(viewer) & recommendations
    cards = []
    for recommendation in shown.select_related("author__profile").order_by("-created_at", "-id"):
        own = recommendation.author_id == mine_id
        profile = getattr(recommendation.author, "profile", None)
        cards.append(
            RecommendationCard(
                id=recommendation.pk,
                # One's own is shown as "you": a card never carries a name for nothing.
                author_name=str(profile.chosen_name) if profile is not None and not own else "",
                note=recommendation.note,
                created_at=recommendation.created_at,
                is_mine=own,
                review=recommendation.review if own or is_organiser(viewer) else None,
            )
        )
    return tuple(cards)


def service_detail(viewer: AnyUser | None, service: Service, *, now: datetime) -> ServiceDetail:
    """The card of one service for its page: fetch it through `service_card_queryset` with
    `detail`."""
    card = service_cards(viewer, [service], now=now)[0]
    places = getattr(service, "visible_places", [])
    return ServiceDetail(
        card=card,
        url=service.url,
        email=service.email,
        alert=service.shown("alert"),
        eligibility_description=service.shown("eligibility_description"),
        application_process=service.shown("application_process"),
        fees_description=service.shown("fees_description"),
        interpretation_services=service.shown("interpretation_services"),
        wait_time=service.wait_time,
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        places=tuple(place_card(p.location, hours=p.schedules.all()) for p in places),
        hours=tuple(hours_card(s) for s in service.schedules.all()),
        phones=tuple(phone.number for phone in service.phones.all()),
        contacts=tuple(
            ContactCard(
                name=c.name,
                title=c.title,
                department=c.department,
                email=c.email,
                phones=tuple(p.number for p in c.phones.all()),
            )
            for c in service.contacts.all()
        ),
        costs=tuple(
            CostCard(
                option=c.option,
                amount=c.amount,
                currency=c.currency,
                amount_description=c.amount_description,
            )
            for c in service.cost_options.all()
        ),
        recommendations=recommendation_cards(
            viewer, Recommendation.objects.filter(service=service.pk)
        ),
    )


# --- organisations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganizationCard:
    id: UUID
    name: str
    alternate_name: str
    description: str
    email: str
    website: str
    service_count: int
    # Organisers only.
    visibility: str | None = None


def organization_card_queryset(
    viewer: AnyUser | None, organizations: QuerySet[Organization]
) -> QuerySet[Organization]:
    """With how many of its services the viewer sees."""
    shown = visibilities(viewer)
    return organizations.annotate(
        service_count=Count("services", filter=Q(services__visibility__in=shown))
    )


def organization_cards(
    viewer: AnyUser | None, organizations: Iterable[Organization]
) -> list[OrganizationCard]:
    organiser = is_organiser(viewer)
    return [
        OrganizationCard(
            id=o.id,
            name=o.shown("name"),
            alternate_name=o.alternate_name,
            description=o.shown("description"),
            email=o.email,
            website=o.website,
            service_count=getattr(o, "service_count", 0),
            visibility=o.visibility if organiser else None,
        )
        for o in organizations
    ]
