"""The kinds of reportable thing, as the report form, the API and the queue ask for them: a
kind is found by its name (an unknown name is NotFound, as a missing target is) or by its
model; a target is found as the reporter may see it (hidden and missing alike NotFound);
organisers handling reports fetch the targets whoever may see them, missing ones left out."""

import pytest

from tejido.access.reportables import kind_named, kind_of
from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.core.errors import NotFound
from tejido.directory.factories import BusinessFactory
from tejido.directory.models import Business, Standing, Visibility

pytestmark = pytest.mark.django_db


def test_kinds_by_name_and_by_model():
    business = kind_named("business")
    assert business.model is Business
    assert kind_of(BusinessFactory()) is business
    assert kind_named("member").model is User
    assert kind_of(UserFactory()) is kind_named("member")
    for unknown in ("nonsense", "", "Business"):
        with pytest.raises(NotFound):
            kind_named(unknown)


def test_a_target_is_found_as_the_reporter_may_see_it():
    kind = kind_named("business")
    listed = BusinessFactory()
    for_organisers = BusinessFactory(visibility=Visibility.ORGANISERS)
    suspended = BusinessFactory(standing=Standing.SUSPENDED)
    member, organiser = UserFactory(), OrganiserFactory()
    assert kind.find(member, listed.pk) == listed
    assert kind.find(None, listed.pk) == listed
    for hidden in (for_organisers, suspended):
        with pytest.raises(NotFound):
            kind.find(member, hidden.pk)
        assert kind.find(organiser, hidden.pk) == hidden
    with pytest.raises(NotFound):
        kind.find(organiser, 0)


def test_a_member_hidden_by_a_block_is_not_found_to_report():
    kind = kind_named("member")
    reporter, other = UserFactory(), UserFactory()
    assert kind.find(reporter, other.pk) == other
    BlockFactory(blocker=other, blocked=reporter)
    with pytest.raises(NotFound):
        kind.find(reporter, other.pk)


def test_organisers_fetch_the_targets_whoever_may_see_them(django_assert_num_queries):
    listed = BusinessFactory()
    revoked = BusinessFactory(standing=Standing.REVOKED, visibility=Visibility.ORGANISERS)
    gone = BusinessFactory()
    gone_id = gone.pk
    gone.delete()
    found = kind_named("business").fetch([listed.pk, revoked.pk, gone_id])
    assert found == {listed.pk: listed, revoked.pk: revoked}
    assert kind_named("business").fetch([]) == {}
    # A kind that reads more alongside its targets fetches it with them.
    member = UserFactory(profile__chosen_name="Rita Reporta")
    (fetched,) = kind_named("member").fetch([member.pk]).values()
    with django_assert_num_queries(0):
        assert fetched.profile.chosen_name == "Rita Reporta"
