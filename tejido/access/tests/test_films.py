"""Film nights' rules, asked directly: who sees films and polls, who runs a poll, who votes,
who sees the counts (never who voted for what) and who makes the film night."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from tejido.access import films as rules
from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.core.clock import now
from tejido.gatherings.factories import FilmFactory, PollFactory, PollOptionFactory
from tejido.gatherings.models import Vote
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import GroupMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    group = GroupFactory()
    group_organiser = UserFactory()
    GroupMembershipFactory(group=group, user=group_organiser, role="organiser")
    in_group = UserFactory()
    GroupMembershipFactory(group=group, user=in_group)
    asked = UserFactory()
    GroupMembershipFactory(group=group, user=asked, state=GroupMembership.State.REQUESTED)
    return {
        "group": group,
        "group_organiser": group_organiser,
        "in_group": in_group,
        "asked": asked,
        "member": UserFactory(),
        "organiser": OrganiserFactory(),
        "applicant": ApplicantFactory(),
    }


def test_films_are_for_vetted_members_and_organisers_edit_them(world):
    film = FilmFactory()
    assert list(rules.visible_films(world["member"])) == [film]
    assert not rules.visible_films(world["applicant"]).exists()
    assert not rules.visible_films(AnonymousUser()).exists()
    assert not rules.visible_films(None).exists()
    assert rules.can_propose_film(world["member"])
    assert not rules.can_propose_film(world["applicant"])
    assert rules.can_edit_film(world["organiser"], film)
    assert not rules.can_edit_film(world["member"], film)
    assert not rules.can_edit_film(world["group_organiser"], film)


def test_a_groups_poll_is_for_its_members_and_network_organisers(world):
    network = PollFactory()
    of_group = PollFactory(group=world["group"])
    assert set(rules.visible_polls(world["member"])) == {network}
    assert set(rules.visible_polls(world["in_group"])) == {network, of_group}
    assert set(rules.visible_polls(world["asked"])) == {network}
    assert set(rules.visible_polls(world["organiser"])) == {network, of_group}
    assert not rules.visible_polls(world["applicant"]).exists()
    assert rules.can_see_poll(world["in_group"], of_group)
    assert not rules.can_see_poll(world["member"], of_group)


def test_the_audience_of_a_poll(world):
    network = PollFactory()
    of_group = PollFactory(group=world["group"])
    everyone = set(rules.audience_of_poll(network))
    assert {world["member"], world["in_group"], world["organiser"]} <= everyone
    assert world["applicant"] not in everyone
    assert set(rules.audience_of_poll(of_group)) == {
        world["group_organiser"],
        world["in_group"],
        world["organiser"],
    }


def test_who_opens_and_runs_polls(world):
    group = world["group"]
    assert rules.can_create_poll(world["organiser"])
    assert rules.can_create_poll(world["organiser"], group.pk)
    assert rules.can_create_poll(world["group_organiser"], group.pk)
    assert not rules.can_create_poll(world["group_organiser"])
    assert not rules.can_create_poll(world["in_group"], group.pk)
    assert not rules.can_create_poll(world["member"])
    poll = PollFactory(group=group)
    moment = now()
    assert rules.can_close_poll(world["group_organiser"], poll, moment)
    assert not rules.can_close_poll(world["in_group"], poll, moment)
    assert not rules.can_close_poll(world["organiser"], poll, poll.closes_at)


def test_who_votes(world):
    poll = PollFactory(group=world["group"])
    moment = now()
    assert rules.can_vote(world["in_group"], poll, moment)
    assert not rules.can_vote(world["member"], poll, moment)
    assert not rules.can_vote(world["applicant"], poll, moment)
    assert not rules.can_vote(world["in_group"], poll, poll.closes_at)


def test_counts_are_for_voters_after_closing_and_for_those_who_run_it(world):
    poll = PollFactory(group=world["group"])
    moment, later = now(), poll.closes_at + timedelta(seconds=1)
    assert not rules.can_see_counts(world["in_group"], poll, voted=False, now=moment)
    assert rules.can_see_counts(world["in_group"], poll, voted=True, now=moment)
    assert rules.can_see_counts(world["in_group"], poll, voted=False, now=later)
    assert rules.can_see_counts(world["group_organiser"], poll, voted=False, now=moment)
    assert rules.can_see_counts(world["in_group"], poll, voted=False, now=moment, runs=True)
    assert not rules.can_see_counts(world["applicant"], poll, voted=True, now=later)


def test_who_makes_the_film_night(world):
    poll = PollFactory(group=world["group"])
    moment, later = now(), poll.closes_at + timedelta(seconds=1)
    host = world["group_organiser"]
    assert rules.can_make_event(host, poll, has_winner=True, now=later)
    assert not rules.can_make_event(host, poll, has_winner=False, now=later)
    assert not rules.can_make_event(host, poll, has_winner=True, now=moment)
    assert not rules.can_make_event(world["in_group"], poll, has_winner=True, now=later)
    poll.event_id = 1
    assert not rules.can_make_event(host, poll, has_winner=True, now=later)


def test_a_film_card_names_languages_and_tags():
    film = FilmFactory(
        original_language="fr",
        subtitle_languages=["es", "en"],
        representation=["trans_lead", "unknown"],
    )
    with translation.override("en"):
        card = rules.film_card(UserFactory(), film)
    assert card.original_language_name == "French"
    assert card.subtitle_language_names == ("Spanish", "English")
    assert card.representation == ("trans_lead", "unknown")
    assert not card.can_edit
    assert rules.film_card(None, FilmFactory(original_language="")).original_language_name == ""


def _vote(poll, option, user):
    return Vote.objects.create(poll=poll, option=option, user=user)


def test_a_poll_card_hides_counts_until_voting_and_never_names_voters(world):
    poll = PollFactory()
    first, second = PollOptionFactory(poll=poll), PollOptionFactory(poll=poll)
    voter, other = UserFactory(), UserFactory()
    _vote(poll, second, other)
    moment = now()
    [before] = rules.poll_cards(voter, [poll], now=moment)
    assert before.is_open
    assert before.can_vote
    assert not before.counts_shown
    assert [o.votes for o in before.options] == [None, None]
    assert before.total_votes is None
    assert before.winner is None
    assert before.my_vote is None
    assert not before.can_close
    assert not before.can_make_event
    _vote(poll, first, voter)
    [after] = rules.poll_cards(voter, [poll], now=moment)
    assert [o.votes for o in after.options] == [1, 1]
    assert after.my_vote == first.pk
    assert [o.mine for o in after.options] == [True, False]
    assert after.total_votes == 2
    assert "user" not in str(after)
    [organisers] = rules.poll_cards(world["organiser"], [poll], now=moment)
    assert organisers.counts_shown
    assert organisers.can_close
    assert organisers.my_vote is None


def test_a_closed_poll_shows_its_winner_earliest_on_a_tie(world):
    of_group = PollFactory(group=world["group"])
    network = PollFactory()
    empty = PollFactory()
    first, second = PollOptionFactory(poll=of_group), PollOptionFactory(poll=of_group)
    _vote(of_group, second, world["in_group"])
    _vote(of_group, first, world["group_organiser"])
    lone = PollOptionFactory(poll=network)
    _vote(network, lone, world["member"])
    PollOptionFactory(poll=empty)
    later = now() + timedelta(days=8)
    cards = rules.poll_cards(world["group_organiser"], [of_group, network, empty], now=later)
    assert [c.winner.id if c.winner else None for c in cards] == [first.pk, lone.pk, None]
    assert [c.can_make_event for c in cards] == [True, False, False]
    assert cards[0].group_name == world["group"].name
    assert cards[1].group_name == ""
    assert rules.winning_option(of_group) == first
    assert rules.winning_option(empty) is None
    [for_anyone] = rules.poll_cards(None, [network], now=later)
    assert not for_anyone.counts_shown
    assert not for_anyone.can_vote
