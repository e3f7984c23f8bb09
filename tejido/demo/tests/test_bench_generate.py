import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, models

from bench.generate import BENCH_DOMAIN, AlreadyGenerated, generate
from tejido.accounts.models import Block, Profile, User
from tejido.aid.models import AidOffer, AidRequest
from tejido.directory.models import Service, ServiceWords
from tejido.directory.selectors import ServiceFilters, list_services
from tejido.gatherings.models import Event, Occurrence, Rsvp
from tejido.groups.models import Group, GroupMembership
from tejido.membership.models import Application
from tejido.support.models import Circle, Place

pytestmark = pytest.mark.django_db


def test_it_builds_a_network_of_the_asked_size():
    result = generate(members=200, seed=3)

    people = User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}")
    assert people.filter(state=User.State.MEMBER).count() == 200 == result.members
    assert people.filter(state=User.State.APPLICANT).count() == result.applicants == 10
    assert Application.objects.filter(user__in=people).count() == result.applicants
    assert Group.objects.count() == result.groups
    assert GroupMembership.objects.count() == result.memberships > 200
    assert Block.objects.count() == result.blocks == 4
    for user in people.select_related("profile"):
        assert user.profile.sort_name == Profile.sort_name_for(user.profile.chosen_name) != ""
    for group in Group.objects.all():
        assert group.memberships.filter(role=GroupMembership.Role.ORGANISER).exists()
    assert Event.objects.count() == result.events == 40
    assert Occurrence.objects.count() == 40
    assert Rsvp.objects.count() == result.rsvps == 1000
    for occurrence in Occurrence.objects.select_related("event"):
        confirmed = occurrence.rsvps.filter(seat=Rsvp.Seat.CONFIRMED).count()
        assert occurrence.event.capacity is None or confirmed <= occurrence.event.capacity
    assert AidRequest.objects.count() == result.aid_requests == 400
    assert AidOffer.objects.count() == result.aid_offers == 400
    # Sealed like any request, and searchable only where every member may read it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM aid_aidrequest")
        assert all(title.startswith("sealed:") for (title,) in cursor.fetchall())
    for request in AidRequest.objects.all():
        assert bool(request.search_words) == (request.visibility == AidRequest.Visibility.MEMBERS)
    assert result.services == 0
    assert Circle.objects.count() == result.circles == 10
    assert Place.objects.filter(state="member").count() == 80


def test_it_builds_a_directory_found_by_search():
    result = generate(members=200, seed=4, services=60)

    assert Service.objects.count() == result.services == 60
    assert ServiceWords.objects.count() == 60
    found = list_services(viewer=AnonymousUser(), filters=ServiceFilters(q="asesoria juridica"))
    public = Service.objects.filter(name__startswith="Asesoría", visibility="public").count()
    assert found.count == public > 0


def test_the_same_seed_gives_the_same_network():
    first = generate(members=200, seed=5)
    names = list(User.objects.order_by("email").values_list("profile__chosen_name", flat=True))

    with pytest.raises(AlreadyGenerated):
        generate(members=200, seed=5)
    second = generate(members=200, seed=5, replace=True)

    assert (first.memberships, first.blocks) == (second.memberships, second.blocks)
    assert names == list(
        User.objects.order_by("email").values_list("profile__chosen_name", flat=True)
    )


def test_it_makes_as_many_blocks_as_asked():
    result = generate(members=200, seed=6, blocks=150, events=0, aid_requests=0, aid_offers=0)
    assert Block.objects.count() == result.blocks == 150
    assert not Block.objects.filter(blocker=models.F("blocked")).exists()
