import pytest
from django.contrib.auth.models import AnonymousUser

from tejido.access.base import (
    Audience,
    Viewer,
    in_good_standing,
    is_organiser,
    is_vetted,
    reaches,
)
from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import Block, User

pytestmark = pytest.mark.django_db


def test_only_vetted_members_in_good_standing_are_vetted():
    assert is_vetted(UserFactory())
    assert not is_vetted(None)
    assert not is_vetted(AnonymousUser())
    assert not is_vetted(ApplicantFactory())
    assert not is_vetted(UserFactory(state=User.State.SUSPENDED))
    assert not is_vetted(UserFactory(state=User.State.REMOVED))


def test_in_good_standing_is_is_vetted_as_a_query():
    people = [
        UserFactory(),
        OrganiserFactory(),
        ApplicantFactory(),
        UserFactory(state=User.State.SUSPENDED),
        UserFactory(state=User.State.REMOVED),
    ]
    assert set(User.objects.filter(in_good_standing())) == {p for p in people if is_vetted(p)}
    assert set(User.objects.exclude(in_good_standing())) == {p for p in people if not is_vetted(p)}


def test_in_good_standing_follows_a_relation():
    member, suspended = UserFactory(), UserFactory(state=User.State.SUSPENDED)
    kept = Block.objects.create(blocker=member, blocked=suspended)
    other = Block.objects.create(blocker=suspended, blocked=member)
    assert list(Block.objects.filter(in_good_standing("blocker__"))) == [kept]
    assert list(Block.objects.filter(in_good_standing("blocked__"))) == [other]


def test_a_suspended_organiser_is_no_organiser():
    assert is_organiser(OrganiserFactory())
    assert not is_organiser(OrganiserFactory(state=User.State.SUSPENDED))
    assert not is_organiser(UserFactory())


def test_viewer_id_is_none_for_nobody_and_anonymous():
    assert Viewer(user=None).id is None
    assert Viewer(user=AnonymousUser()).id is None
    member = UserFactory()
    assert Viewer(user=member).id == member.pk


@pytest.mark.parametrize("audience", Audience.values)
def test_someone_not_vetted_is_reached_by_no_audience_about_others(audience):
    subject = UserFactory()
    for user in (ApplicantFactory(), UserFactory(state=User.State.SUSPENDED), AnonymousUser()):
        assert not reaches(audience, Viewer(user=user), subject.pk)


@pytest.mark.parametrize("audience", Audience.values)
def test_every_audience_reaches_oneself(audience):
    me = UserFactory()
    assert reaches(audience, Viewer(user=me), me.pk)


def test_shared_group_reaches_those_sharing_a_group_and_organisers():
    subject = UserFactory()
    viewer = UserFactory()
    assert not reaches(Audience.SHARED_GROUP, Viewer(user=viewer), subject.pk)
    shared = Viewer(user=viewer, shared_with=frozenset({subject.pk}))
    assert reaches(Audience.SHARED_GROUP, shared, subject.pk)
    assert reaches(Audience.SHARED_GROUP, Viewer(user=OrganiserFactory()), subject.pk)
    assert not reaches(Audience.ORGANISERS, shared, subject.pk)
    assert not reaches(Audience.ONLY_ME, Viewer(user=OrganiserFactory()), subject.pk)
