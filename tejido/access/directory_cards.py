"""The viewer-shaped cards of the directory's services and organisations (businesses' are in
business_cards.py): what pages, the JSON APIs and notices get instead of raw listings. A card
holds only the locations the viewer may see (their addresses with them); who verified a
listing is on it for vetted members only (visitors see no member's name); a listing's
visibility is on organisers' cards only (None for everyone else).

Lists build their cards in a constant number of queries: pass the page's ids to
`service_cards_by_id`, which reads only the columns the cards show. A service's page fetches
it through `service_card_queryset` with `detail` and passes it to `service_detail`."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, NamedTuple
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
    CostOption,
    Language,
    Location,
    Organization,
    Recommendation,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Weekday,
    in_language,
    shown_language,
)
from tejido.directory.models.hours import DAY_CODES, Hours, any_open


@dataclass(frozen=True)
class TermCard:
    id: UUID
    code: str
    name: str
    description: str
    parent_id: UUID | None
    taxonomy_id: UUID | None


# The columns of a term its card reads, in the order `term_card_of` takes them.
TERM_COLUMNS = (
    "id",
    "code",
    "name",
    "description",
    "parent_id",
    "taxonomy_detail_id",
    "translations",
)


def term_card_of(columns: Sequence[Any], language: str) -> TermCard:
    """The card of a term from its TERM_COLUMNS, its name and description in `language`."""
    term_id, code, name, description, parent_id, taxonomy_id, translations = columns
    return TermCard(
        id=term_id,
        code=code,
        name=in_language(translations, "name", name, language),
        description=in_language(translations, "description", description, language),
        parent_id=parent_id,
        taxonomy_id=taxonomy_id,
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


def _verifiers(viewer: AnyUser | None, ids: Iterable[int | None]) -> dict[int, str]:
    """The chosen names of those among `ids` the viewer sees, by id: for vetted members only
    (visitors see no member's name), in one query when there is anyone to look up."""
    wanted = {pk for pk in ids if pk is not None}
    if not is_vetted(viewer) or not wanted:
        return {}
    found = visible_members(viewer).filter(pk__in=wanted)
    return dict(found.values_list("pk", "profile__chosen_name"))


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


def _recommendation_count() -> Count:
    return Count("recommendations", filter=counted_recommendations("recommendations__"))


def service_card_queryset(
    viewer: AnyUser | None, services: QuerySet[Service], *, detail: bool = False
) -> QuerySet[Service]:
    """`services` with what `service_cards` reads, fetched in a few queries whatever their
    number; with `detail`, what `service_detail` reads too (a service's page)."""
    related = ["schedules", "languages", "cost_options"]
    if detail:
        related += ["phones", "contacts__phones"]
    return (
        services.select_related("organization")
        .prefetch_related(_places_prefetch(viewer, detail=detail), *related)
        .annotate(recommendation_count=_recommendation_count())
    )


class _ServiceRow(NamedTuple):
    """The columns of a service its card shows, with its organisation's name and how many
    recommendations it counts."""

    id: UUID
    name: str
    alternate_name: str
    description: str
    translations: Any
    status: str
    organization_id: UUID
    organization_name: str
    organization_translations: Any
    assured_date: date | None
    verified_by_id: int | None
    visibility: str
    recommendation_count: int


SERVICE_COLUMNS = (
    "id",
    "name",
    "alternate_name",
    "description",
    "translations",
    "status",
    "organization_id",
    "organization__name",
    "organization__translations",
    "assured_date",
    "verified_by_id",
    "visibility",
    # Annotated (`_recommendation_count`): last.
    "recommendation_count",
)


def _row_of(service: Service) -> _ServiceRow:
    """The row of a service fetched through `service_card_queryset`."""
    return _ServiceRow(
        id=service.id,
        name=service.name,
        alternate_name=service.alternate_name,
        description=service.description,
        translations=service.translations,
        status=service.status,
        organization_id=service.organization_id,
        organization_name=service.organization.name,
        organization_translations=service.organization.translations,
        assured_date=service.assured_date,
        verified_by_id=service.verified_by_id,
        visibility=service.visibility,
        recommendation_count=getattr(service, "recommendation_count", 0),
    )


class _Hours(NamedTuple):
    """The columns of a schedule that say whether it is open (`hours.is_open`)."""

    byday: str
    opens_at: time | None
    closes_at: time | None
    valid_from: date | None
    valid_to: date | None
    until: date | None
    timezone: Decimal | None


HOURS_COLUMNS = _Hours._fields


@dataclass
class _Parts:
    """What services' cards show beyond the services' own columns, by service id: terms,
    languages (code and name), the areas of the places the viewer sees, the hours of the
    services and of those places, and the amounts of their costs."""

    terms: dict[UUID, list[TermCard]]
    languages: defaultdict[UUID, list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    areas: defaultdict[UUID, set[str]] = field(default_factory=lambda: defaultdict(set))
    hours: defaultdict[UUID, list[Hours]] = field(default_factory=lambda: defaultdict(list))
    costs: defaultdict[UUID, list[Decimal | None]] = field(
        default_factory=lambda: defaultdict(list)
    )


def _terms_of(entity: str, ids: list[UUID], language: str) -> dict[UUID, list[TermCard]]:
    """The cards of the terms linked to each of `ids`, in their order: one query. A term
    linked to many is made once."""
    found: dict[UUID, list[TermCard]] = defaultdict(list)
    if not ids:
        return found
    links = (
        Attribute.objects.filter(link_entity=entity, link_id__in=ids)
        .order_by("taxonomy_term__position", "taxonomy_term__name")
        .values_list("link_id", *(f"taxonomy_term__{column}" for column in TERM_COLUMNS))
    )
    made: dict[UUID, TermCard] = {}
    for link_id, *columns in links:
        card = made.get(columns[0])
        if card is None:
            card = made[columns[0]] = term_card_of(columns, language)
        found[link_id].append(card)
    return found


def _cards(
    viewer: AnyUser | None,
    rows: list[_ServiceRow],
    parts: _Parts,
    *,
    now: datetime,
    language: str,
) -> list[ServiceCard]:
    """The cards of `rows`, with their `parts`, and the verifiers' names (one query more
    when a vetted member sees one). Each label is translated once, not once a card."""
    names = _verifiers(viewer, (row.verified_by_id for row in rows))
    organiser = is_organiser(viewer)
    today = now.date()
    status_names = dict(ServiceStatus.choices)
    statuses: dict[str, str] = {}
    spoken: dict[str, str] = {}
    cards = []
    for row in rows:
        terms = parts.terms.get(row.id, [])
        attributes = tuple(t for t in terms if t.taxonomy_id == ATTRIBUTES_ID)
        costs = parts.costs.get(row.id, [])
        hours = parts.hours.get(row.id, [])
        if row.status not in statuses:
            statuses[row.status] = str(status_names.get(row.status, row.status))
        languages = []
        for code, name in parts.languages.get(row.id, []):
            if code not in spoken:
                spoken[code] = language_name(code)
            languages.append(spoken[code] or name)
        free = any(t.code == FREE_CODE for t in attributes) or (
            bool(costs) and all(amount is not None and amount == 0 for amount in costs)
        )
        cards.append(
            ServiceCard(
                id=row.id,
                name=in_language(row.translations, "name", row.name, language),
                alternate_name=row.alternate_name,
                description=in_language(row.translations, "description", row.description, language),
                status=row.status,
                status_label=statuses[row.status],
                organization_id=row.organization_id,
                organization_name=in_language(
                    row.organization_translations, "name", row.organization_name, language
                ),
                categories=tuple(t for t in terms if t.taxonomy_id != ATTRIBUTES_ID),
                attributes=attributes,
                languages=tuple(languages),
                area_names=tuple(sorted(parts.areas.get(row.id, ()))),
                open_now=any_open(hours, now) if any(h.opens_at for h in hours) else None,
                free=free,
                assured_date=row.assured_date,
                stale=is_stale(row.assured_date, today),
                recommendation_count=row.recommendation_count,
                verified_by_name=(
                    names.get(row.verified_by_id) if row.verified_by_id is not None else None
                ),
                visibility=row.visibility if organiser else None,
            )
        )
    return cards


def service_cards_by_id(
    viewer: AnyUser | None, ids: list[UUID], *, now: datetime
) -> list[ServiceCard]:
    """The cards of the services `ids` (the caller found them among those the viewer sees),
    in that order, for a list: six queries whatever their number, each reading only the
    columns the cards show, into no model instance."""
    language = shown_language()
    # Counted in groups of the columns read (the key among them), not of every column.
    found = (
        Service.objects.filter(pk__in=ids)
        .values_list(*SERVICE_COLUMNS[:-1])
        .annotate(recommendation_count=_recommendation_count())
    )
    rows = {row.id: row for row in map(_ServiceRow._make, found)}
    parts = _Parts(terms=_terms_of("service", ids, language))
    # The places the viewer sees, each with its service.
    places: dict[UUID, UUID] = {}
    located = ServiceAtLocation.objects.filter(
        service__in=ids, location__in=visible_locations(viewer)
    ).values_list("id", "service_id", "location__area__name")
    for place_id, service_id, area_name in located:
        places[place_id] = service_id
        if area_name is not None:
            parts.areas[service_id].add(area_name)
    # The services' own hours and their hours at those places, together.
    schedules = Schedule.objects.filter(
        Q(service__in=ids) | Q(service_at_location__in=list(places))
    ).values_list("service_id", "service_at_location_id", *HOURS_COLUMNS)
    for service_id, place_id, *columns in schedules:
        hours = _Hours(*columns)
        if service_id in rows:
            parts.hours[service_id].append(hours)
        if place_id in places:
            parts.hours[places[place_id]].append(hours)
    for service_id, code, name in Language.objects.filter(service__in=ids).values_list(
        "service_id", "code", "name"
    ):
        parts.languages[service_id].append((code, name))
    for service_id, amount in CostOption.objects.filter(service__in=ids).values_list(
        "service_id", "amount"
    ):
        parts.costs[service_id].append(amount)
    listed = [rows[pk] for pk in ids if pk in rows]
    return _cards(viewer, listed, parts, now=now, language=language)


def service_cards(
    viewer: AnyUser | None, services: Iterable[Service], *, now: datetime
) -> list[ServiceCard]:
    """Cards for services fetched through `service_card_queryset` (a service's page, which
    reads the instances further): the terms, and a verifier's name, are a query each more."""
    services = list(services)
    language = shown_language()
    parts = _Parts(terms=_terms_of("service", [s.id for s in services], language))
    for service in services:
        places = getattr(service, "visible_places", [])
        parts.areas[service.id] = {
            p.location.area.name for p in places if p.location.area is not None
        }
        parts.hours[service.id] = [
            *service.schedules.all(),
            *(s for p in places for s in p.schedules.all()),
        ]
        parts.languages[service.id] = [(lang.code, lang.name) for lang in service.languages.all()]
        parts.costs[service.id] = [cost.amount for cost in service.cost_options.all()]
    return _cards(viewer, [_row_of(s) for s in services], parts, now=now, language=language)


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
