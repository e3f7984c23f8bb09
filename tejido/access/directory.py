"""The directory: who sees which organisations, services, locations and welcoming businesses,
who sees the recommendations, vouches and suggestions members add, who may do what to them,
and who may be told about them.

Each listing is seen by everyone (the public directory: visitors, applicants), by vetted
members, or by organisers only (a safe house). A service is seen only where its organisation
is too, and a location only where its organisation is: so a location of an organisers-only
organisation never shows beside a public service. A business that organisers suspended or
revoked leaves everyone's directory but theirs.

What members add is theirs and the organisers': a suggestion is read by organisers and its
author; who vouched for a business, by organisers and the voucher; a recommendation is shown
to other members once organisers approve it. People in a block never see each other's."""

from django.db.models import Model, Q, QuerySet

from tejido.access.base import (
    AnyUser,
    in_good_standing,
    is_organiser,
    is_vetted,
    register_audience,
)
from tejido.access.members import network_organisers, not_in_a_block_with, visible_members
from tejido.accounts.models import User
from tejido.directory.models import (
    Business,
    Location,
    Organization,
    Recommendation,
    Review,
    Service,
    ServiceAtLocation,
    Standing,
    Suggestion,
    Visibility,
    Vouch,
)

# Standings in which a business is on members' directory.
LISTED = (Standing.LISTED, Standing.WARNED)


def visibilities(viewer: AnyUser | None) -> tuple[str, ...]:
    """The listings' visibilities this viewer sees."""
    if is_organiser(viewer):
        return (Visibility.PUBLIC, Visibility.MEMBERS, Visibility.ORGANISERS)
    if is_vetted(viewer):
        return (Visibility.PUBLIC, Visibility.MEMBERS)
    return (Visibility.PUBLIC,)


def audience_rank(visibility: str) -> int:
    """0 for the widest audience (public), 2 for the narrowest (organisers)."""
    return Visibility.values.index(visibility)


def visible_organizations(viewer: AnyUser | None) -> QuerySet[Organization]:
    return Organization.objects.filter(visibility__in=visibilities(viewer))


def visible_services(viewer: AnyUser | None) -> QuerySet[Service]:
    shown = visibilities(viewer)
    return Service.objects.filter(visibility__in=shown, organization__visibility__in=shown)


def visible_locations(viewer: AnyUser | None) -> QuerySet[Location]:
    shown = visibilities(viewer)
    return Location.objects.filter(
        Q(organization__isnull=True) | Q(organization__visibility__in=shown),
        visibility__in=shown,
    )


def visible_service_at_locations(viewer: AnyUser | None) -> QuerySet[ServiceAtLocation]:
    """A service at a location is seen where both are."""
    return ServiceAtLocation.objects.filter(
        service__in=visible_services(viewer), location__in=visible_locations(viewer)
    )


def visible_businesses(viewer: AnyUser | None) -> QuerySet[Business]:
    if is_organiser(viewer):
        return Business.objects.all()
    return Business.objects.filter(visibility__in=visibilities(viewer), standing__in=LISTED)


def can_see_service(viewer: AnyUser | None, service: Service) -> bool:
    return visible_services(viewer).filter(pk=service.pk).exists()


def can_see_organization(viewer: AnyUser | None, organization: Organization) -> bool:
    return visible_organizations(viewer).filter(pk=organization.pk).exists()


def can_see_business(viewer: AnyUser | None, business: Business) -> bool:
    return visible_businesses(viewer).filter(pk=business.pk).exists()


def can_see_listing(viewer: AnyUser | None, listing: Model) -> bool:
    """A service, an organisation or a business."""
    if isinstance(listing, Service):
        return can_see_service(viewer, listing)
    if isinstance(listing, Organization):
        return can_see_organization(viewer, listing)
    if isinstance(listing, Business):
        return can_see_business(viewer, listing)
    raise TypeError(f"{type(listing).__name__} is not a directory listing.")


# --- what members add ----------------------------------------------------------------------------


def visible_recommendations(viewer: AnyUser | None) -> QuerySet[Recommendation]:
    """Organisers see every recommendation but those of people in a block with them; a vetted
    member sees the approved ones, on listings they see, by members they see, and their own.
    Visitors and applicants see none (they see how many there are)."""
    if not is_vetted(viewer):
        return Recommendation.objects.none()
    assert viewer is not None
    if is_organiser(viewer):
        return Recommendation.objects.filter(not_in_a_block_with(viewer, "author"))
    on_listings = Q(service__in=visible_services(viewer)) | Q(
        business__in=visible_businesses(viewer)
    )
    approved = Q(review=Review.APPROVED, author__in=visible_members(viewer)) & on_listings
    return Recommendation.objects.filter(approved | Q(author=viewer.pk))


