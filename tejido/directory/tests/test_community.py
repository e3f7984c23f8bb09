"""What members add: suggestions and out-of-date notes reach the organisers' queue (the notice
names neither the author nor the text), recommendations are shown once approved, each member
recommends a listing once even when two requests race, and two organisers cannot both review
one."""

import pytest

from tejido.access.business_cards import business_card_queryset, business_cards
from tejido.audit.models import AuditEntry
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.testing import at_once
from tejido.directory.community_services import (
    handle_suggestion,
    recommend,
    review_recommendation,
    suggest,
    withdraw_recommendation,
)
from tejido.directory.errors import AlreadyRecommended, AlreadyReviewed
from tejido.directory.factories import BusinessFactory, RecommendationFactory, ServiceFactory
from tejido.directory.models import Business, Recommendation, Review, Suggestion, Visibility
from tejido.directory.review_selectors import (
    count_waiting,
    list_open_suggestions,
    list_pending_recommendations,
)
from tejido.directory.selectors import get_service
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


def test_a_suggestion_waits_for_organisers_who_are_told_without_the_text(make_user):
    organiser, member = make_user(role="organiser"), make_user()
    service = ServiceFactory(name="Comedor")
    suggest(
        actor=member,
        listing_kind="service",
        listing_id=str(service.pk),
        kind="outdated",
        text="Ya no abre los lunes.",
    )
    notice = Notice.objects.get(user=organiser)
    assert notice.kind == "directory_suggestion_received"
    assert "lunes" not in str(notice.params)
    assert member.profile.chosen_name not in str(notice.params)
    rows = list(list_open_suggestions(viewer=organiser))
    assert [(r.text, r.author_name, r.listing_name) for r in rows] == [
        ("Ya no abre los lunes.", member.profile.chosen_name, "Comedor")
    ]
    assert count_waiting(viewer=organiser) == 1
    assert count_waiting(viewer=member) == 0
    with pytest.raises(NotFound):
        list_open_suggestions(viewer=member)
    handle_suggestion(actor=organiser, suggestion_id=rows[0].id, applied=True)
    assert Notice.objects.filter(user=member, kind="directory_suggestion_handled").exists()
    assert AuditEntry.objects.get().action == "directory.suggestion_apply"
    with pytest.raises(AlreadyReviewed):
        handle_suggestion(actor=organiser, suggestion_id=rows[0].id, applied=False)


def test_members_write_only_about_what_they_see_and_write_something(make_user):
    member = make_user()
    hidden = ServiceFactory(visibility=Visibility.ORGANISERS)
    with pytest.raises(NotFound):
        suggest(actor=member, listing_kind="service", listing_id=hidden.pk, kind="edit", text="x")
    public = ServiceFactory()
    for visitor in (None, make_user(role="applicant")):
        with pytest.raises(NotFound):
            suggest(
                actor=visitor, listing_kind="service", listing_id=public.pk, kind="edit", text="x"
            )
    with pytest.raises(InvalidInput):
        suggest(actor=member, listing_kind="service", listing_id=public.pk, kind="edit", text="  ")
    with pytest.raises(InvalidInput):
        suggest(actor=member, listing_kind="service", listing_id=public.pk, kind="rant", text="x")
    with pytest.raises(NotFound):
        suggest(actor=member, listing_kind="event", listing_id=public.pk, kind="edit", text="x")
    assert not Suggestion.objects.exists()


def test_a_recommendation_is_shown_once_approved_and_counted(make_user):
    organiser, author, other = make_user(role="organiser"), make_user(), make_user()
    service = ServiceFactory()
    recommend(actor=author, listing_kind="service", listing_id=service.pk, note="Muy amables.")
    assert get_service(viewer=other, service_id=service.pk).recommendations == ()
    mine = get_service(viewer=author, service_id=service.pk).recommendations
    assert [(r.note, r.review) for r in mine] == [("Muy amables.", Review.PENDING)]
    row = next(iter(list_pending_recommendations(viewer=organiser)))
    review_recommendation(actor=organiser, recommendation_id=row.id, approve=True)
    shown = get_service(viewer=other, service_id=service.pk)
    assert [(r.note, r.author_name, r.review) for r in shown.recommendations] == [
        ("Muy amables.", author.profile.chosen_name, None)
    ]
    assert shown.card.recommendation_count == 1
    visitor = get_service(viewer=None, service_id=service.pk)
    assert visitor.recommendations == ()
    assert visitor.card.recommendation_count == 1
    assert Notice.objects.filter(user=author, kind="directory_recommendation_approved").exists()
    with pytest.raises(AlreadyRecommended):
        recommend(actor=author, listing_kind="service", listing_id=service.pk, note="Otra vez")
    withdraw_recommendation(actor=author, recommendation_id=row.id)
    assert not Recommendation.objects.exists()


def test_a_blocked_member_never_sees_the_others_recommendation(make_user):
    from tejido.accounts.factories import BlockFactory

    author, blocked = make_user(), make_user()
    BlockFactory(blocker=author, blocked=blocked)
    service = ServiceFactory()
    RecommendationFactory(
        author=author, service=service, review=Review.APPROVED, reviewed_at="2026-01-01T00:00Z"
    )
    assert get_service(viewer=blocked, service_id=service.pk).recommendations == ()
    assert get_service(viewer=make_user(), service_id=service.pk).recommendations != ()


def test_a_business_recommendation_counts_on_its_card(make_user):
    organiser, author = make_user(role="organiser"), make_user()
    business = BusinessFactory()
    made = recommend(actor=author, listing_kind="business", listing_id=business.pk, note="Genial")
    review_recommendation(actor=organiser, recommendation_id=made.pk, approve=False)
    card = business_cards(
        None, business_card_queryset(Business.objects.all()), today=made.created_at.date()
    )[0]
    assert card.recommendation_count == 0
    with pytest.raises(NotFound):
        recommend(actor=author, listing_kind="organization", listing_id=business.pk, note="x")


@pytest.mark.django_db(transaction=True)
def test_one_recommendation_per_member_when_two_race(make_user):
    author = make_user()
    service = ServiceFactory()

    def send() -> object:
        return recommend(actor=author, listing_kind="service", listing_id=service.pk, note="Sí")

    outcomes = at_once(send, send, send, refused=AlreadyRecommended)
    assert outcomes.count("refused") == 2
    assert Recommendation.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_organisers_cannot_both_review_one_recommendation(make_user):
    first, second = make_user(role="organiser"), make_user(role="organiser")
    made = RecommendationFactory()

    def approve(organiser):
        return lambda: review_recommendation(
            actor=organiser, recommendation_id=made.pk, approve=True
        )

    outcomes = at_once(approve(first), approve(second), refused=AlreadyReviewed)
    assert outcomes.count("refused") == 1
    assert AuditEntry.objects.filter(action="directory.recommendation_approve").count() == 1
