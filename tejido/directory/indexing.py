"""The words each listing is found by (tejido.core.search): a service by its names and
descriptions in both languages, its organisation's names, its categories and attributes in
both languages, its languages, and the area and town of each of its locations that is at
least as visible as the service itself (so a search never answers with a public service
because of a hidden place's town); a business by its names, kind and area. Never an
address's street.

Every write to a listing calls `index_services` or `index_business` (an HSDS import too, for
all it wrote, in batches): a few queries for any number of services."""

from collections import defaultdict
from collections.abc import Iterable
from uuid import UUID

from django.db.models import Q
from django.utils.translation import override

from tejido.accounts.choices import language_name
from tejido.core.choices import label
from tejido.core.text import fold
from tejido.directory.models import (
    LANGUAGES,
    Attribute,
    Business,
    Service,
    ServiceAtLocation,
    ServiceWords,
    Visibility,
    sort_name_for,
)

BATCH = 500


def _texts(obj: object, fields: Iterable[str]) -> list[str]:
    translations = getattr(obj, "translations", None) or {}
    found = [str(getattr(obj, name, "") or "") for name in fields]
    for language in LANGUAGES:
        in_language = translations.get(language) or {}
        found.extend(str(in_language.get(name, "")) for name in fields)
    return found


def _narrower_or_equal(place: str, service: str) -> bool:
    ranks = Visibility.values
    return ranks.index(place) <= ranks.index(service)


def service_words(
    service: Service, terms: Iterable[object], places: Iterable[ServiceAtLocation]
) -> str:
    texts = _texts(service, ("name", "alternate_name", "description"))
    texts += _texts(service.organization, ("name", "alternate_name"))
    for term in terms:
        texts += _texts(term, ("name",))
    for language in service.languages.all():
        texts += [language.name, language_name(language.code)]
    for place in places:
        location = place.location
        if _narrower_or_equal(location.visibility, service.visibility) and _narrower_or_equal(
            location.organization.visibility if location.organization else "public",
            service.visibility,
        ):
            texts.append(location.area.name if location.area else "")
            texts += [address.city for address in location.addresses.all()]
    seen: dict[str, None] = {}
    for word in fold(" ".join(texts)).split():
        seen.setdefault(word, None)
    return " ".join(seen)


def index_services(service_ids: Iterable[UUID]) -> None:
    """Make the search words and sort names of these services again."""
    ids = list(dict.fromkeys(service_ids))
    for start in range(0, len(ids), BATCH):
        _index_batch(ids[start : start + BATCH])


def _index_batch(ids: list[UUID]) -> None:
    services = list(
        Service.objects.filter(pk__in=ids)
        .select_related("organization")
        .prefetch_related("languages")
    )
    terms: dict[UUID, list[object]] = defaultdict(list)
    for link in Attribute.objects.filter(link_entity="service", link_id__in=ids).select_related(
        "taxonomy_term"
    ):
        terms[link.link_id].append(link.taxonomy_term)
    places: dict[UUID, list[ServiceAtLocation]] = defaultdict(list)
    located = ServiceAtLocation.objects.filter(service__in=ids).select_related(
        "location__area", "location__organization"
    )
    for place in located.prefetch_related("location__addresses"):
        places[place.service_id].append(place)
    existing = dict(ServiceWords.objects.filter(service__in=ids).values_list("service", "pk"))
    changed, added = [], []
    for service in services:
        words = service_words(service, terms[service.id], places[service.id])
        service.sort_name = sort_name_for(service.name)
        if service.id in existing:
            changed.append(ServiceWords(pk=existing[service.id], service=service, words=words))
        else:
            added.append(ServiceWords(service=service, words=words))
    Service.objects.bulk_update(services, ["sort_name"])
    ServiceWords.objects.bulk_update(changed, ["words"])
    ServiceWords.objects.bulk_create(added)


def services_at(location_ids: Iterable[UUID]) -> list[UUID]:
    """The services delivered at these locations, whose words name the locations' areas."""
    return list(
        ServiceAtLocation.objects.filter(location__in=list(location_ids)).values_list(
            "service", flat=True
        )
    )


def services_of(organization_ids: Iterable[UUID]) -> list[UUID]:
    ids = list(organization_ids)
    return list(
        Service.objects.filter(
            Q(organization__in=ids) | Q(service_at_locations__location__organization__in=ids)
        )
        .values_list("pk", flat=True)
        .distinct()
    )


def services_with_term(term_ids: Iterable[UUID]) -> list[UUID]:
    return list(
        Attribute.objects.filter(
            link_entity="service", taxonomy_term__in=list(term_ids)
        ).values_list("link_id", flat=True)
    )


def business_words(business: Business) -> str:
    texts = _texts(business, ("name", "description"))
    for language in LANGUAGES:
        with override(language):
            texts.append(label(business, "kind"))
    texts.append(business.area.name if business.area else "")
    return fold(" ".join(texts))


def index_business(business: Business) -> None:
    business.sort_name = sort_name_for(business.name)
    business.words = business_words(business)
    Business.objects.filter(pk=business.pk).update(
        sort_name=business.sort_name, words=business.words
    )
