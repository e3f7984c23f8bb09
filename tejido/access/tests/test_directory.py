"""The directory's policy, rule by rule: who sees which listing, place, recommendation, vouch
and suggestion; who may suggest, recommend and vouch; who may be told about each."""

import pytest

from tejido.access.business_cards import (
    business_card_queryset,
    business_cards,
    business_recommendations,
    voucher_names,
)
from tejido.access.directory import (
    audience_of_business,
    audience_of_organization,
    audience_of_recommendation,
    audience_of_service,
    audience_of_suggestion,
    audience_rank,
    can_manage_directory,
    can_recommend,
    can_see_listing,
    can_suggest_about,
    can_vouch_for,
    visible_businesses,
    visible_locations,
    visible_recommendations,
    visible_service_at_locations,
    visible_services,
    visible_suggestions,
    visible_vouches,
)
from tejido.access.directory_cards import (
    is_stale,
    organization_card_queryset,
    organization_cards,
)
from tejido.accounts.factories import BlockFactory
from tejido.accounts.models import User
from tejido.directory.factories import (
    BusinessFactory,
    LocationFactory,
    OrganizationFactory,
    RecommendationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    SuggestionFactory,
    VouchFactory,
)
from tejido.directory.models import Business, Organization, Review, Standing, Visibility

pytestmark = pytest.mark.django_db
APPROVED = {"review": Review.APPROVED, "reviewed_at": "2026-01-01T00:00Z"}


@pytest.fixture
def people(make_user):
    return {
        "visitor": None,
        "applicant": make_user(role="applicant"),
        "suspended": make_user(state=User.State.SUSPENDED),
        "member": make_user(),
        "organiser": make_user(role="organiser"),
    }


def _sees(queryset_of, people, thing) -> set[str]:
    return {
        name for name, person in people.items() if queryset_of(person).filter(pk=thing.pk).exists()
    }


def test_each_visibility_reaches_its_audience(people):
    public = ServiceFactory(visibility=Visibility.PUBLIC)
    members = ServiceFactory(visibility=Visibility.MEMBERS)
    safe = ServiceFactory(visibility=Visibility.ORGANISERS)
    everyone = set(people)
    assert _sees(visible_services, people, public) == everyone
    assert _sees(visible_services, people, members) == {"member", "organiser"}
    assert _sees(visible_services, people, safe) == {"organiser"}
    assert audience_rank(Visibility.PUBLIC) < audience_rank(Visibility.ORGANISERS)


def test_a_service_of_a_hidden_organisation_is_hidden_with_it(people):
    organization = OrganizationFactory(visibility=Visibility.ORGANISERS)
    service = ServiceFactory(organization=organization)
    assert _sees(visible_services, people, service) == {"organiser"}
    assert can_see_listing(people["organiser"], organization)
    assert not can_see_listing(people["member"], organization)


def test_a_place_is_seen_where_it_and_its_organisation_are(people):
    place = LocationFactory(visibility=Visibility.ORGANISERS)
    free_standing = LocationFactory(organization=None)
    of_hidden = LocationFactory(organization=OrganizationFactory(visibility=Visibility.MEMBERS))
    assert _sees(visible_locations, people, place) == {"organiser"}
    assert _sees(visible_locations, people, free_standing) == set(people)
    assert _sees(visible_locations, people, of_hidden) == {"member", "organiser"}
    at = ServiceAtLocationFactory(location=place)
    assert _sees(visible_service_at_locations, people, at) == {"organiser"}


def test_a_suspended_or_revoked_business_leaves_all_but_organisers(people):
    listed = BusinessFactory()
    warned = BusinessFactory(standing=Standing.WARNED)
    suspended = BusinessFactory(standing=Standing.SUSPENDED)
    assert _sees(visible_businesses, people, listed) == set(people)
    assert _sees(visible_businesses, people, warned) == set(people)
    assert _sees(visible_businesses, people, suspended) == {"organiser"}
    assert can_see_listing(people["visitor"], listed)
    assert not can_see_listing(people["visitor"], suspended)


def test_only_listings_are_listings(people):
    with pytest.raises(TypeError):
        can_see_listing(people["member"], people["member"])


def test_recommendations_are_seen_once_approved_and_never_across_a_block(people, make_user):
    author, blocked = make_user(), make_user()
    BlockFactory(blocker=author, blocked=blocked)
    service = ServiceFactory()
    approved = RecommendationFactory(author=author, service=service, **APPROVED)
    pending = RecommendationFactory(service=service)
    on_business = RecommendationFactory(service=None, business=BusinessFactory(), **APPROVED)
    people.update(author=author, blocked=blocked)
    assert _sees(visible_recommendations, people, approved) == {"member", "organiser", "author"}
    assert _sees(visible_recommendations, people, pending) == {"organiser"}
    assert _sees(visible_recommendations, people, on_business) == {
        "member",
        "organiser",
        "author",
        "blocked",
    }
    organiser_in_a_block = make_user(role="organiser")
    BlockFactory(blocker=organiser_in_a_block, blocked=author)
    assert not visible_recommendations(organiser_in_a_block).filter(pk=approved.pk).exists()