def counted_recommendations(through: str = "") -> Q:
    """The recommendations a listing's count shows, to anyone who sees the listing: those
    approved, by members in good standing (a count names nobody). `through` is the relation
    to them ("recommendations__"), for a `Count(filter=…)`."""
    return Q(**{f"{through}review": Review.APPROVED}) & in_good_standing(f"{through}author__")


def counted_vouches(through: str = "") -> Q:
    """The vouches a business's count shows: those of members in good standing."""
    return in_good_standing(f"{through}member__")


def visible_suggestions(viewer: AnyUser | None) -> QuerySet[Suggestion]:
    """Organisers read every suggestion but those of people in a block with them; a member
    reads their own."""
    if not is_vetted(viewer):
        return Suggestion.objects.none()
    assert viewer is not None
    if is_organiser(viewer):
        return Suggestion.objects.filter(not_in_a_block_with(viewer, "author"))
    return Suggestion.objects.filter(author=viewer.pk)


def visible_vouches(viewer: AnyUser | None) -> QuerySet[Vouch]:
    """Who vouched for a business: organisers (but not someone in a block with them), and
    the voucher their own. Everyone who sees the business sees how many."""
    if not is_vetted(viewer):
        return Vouch.objects.none()
    assert viewer is not None
    if is_organiser(viewer):
        return Vouch.objects.filter(not_in_a_block_with(viewer, "member"))
    return Vouch.objects.filter(member=viewer.pk)


# --- what one may do -----------------------------------------------------------------------------


def can_manage_directory(actor: AnyUser | None) -> bool:
    """Organisers make, edit and verify listings, review what members add, and act on
    businesses."""
    return is_organiser(actor)


def can_suggest_about(actor: AnyUser | None, listing: Model) -> bool:
    """A vetted member suggests an edit to a listing they see, or reports it out of date."""
    return is_vetted(actor) and can_see_listing(actor, listing)


def can_recommend(actor: AnyUser | None, listing: Service | Business) -> bool:
    """A vetted member recommends a service or a business they see, once."""
    if not is_vetted(actor) or not can_see_listing(actor, listing):
        return False
    assert actor is not None
    field = "service" if isinstance(listing, Service) else "business"
    return not Recommendation.objects.filter(author=actor.pk, **{field: listing.pk}).exists()


def can_vouch_for(actor: AnyUser | None, business: Business) -> bool:
    """A vetted member vouches for a business they see, once."""
    if not is_vetted(actor) or not can_see_business(actor, business):
        return False
    assert actor is not None
    return not Vouch.objects.filter(business=business.pk, member=actor.pk).exists()


# --- who may be told -----------------------------------------------------------------------------


def _members_who_see(visibility: str) -> QuerySet[User]:
    if visibility == Visibility.ORGANISERS:
        return network_organisers()
    return User.objects.filter(in_good_standing())


@register_audience(Service)
def audience_of_service(service: Service) -> QuerySet[User]:
    """The members who may see the service (by its and its organisation's visibility)."""
    narrowest = max(service.visibility, service.organization.visibility, key=audience_rank)
    return _members_who_see(narrowest)


@register_audience(Organization)
def audience_of_organization(organization: Organization) -> QuerySet[User]:
    return _members_who_see(organization.visibility)


@register_audience(Business)
def audience_of_business(business: Business) -> QuerySet[User]:
    if business.standing not in LISTED:
        return network_organisers()
    return _members_who_see(business.visibility)


def _author_and_organisers(author_id: int) -> QuerySet[User]:
    organisers = network_organisers().filter(not_in_a_block_with(User(pk=author_id), "pk"))
    return User.objects.filter(Q(pk=author_id) | Q(pk__in=organisers.values("pk")))


@register_audience(Suggestion)
def audience_of_suggestion(suggestion: Suggestion) -> QuerySet[User]:
    """Its author and the organisers who may read it."""
    return _author_and_organisers(suggestion.author_id)


@register_audience(Recommendation)
def audience_of_recommendation(recommendation: Recommendation) -> QuerySet[User]:
    """Its author and the organisers who may review it."""
    return _author_and_organisers(recommendation.author_id)
