"""Every read of the directory's listings, shaped by the viewer: services searched and
filtered (category, attribute, language, area, cost, open now), one service, organisations,
the taxonomy for the filters, and what was verified lately.

Search goes through tejido.core.search over each service's words (tejido.directory.indexing),
accent- and case-blind in both languages, each word a prefix of a word of the listing; a
query word is cut to its Snowball stem first (servicios → servici, abogadas → abog), in
Spanish and English alike (tejido.core.search.stemmed)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet

from tejido.access.base import AnyUser
from tejido.access.directory import (
    visible_organizations,
    visible_service_at_locations,
    visible_services,
)
from tejido.access.directory_cards import (
    TERM_COLUMNS,
    OrganizationCard,
    ServiceCard,
    ServiceDetail,
    TermCard,
    organization_card_queryset,
    organization_cards,
    service_card_queryset,
    service_cards_by_id,
    service_detail,
    term_card_of,
)
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate
from tejido.core.search import SearchIndex, matching_through, query_words, stemmed
from tejido.directory.models import (
    ATTRIBUTES_ID,
    CATEGORIES_ID,
    FREE_CODE,
    STALE_AFTER_DAYS,
    Attribute,
    CostOption,
    Language,
    Schedule,
    Service,
    TaxonomyTerm,
    shown_language,
)
from tejido.directory.models.hours import open_q, with_padded_days
from tejido.directory.moments import today

SERVICE_SEARCH = SearchIndex(table="directory_servicewords", column="words")
SERVICES_PER_PAGE = 20
# The longest search a member can type; anything past it is ignored. Searches of businesses
# (business_selectors) are as long.
MAX_QUERY_LENGTH = 100
# The longest language code a listing holds, as its column does: no longer one finds anything.
LANGUAGE_CODE_LENGTH = Language._meta.get_field("code").max_length or 10
COSTS = ("free", "paid")


@dataclass(frozen=True)
class ServiceFilters:
    """What the directory can be narrowed to; empty means any."""

    q: str = ""
    # A category's term id: its sub-categories count too.
    category: UUID | None = None
    attribute: UUID | None = None
    language: str = ""
    area: int | None = None
    cost: str = ""
    open_now: bool = False
    # Not verified for six months (organisers look for these).
    stale: bool = False
    organization: UUID | None = None

    @property
    def any(self) -> bool:
        return any(
            (self.q.strip(), self.category, self.attribute, self.language, self.area)
        ) or any((self.cost, self.open_now, self.stale, self.organization))


def _linked(terms: Any) -> Exists:
    return Exists(
        Attribute.objects.filter(
            link_entity="service", link_id=OuterRef("pk"), taxonomy_term__in=terms
        )
    )


def _free() -> Q:
    costs = CostOption.objects.filter(service=OuterRef("pk"))
    free_term = TaxonomyTerm.objects.filter(taxonomy_detail=ATTRIBUTES_ID, code=FREE_CODE)
    return _linked(free_term) | (
        Exists(costs.filter(amount=0)) & ~Exists(costs.filter(amount__gt=0))
    )


def _open_now(viewer: AnyUser | None, moment: datetime) -> Q:
    """A schedule of the service, or of one of its places the viewer sees, is open now."""
    in_use = Schedule.objects.filter(timezone__isnull=False).values_list("timezone", flat=True)
    offsets: list[Decimal] = [offset for offset in in_use.distinct() if offset is not None]
    open_schedules = with_padded_days(Schedule.objects.all()).filter(open_q(moment, offsets))
    at_places = visible_service_at_locations(viewer).filter(service=OuterRef("pk"))
    return Exists(open_schedules.filter(service=OuterRef("pk"))) | Exists(
        open_schedules.filter(service_at_location__in=at_places)
    )


def filtered_services(
    viewer: AnyUser | None, filters: ServiceFilters, *, moment: datetime
) -> QuerySet[Service]:
    services = visible_services(viewer)
    if filters.q.strip():
        query = stemmed(filters.q.strip()[:MAX_QUERY_LENGTH])
        services = matching_through(services, "words", SERVICE_SEARCH, query)
    if filters.category:
        terms = TaxonomyTerm.objects.filter(Q(pk=filters.category) | Q(parent=filters.category))
        services = services.filter(_linked(terms.values("pk")))
    if filters.attribute:
        services = services.filter(_linked([filters.attribute]))
    if filters.language:
        services = services.filter(
            Exists(Language.objects.filter(service=OuterRef("pk"), code=filters.language))
        )
    if filters.area is not None:
        places = visible_service_at_locations(viewer).filter(
            service=OuterRef("pk"), location__area=filters.area
        )
        services = services.filter(Exists(places))
    if filters.cost == "free":
        services = services.filter(_free())
    elif filters.cost == "paid":
        costs = CostOption.objects.filter(service=OuterRef("pk"), amount__gt=0)
        services = services.filter(Exists(costs)).exclude(_free())
    if filters.open_now:
        services = services.filter(_open_now(viewer, moment))
    if filters.stale:
        cutoff = today() - timedelta(days=STALE_AFTER_DAYS)
        services = services.filter(Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff))
    if filters.organization:
        services = services.filter(organization=filters.organization)
    return services.order_by("sort_name", "id")


def list_services(
    *, viewer: AnyUser | None, filters: ServiceFilters, page: int | str | None = 1
) -> ListPage[ServiceCard]:
    moment = now()

    def cards(ids: list[UUID]) -> list[ServiceCard]:
        return service_cards_by_id(viewer, ids, now=moment)

    # The page's ids first, then their cards: counting and ordering every match then reads
    # one table's keys, not every match's recommendations as well.
    found = filtered_services(viewer, filters, moment=moment).values_list("pk", flat=True)
    return paginate(found, page, cards, per_page=SERVICES_PER_PAGE)


def as_uuid(value: Any) -> UUID:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError as error:
        raise NotFound() from error


def get_service(*, viewer: AnyUser | None, service_id: Any) -> ServiceDetail:
    found = (
        service_card_queryset(viewer, visible_services(viewer), detail=True)
        .filter(pk=as_uuid(service_id))
        .first()
    )
    if found is None:
        raise NotFound()
    return service_detail(viewer, found, now=now())


def list_organizations(
    *, viewer: AnyUser | None, q: str = "", page: int | str | None = 1
) -> ListPage[OrganizationCard]:
    organizations = visible_organizations(viewer)
    for word in query_words(q):
        organizations = organizations.filter(sort_name__contains=word)
    return paginate(
        organization_card_queryset(viewer, organizations.order_by("sort_name", "id")),
        page,
        lambda found: organization_cards(viewer, found),
        per_page=SERVICES_PER_PAGE,
    )


def get_organization(*, viewer: AnyUser | None, organization_id: Any) -> OrganizationCard:
    found = (
        organization_card_queryset(viewer, visible_organizations(viewer))
        .filter(pk=as_uuid(organization_id))
        .first()
    )
    if found is None:
        raise NotFound()
    return organization_cards(viewer, [found])[0]


@dataclass(frozen=True)
class Category:
    term: TermCard
    children: tuple[TermCard, ...]


def _categories(terms: list[TermCard]) -> list[Category]:
    children: dict[UUID, list[TermCard]] = {}
    for term in terms:
        if term.parent_id is not None:
            children.setdefault(term.parent_id, []).append(term)
    return [
        Category(term=term, children=tuple(children.get(term.id, ())))
        for term in terms
        if term.parent_id is None
    ]


def _term_cards(taxonomies: tuple[UUID, ...]) -> list[TermCard]:
    """The terms of `taxonomies`, in their order: one query."""
    language = shown_language()
    terms = TaxonomyTerm.objects.filter(taxonomy_detail__in=taxonomies)
    return [term_card_of(columns, language) for columns in terms.values_list(*TERM_COLUMNS)]


def list_categories() -> list[Category]:
    """The directory's categories, each with its sub-categories, in their order: one query."""
    return _categories(_term_cards((CATEGORIES_ID,)))


def list_attributes() -> list[TermCard]:
    return _term_cards((ATTRIBUTES_ID,))


def list_filter_terms() -> tuple[list[Category], list[TermCard]]:
    """`list_categories` and `list_attributes` (the search's filters), in one query."""
    terms = _term_cards((CATEGORIES_ID, ATTRIBUTES_ID))
    return (
        _categories([t for t in terms if t.taxonomy_id == CATEGORIES_ID]),
        [t for t in terms if t.taxonomy_id == ATTRIBUTES_ID],
    )


@dataclass(frozen=True)
class VerifiedService:
    id: UUID
    name: str


def recently_verified(*, viewer: AnyUser | None, limit: int = 3) -> list[VerifiedService]:
    """The services the viewer sees that were verified most lately, by name (the member's home
    page): one query."""
    services = (
        visible_services(viewer)
        .filter(assured_date__isnull=False)
        .only("id", "name", "translations")
        .order_by("-assured_date", "sort_name")
    )
    return [VerifiedService(id=s.id, name=s.shown("name")) for s in services[:limit]]
