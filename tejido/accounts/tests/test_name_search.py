"""The one search (tejido.core.search) over chosen names, on whichever database the suite
runs (CI runs it on SQLite and on PostgreSQL): the shared corpus's results and order, and the
index kept in step."""

import pytest

from tejido.accounts.factories import UserFactory
from tejido.accounts.models import PROFILE_NAME_SEARCH, Profile
from tejido.core import search
from tejido.core.tests.search_corpus import NAMES, ORDER, QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    for name in NAMES:
        UserFactory(profile__chosen_name=name)


def _found(query: str) -> list[str]:
    profiles = search.matching(Profile.objects.all(), PROFILE_NAME_SEARCH, query)
    return list(profiles.order_by("sort_name", "user_id").values_list("chosen_name", flat=True))


@pytest.mark.usefixtures("corpus")
def test_the_corpus_sorts_and_matches_as_people_expect():
    names = Profile.objects.order_by("sort_name", "user_id").values_list("chosen_name", flat=True)
    assert list(names) == list(ORDER)
    # One corpus for every query (making it is the slow part); all differences at once.
    assert {query: _found(query) for query in QUERIES} == QUERIES


def test_the_index_follows_renames_and_deletions():
    user = UserFactory(profile__chosen_name="Álex Peña")
    assert _found("alex") == ["Álex Peña"]
    user.profile.chosen_name = "Beatriz"
    user.profile.save(update_fields=["chosen_name"])
    assert _found("alex") == []
    assert _found("bea") == ["Beatriz"]
    user.delete()
    assert _found("bea") == []


def test_the_index_is_complete():
    # A later migration that rebuilds the profiles table on SQLite drops the triggers.
    assert search.search_index_is_complete(PROFILE_NAME_SEARCH)


def test_a_queryset_of_another_table_is_refused():
    from tejido.accounts.models import User

    with pytest.raises(ValueError, match="does not index"):
        search.matching(User.objects.all(), PROFILE_NAME_SEARCH, "alex")
