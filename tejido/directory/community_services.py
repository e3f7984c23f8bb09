"""What members add to the directory and organisers review: a suggested edit or a note that a
listing is out of date, and a recommendation of a service or a business. The organisers who
may read it are told (never who wrote it, in the notice); its author is told when it was
handled."""

from typing import Any
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext

from tejido.access.base import AnyUser, is_vetted
from tejido.access.directory import (
    audience_of_recommendation,
    audience_of_suggestion,
    can_recommend,
    can_suggest_about,
    visible_businesses,
    visible_organizations,
    visible_recommendations,
    visible_services,
    visible_suggestions,
)
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.text import TextRule
from tejido.directory.errors import AlreadyRecommended, AlreadyReviewed
from tejido.directory.models import (
    LANGUAGES,
    RECOMMENDATION_NOTE_LENGTH,
    Business,
    Organization,
    Recommendation,
    Review,
    Service,
    Suggestion,
    SuggestionKind,
    SuggestionState,
    translated,
)
from tejido.membership.checks import require_organiser
from tejido.notifications.services import notify

SUGGESTION_TEXT = TextRule(3000, required=True, multiline=True)
RECOMMENDATION_NOTE = TextRule(RECOMMENDATION_NOTE_LENGTH, required=True, multiline=True)
LISTING_KINDS = ("service", "organization", "business")

ListingId = UUID | int | str


def find_listing(viewer: AnyUser | None, kind: str, listing_id: ListingId) -> Model:
    """The service, organisation or business the viewer may see; NotFound alike otherwise."""
    found: Model | None = None
    try:
        if kind == "business":
            found = visible_businesses(viewer).filter(pk=int(listing_id)).first()
        elif kind in ("service", "organization"):
            listings = visible_services if kind == "service" else visible_organizations
            found = listings(viewer).filter(pk=UUID(str(listing_id))).first()
    except (ValueError, TypeError, OverflowError):
        found = None
    if found is None:
        raise NotFound()
    return found


def listing_name(listing: Any) -> dict[str, str]:
    """Its name in both languages, for a notice read in its reader's language."""
    return {lang: translated(listing, "name", lang) for lang in LANGUAGES}


def listing_path(listing: Model) -> str:
    if isinstance(listing, Service):
        return reverse("directory_service", args=[listing.pk])
    if isinstance(listing, Organization):
        return reverse("directory_organization", args=[listing.pk])
    return reverse("directory_business", args=[listing.pk])


def _listing_of(item: Suggestion | Recommendation) -> Model:
    listing = getattr(item, "service", None) or getattr(item, "organization", None)
    return listing or item.business


def _tell_organisers(item: Suggestion | Recommendation, kind: str, author: User) -> None:
    audience = (
        audience_of_suggestion(item)
        if isinstance(item, Suggestion)
        else audience_of_recommendation(item)
    )
    params = {"listing": listing_name(_listing_of(item))}
    url = reverse("directory_review")
    for organiser in audience.filter(is_organiser=True).exclude(pk=author.pk):
        notify(user=organiser, kind=kind, about=item, params=params, url=url)


# --- suggestions ---------------------------------------------------------------------------------


@transaction.atomic
def suggest(
    *, actor: AnyUser, listing_kind: str, listing_id: ListingId, kind: str, text: str
) -> Suggestion:
    """A vetted member suggests a change to a listing they see (`kind` "edit"), or says it is
    out of date ("outdated"). It waits in the organisers' review queue."""
    listing = find_listing(actor, listing_kind, listing_id)
    if not can_suggest_about(actor, listing):
        raise NotFound()
    assert isinstance(actor, User)
    if kind not in SuggestionKind.values:
        raise InvalidInput(detail={"kind": gettext("Choose one of the options.")})
    written = SUGGESTION_TEXT.clean(text, field="text")
    suggestion = Suggestion.objects.create(
        kind=kind, author=actor, text=written, **{listing_kind: listing}
    )
    _tell_organisers(suggestion, "directory_suggestion_received", actor)
    return suggestion


