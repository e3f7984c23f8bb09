"""The demo network's directory (directory_content.py), made through the directory's services
as organisers and members would make it: organisations, places, services across the
taxonomy, welcoming businesses, vouches and approved recommendations. Verification dates are
set back afterwards, so one service shows as stale."""

from datetime import time, timedelta
from decimal import Decimal
from typing import Any

from tejido.accounts.models import User
from tejido.demo import directory_content as content
from tejido.directory.business_services import save_business, verify_business, vouch_for
from tejido.directory.community_services import recommend, review_recommendation
from tejido.directory.listing_services import (
    Hours,
    save_location,
    save_organization,
    save_service,
    verify_service,
)
from tejido.directory.models import (
    ATTRIBUTES_ID,
    CATEGORIES_ID,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from tejido.directory.moments import today
from tejido.directory.taxonomy_seed import seed_taxonomies
from tejido.network.models import Area


def _time(text: str) -> time:
    hour, minute = (int(part) for part in text.split(":"))
    return time(hour, minute)


def _approve(
    organiser: User,
    by_key: dict[str, User],
    recommendations: tuple[tuple[str, str], ...],
    kind: str,
    listing_id: object,
) -> None:
    """Members recommend the listing; the organiser approves each."""
    for key, note in recommendations:
        made = recommend(actor=by_key[key], listing_kind=kind, listing_id=listing_id, note=note)  # type: ignore[arg-type]
        review_recommendation(actor=organiser, recommendation_id=made.pk, approve=True)


def seed_directory(by_key: dict[str, User]) -> None:
    organiser = by_key["organiser"]
    # A migration makes the taxonomies; a database emptied since (a test's flush) needs them
    # again, and making them is a no-op where they are.
    seed_taxonomies(Taxonomy, TaxonomyTerm)
    areas = {area.name: area.pk for area in Area.objects.all()}
    terms = dict(
        TaxonomyTerm.objects.filter(taxonomy_detail__in=[CATEGORIES_ID, ATTRIBUTES_ID]).values_list(
            "code", "pk"
        )
    )
    organizations = {
        spec.key: save_organization(
            actor=organiser,
            name=spec.name,
            description=spec.description_es,
            description_en=spec.description_en,
            website=spec.website,
            visibility=spec.visibility,
        )
        for spec in content.ORGANIZATIONS
    }
    places = {
        spec.key: save_location(
            actor=organiser,
            name=spec.name,
            visibility=spec.visibility,
            area_id=areas.get(spec.area),
            address_1=spec.street,
            city="Madrid",
            state_province="Madrid",
            postal_code=spec.postal_code,
            transportation=spec.transportation_es,
            transportation_en=spec.transportation_en,
            accessibility=spec.accessibility_es,
        )
        for spec in content.PLACES
    }
    for spec in content.SERVICES:
        service = save_service(
            actor=organiser,
            organization_id=organizations[spec.organization].pk,
            name=spec.name_es,
            name_en=spec.name_en,
            description=spec.description_es,
            description_en=spec.description_en,
            visibility=spec.visibility,
            term_ids=[terms[code] for code in spec.terms],
            language_codes=spec.languages,
            phones=[spec.phone] if spec.phone else [],
            hours=[
                Hours(days=days, opens_at=_time(opens), closes_at=_time(closes))
                for days, opens, closes in spec.hours
            ],
            location_ids=[places[key].pk for key in spec.places],
            cost=Decimal(spec.cost) if spec.cost is not None else None,
        )
        if spec.verified_days_ago is not None:
            verify_service(actor=organiser, service_id=service.pk)
            Service.objects.filter(pk=service.pk).update(
                assured_date=today() - timedelta(days=spec.verified_days_ago)
            )
        _approve(organiser, by_key, spec.recommendations, "service", service.pk)
    for business_spec in content.BUSINESSES:
        day = today()
        translations: dict[str, Any] = {
            f"{name}_en": text for name, text in business_spec.translations_en.items()
        }
        business = save_business(
            actor=organiser,
            name=business_spec.name,
            kind=business_spec.kind,
            visibility=content.PUBLIC,
            area_id=areas.get(business_spec.area),
            address=business_spec.address,
            description=business_spec.description_es,
            description_en=business_spec.description_en,
            fitting_rooms=business_spec.fitting_rooms_es,
            names_used=business_spec.names_used_es,
            staff_trained=business_spec.staff_trained_es,
            directions=business_spec.directions_es,
            hours=[
                Hours(days=days, opens_at=_time(opens), closes_at=_time(closes))
                for days, opens, closes in business_spec.hours
            ],
            hours_note=business_spec.hours_note_es,
            pledge_accepted_on=(
                day - timedelta(days=business_spec.pledge_days_ago)
                if business_spec.pledge_days_ago is not None
                else None
            ),
            visited_on=(
                day - timedelta(days=business_spec.visited_days_ago)
                if business_spec.visited_days_ago is not None
                else None
            ),
            **translations,
        )
        if business_spec.visited_days_ago is not None:
            verify_business(actor=organiser, business_id=business.pk)
        for key in business_spec.vouchers:
            vouch_for(actor=by_key[key], business_id=business.pk)
        _approve(organiser, by_key, business_spec.recommendations, "business", business.pk)