def test_suggestions_and_vouches_are_for_organisers_and_their_author(people, make_user):
    author = make_user()
    suggestion = SuggestionFactory(author=author)
    vouch = VouchFactory(member=author)
    people["author"] = author
    assert _sees(visible_suggestions, people, suggestion) == {"organiser", "author"}
    assert _sees(visible_vouches, people, vouch) == {"organiser", "author"}
    organiser = make_user(role="organiser")
    BlockFactory(blocker=author, blocked=organiser)
    assert not visible_suggestions(organiser).filter(pk=suggestion.pk).exists()
    assert not visible_vouches(organiser).filter(pk=vouch.pk).exists()


def test_who_may_suggest_recommend_and_vouch(people):
    service, business = ServiceFactory(), BusinessFactory()
    hidden = ServiceFactory(visibility=Visibility.ORGANISERS)
    member = people["member"]
    assert [can_suggest_about(p, service) for p in people.values()] == [
        False,
        False,
        False,
        True,
        True,
    ]
    assert not can_suggest_about(member, hidden)
    assert can_recommend(member, service)
    assert can_recommend(member, business)
    assert not can_recommend(people["visitor"], service)
    assert not can_recommend(member, hidden)
    RecommendationFactory(author=member, service=service)
    RecommendationFactory(author=member, service=None, business=business)
    assert not can_recommend(member, service)
    assert not can_recommend(member, business)
    assert can_vouch_for(member, business)
    assert not can_vouch_for(people["applicant"], business)
    VouchFactory(member=member, business=business)
    assert not can_vouch_for(member, business)
    assert [can_manage_directory(p) for p in people.values()] == [False] * 4 + [True]


def test_who_is_told_about_each_listing(people):
    public, safe = ServiceFactory(), ServiceFactory(visibility=Visibility.ORGANISERS)
    members = set(User.objects.filter(state=User.State.MEMBER))
    assert set(audience_of_service(public)) == members
    assert set(audience_of_service(safe)) == {people["organiser"]}
    assert set(audience_of_organization(public.organization)) == members
    assert set(audience_of_business(BusinessFactory())) == members
    revoked = BusinessFactory(standing=Standing.REVOKED)
    assert set(audience_of_business(revoked)) == {people["organiser"]}


def test_what_members_add_is_told_to_its_author_and_the_organisers(people, make_user):
    author = make_user()
    blocked_organiser = make_user(role="organiser")
    BlockFactory(blocker=blocked_organiser, blocked=author)
    expected = {author, people["organiser"]}
    assert set(audience_of_suggestion(SuggestionFactory(author=author))) == expected
    assert set(audience_of_recommendation(RecommendationFactory(author=author))) == expected


def test_cards_show_counts_and_keep_standing_and_visibility_for_organisers(people, make_user):
    business = BusinessFactory(standing=Standing.WARNED, visibility=Visibility.PUBLIC)
    VouchFactory(business=business, member=people["member"])
    VouchFactory(business=business, member=make_user(state=User.State.SUSPENDED))
    RecommendationFactory(service=None, business=business, **APPROVED)
    fetched = business_card_queryset(Business.objects.filter(pk=business.pk))
    today = business.created_at.date()
    for_member = business_cards(people["member"], fetched, today=today)[0]
    for_organiser = business_cards(people["organiser"], fetched, today=today)[0]
    assert (for_member.vouch_count, for_member.recommendation_count) == (1, 1)
    assert for_member.i_vouched
    assert (for_member.standing, for_member.visibility) == (None, None)
    assert (for_organiser.standing, for_organiser.visibility) == ("warned", "public")
    assert business_cards(people["visitor"], [], today=today) == []
    assert len(business_recommendations(people["member"], business)) == 1
    assert business_recommendations(people["visitor"], business) == ()


def test_organisation_cards_count_the_services_the_viewer_sees(people):
    organization = OrganizationFactory()
    ServiceFactory(organization=organization)
    ServiceFactory(organization=organization, visibility=Visibility.ORGANISERS)
    fetched = organization_card_queryset(people["member"], Organization.objects.all())
    card = organization_cards(people["member"], fetched)[0]
    assert (card.service_count, card.visibility) == (1, None)
    fetched = organization_card_queryset(people["organiser"], Organization.objects.all())
    card = organization_cards(people["organiser"], fetched)[0]
    assert (card.service_count, card.visibility) == (2, "public")


def test_stale_after_six_months():
    from datetime import date

    assert is_stale(None, date(2026, 3, 1))
    assert is_stale(date(2025, 8, 1), date(2026, 3, 1))
    assert not is_stale(date(2025, 12, 1), date(2026, 3, 1))


def test_only_organisers_learn_who_vouched(people, make_user):
    business = BusinessFactory()
    voucher = make_user()
    VouchFactory(business=business, member=voucher)
    assert voucher_names(people["organiser"], business) == (voucher.profile.chosen_name,)
    assert voucher_names(voucher, business) == ()
    assert voucher_names(people["member"], business) == ()