@transaction.atomic
def handle_suggestion(*, actor: AnyUser, suggestion_id: int, applied: bool) -> Suggestion:
    """The organiser took it into account (after editing the listing, or verifying it), or
    dismissed it. Its author is told it was read."""
    organiser = require_organiser(actor)
    suggestion = (
        visible_suggestions(organiser)
        .select_for_update(of=("self",))
        .filter(pk=suggestion_id)
        .select_related("service", "organization", "business")
        .first()
    )
    if suggestion is None:
        raise NotFound()
    if suggestion.state != SuggestionState.OPEN:
        raise AlreadyReviewed()
    suggestion.state = SuggestionState.APPLIED if applied else SuggestionState.DISMISSED
    suggestion.handled_by = organiser
    suggestion.handled_at = now()
    suggestion.save(update_fields=["state", "handled_by", "handled_at"])
    record_action(
        actor=organiser,
        action="directory.suggestion_apply" if applied else "directory.suggestion_dismiss",
        target_user=suggestion.author,
        target=suggestion,
    )
    listing = _listing_of(suggestion)
    notify(
        user=suggestion.author,
        kind="directory_suggestion_handled",
        about=suggestion,
        params={"listing": listing_name(listing)},
        url=listing_path(listing),
    )
    return suggestion


# --- recommendations -----------------------------------------------------------------------------


@transaction.atomic
def recommend(
    *, actor: AnyUser, listing_kind: str, listing_id: ListingId, note: str
) -> Recommendation:
    """A vetted member recommends a service or a business they see, once, with a short note.
    Other members see it once organisers approve it."""
    if listing_kind not in ("service", "business"):
        raise NotFound()
    listing = find_listing(actor, listing_kind, listing_id)
    if not is_vetted(actor):
        raise NotFound()
    assert isinstance(actor, User)
    written = RECOMMENDATION_NOTE.clean(note, field="note")
    assert isinstance(listing, Service | Business)
    if not can_recommend(actor, listing):
        raise AlreadyRecommended()
    try:
        with transaction.atomic():
            recommendation = Recommendation.objects.create(
                author=actor, note=written, **{listing_kind: listing}
            )
    except IntegrityError as error:
        raise AlreadyRecommended() from error
    _tell_organisers(recommendation, "directory_recommendation_received", actor)
    return recommendation


@transaction.atomic
def review_recommendation(
    *, actor: AnyUser, recommendation_id: int, approve: bool
) -> Recommendation:
    organiser = require_organiser(actor)
    recommendation = (
        visible_recommendations(organiser)
        .select_for_update(of=("self",))
        .filter(pk=recommendation_id)
        .select_related("service", "business")
        .first()
    )
    if recommendation is None:
        raise NotFound()
    if recommendation.review != Review.PENDING:
        raise AlreadyReviewed()
    recommendation.review = Review.APPROVED if approve else Review.DECLINED
    recommendation.reviewed_by = organiser
    recommendation.reviewed_at = now()
    recommendation.save(update_fields=["review", "reviewed_by", "reviewed_at"])
    record_action(
        actor=organiser,
        action=f"directory.recommendation_{'approve' if approve else 'decline'}",
        target_user=recommendation.author,
        target=recommendation,
    )
    listing = _listing_of(recommendation)
    notify(
        user=recommendation.author,
        kind=f"directory_recommendation_{'approved' if approve else 'declined'}",
        about=recommendation,
        params={"listing": listing_name(listing)},
        url=listing_path(listing),
    )
    return recommendation


@transaction.atomic
def withdraw_recommendation(*, actor: AnyUser, recommendation_id: int) -> None:
    """Its author takes it back."""
    if not isinstance(actor, User):
        raise NotFound()
    deleted, _ = Recommendation.objects.filter(pk=recommendation_id, author=actor).delete()
    if not deleted:
        raise NotFound()
