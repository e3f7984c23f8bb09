"""The support circles' policy, directly: who knows a circle, who asks, decides, sees the
roster and the answers, who is told; blocks and keep-apart pairs hold; the audience
"facilitators of my circles" reaches only them."""

import json
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from tejido.access.base import Audience, Viewer, audience_of, reaches
from tejido.access.circle_cards import (
    answers_of,
    circle_cards,
    intake_cards,
    roster_cards,
    with_card_columns_of_circles,
)
from tejido.access.circles import (
    can_ask_for_place,
    can_decide_place,
    can_edit_intake,
    can_leave_circle,
    can_manage_circles,
    can_see_circle,
    can_see_intake_answers,
    can_see_roster,
    cannot_be_placed,
    facilitates,
    intake_queue,
    kept_apart,
    needs_agreement,
    place_of,
    unnamed_requests,
    visible_circles,
    waiting_count,
)
from tejido.access.members import member_card, viewer_for
from tejido.accounts.factories import (
    ApplicantFactory,
    BlockFactory,
    OrganiserFactory,
    UserFactory,
)
from tejido.accounts.models import ProfessionalVerification, User
from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory
from tejido.support.models import Circle, KeepApart, Place, PlaceIntake

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle():
    return CircleFactory(show_names_to_members=True)


@pytest.fixture
def facilitator(circle):
    return FacilitatorFactory(circle=circle).user


def _cards(viewer, circles):
    ids = [c.pk for c in circles]
    return circle_cards(
        viewer, with_card_columns_of_circles(Circle.objects.filter(pk__in=ids).order_by("pk"))
    )


def test_who_knows_which_circle():
    listed, hidden = CircleFactory(), CircleFactory(is_listed=False)
    archived = CircleFactory(archived_at=datetime(2026, 1, 1, tzinfo=UTC))
    member, facilitator, asked = UserFactory(), UserFactory(), UserFactory()
    PlaceFactory(circle=hidden, user=member)
    FacilitatorFactory(circle=hidden, user=facilitator)
    PlaceFactory(circle=hidden, user=asked, state=Place.State.ASKED)
    declined = PlaceFactory(circle=hidden, state=Place.State.DECLINED).user
    everything = {listed, hidden, archived}
    assert set(visible_circles(OrganiserFactory())) == everything
    assert set(visible_circles(UserFactory())) == {listed}
    for knowing in (member, facilitator, asked):
        assert set(visible_circles(knowing)) == {listed, hidden}
    assert set(visible_circles(declined)) == {listed}
    for nobody in (None, AnonymousUser(), ApplicantFactory()):
        assert not visible_circles(nobody).exists()
    assert can_see_circle(member, hidden)
    assert not can_see_circle(UserFactory(), hidden)


def test_asking_for_a_place(circle, facilitator):
    stranger = UserFactory()
    assert can_ask_for_place(stranger, circle)
    assert not can_ask_for_place(facilitator, circle)
    assert not can_ask_for_place(PlaceFactory(circle=circle).user, circle)
    assert not can_ask_for_place(None, circle)
    assert not can_ask_for_place(stranger, CircleFactory(is_listed=False))
    archived = CircleFactory(archived_at=datetime(2026, 1, 1, tzinfo=UTC))
    assert not can_ask_for_place(OrganiserFactory(), archived)


def test_deciding_a_place(circle, facilitator):
    asked = PlaceFactory(circle=circle, state=Place.State.ASKED)
    assert can_decide_place(facilitator, asked)
    assert not can_decide_place(UserFactory(), asked)
    assert not can_decide_place(OrganiserFactory(), asked)
    assert not can_decide_place(None, asked)
    assert not can_decide_place(facilitator, PlaceFactory(circle=circle))
    BlockFactory(blocker=asked.user, blocked=facilitator)
    assert not can_decide_place(facilitator, asked)


def test_cannot_be_placed_by_keep_apart_or_a_block(circle, facilitator):
    inside = PlaceFactory(circle=circle).user
    asked = PlaceFactory(circle=circle, state=Place.State.ASKED)
    assert not cannot_be_placed(asked)
    low, high = sorted((inside.pk, asked.user_id))
    KeepApart.objects.create(first_id=low, second_id=high)
    assert cannot_be_placed(asked)
    other = PlaceFactory(circle=circle, state=Place.State.ASKED)
    BlockFactory(blocker=facilitator, blocked=other.user)
    assert cannot_be_placed(other)


def _keep_apart(first, second):
    low, high = sorted((first.pk, second.pk))
    return KeepApart.objects.create(first_id=low, second_id=high)


def test_a_facilitator_and_someone_kept_apart_from_them_never_appear_to_each_other(
    circle, facilitator
):
    other_facilitator = FacilitatorFactory(circle=circle).user
    asked = PlaceFactory(circle=circle, state=Place.State.ASKED)
    intake = PlaceIntake.objects.get(place=asked)
    intake.answers = json.dumps([["¿Por qué?", "KEPT-APART-ANSWER"]])
    intake.save()
    named = PlaceFactory(circle=circle, state=Place.State.WAITLISTED)
    assert not kept_apart(facilitator.pk, asked.user_id)
    _keep_apart(facilitator, asked.user)
    assert kept_apart(facilitator.pk, asked.user_id)
    assert kept_apart(asked.user_id, facilitator.pk)
    assert not kept_apart(other_facilitator.pk, asked.user_id)

    # The facilitator kept apart: not in the named queue, no answers, only an unnamed request
    # that says it cannot be placed, and nothing of who asked, what or when.
    assert list(intake_queue(facilitator, circle)) == [named]
    assert list(unnamed_requests(facilitator, circle)) == [asked]
    assert waiting_count(facilitator, circle) == 2
    assert not can_see_intake_answers(facilitator, asked)
    cards = intake_cards(facilitator, circle)
    assert [card.place_id for card in cards] == [named.pk, asked.pk]
    assert not cards[0].unnamed
    unnamed = cards[1]
    assert unnamed.unnamed
    assert unnamed.cannot_be_placed
    assert (unnamed.member_id, unnamed.chosen_name, unnamed.asked_at, unnamed.answers) == (
        None,
        "",
        None,
        (),
    )
    assert asked.user.profile.chosen_name not in repr(cards)
    assert "KEPT-APART-ANSWER" not in repr(cards)
    # They may still answer it (kindly declining), never accept it.
    assert can_decide_place(facilitator, asked)

    # The other facilitator sees who asked, what they answered, and the warning.
    theirs = {card.place_id: card for card in intake_cards(other_facilitator, circle)}
    assert theirs[asked.pk].chosen_name == asked.user.profile.chosen_name
    assert theirs[asked.pk].answers == (("¿Por qué?", "KEPT-APART-ANSWER"),)
    assert theirs[asked.pk].cannot_be_placed
    assert not theirs[asked.pk].unnamed
    assert not theirs[named.pk].cannot_be_placed
    assert can_see_intake_answers(other_facilitator, asked)
    assert not unnamed_requests(other_facilitator, circle).exists()
    assert not unnamed_requests(UserFactory(), circle).exists()
    assert waiting_count(UserFactory(), circle) == 0

    # Whoever asked does not see the facilitator kept apart from them among the circle's.
    card = _cards(asked.user, [circle])[0]
    assert [person.id for person in card.facilitators] == [other_facilitator.pk]
    assert {person.id for person in _cards(named.user, [circle])[0].facilitators} == {
        facilitator.pk,
        other_facilitator.pk,
    }


def test_a_block_hides_a_request_altogether_even_unnamed(circle, facilitator):
    asked = PlaceFactory(circle=circle, state=Place.State.ASKED)
    BlockFactory(blocker=asked.user, blocked=facilitator)
    _keep_apart(facilitator, asked.user)
    assert intake_cards(facilitator, circle) == []
    assert waiting_count(facilitator, circle) == 0


def test_the_agreement_and_the_roster(circle, facilitator):
    member = PlaceFactory(circle=circle)
    asked = PlaceFactory(circle=circle, state=Place.State.ASKED)
    version = circle.intake.agreement_version
    assert not needs_agreement(None, version)
    assert not needs_agreement(asked, version)
    assert not needs_agreement(member, version)
    assert needs_agreement(member, version + 1)
    bare = Place.objects.create(circle=circle, user=UserFactory(), state=Place.State.MEMBER)
    assert needs_agreement(bare, 1)
    assert can_see_roster(facilitator, circle, version)
    assert can_see_roster(member.user, circle, version)
    assert not can_see_roster(member.user, circle, version + 1)
    assert not can_see_roster(asked.user, circle, version)
    assert not can_see_roster(UserFactory(), circle, version)
    assert not can_see_roster(OrganiserFactory(), circle, version)
    closed = CircleFactory()
    assert not can_see_roster(PlaceFactory(circle=closed).user, closed, 1)


def test_rosters_hide_blocks_and_keep_apart_pairs(circle, facilitator):
    viewer = PlaceFactory(circle=circle).user
    blocked = PlaceFactory(circle=circle).user
    apart = PlaceFactory(circle=circle).user
    friend = PlaceFactory(circle=circle).user
    BlockFactory(blocker=blocked, blocked=viewer)
    low, high = sorted((viewer.pk, apart.pk))
    KeepApart.objects.create(first_id=low, second_id=high)
    seen = {entry.id for entry in roster_cards(viewer, circle, 1)}
    assert seen == {viewer.pk, friend.pk}
    assert all(entry.since is None for entry in roster_cards(viewer, circle, 1))
    by_facilitator = roster_cards(facilitator, circle, 1)
    assert {entry.id for entry in by_facilitator} == {viewer.pk, blocked.pk, apart.pk, friend.pk}
    assert roster_cards(UserFactory(), circle, 1) == []


def test_intake_queue_and_answers(circle, facilitator):
    asked = PlaceFactory(circle=circle, state=Place.State.ASKED)
    PlaceIntake.objects.filter(place=asked).update(answers="")
    intake = PlaceIntake.objects.get(place=asked)
    intake.answers = json.dumps([["¿Por qué?", "SECRET"]])
    intake.save()
    hidden = PlaceFactory(circle=circle, state=Place.State.WAITLISTED)
    BlockFactory(blocker=hidden.user, blocked=facilitator)
    assert list(intake_queue(facilitator, circle)) == [asked]
    assert not intake_queue(UserFactory(), circle).exists()
    cards = intake_cards(facilitator, circle)
    assert [card.answers for card in cards] == [(("¿Por qué?", "SECRET"),)]
    assert intake_cards(None, circle) == []
    assert intake_cards(UserFactory(), circle) == []
    asked.refresh_from_db()
    assert answers_of(asked) == (("¿Por qué?", "SECRET"),)
    assert answers_of(PlaceFactory(circle=circle)) == ()
    assert can_see_intake_answers(asked.user, asked)
    assert can_see_intake_answers(facilitator, asked)
    assert not can_see_intake_answers(facilitator, hidden)
    assert not can_see_intake_answers(OrganiserFactory(), asked)
    assert not can_see_intake_answers(None, asked)


def test_the_rest_of_the_rules(circle, facilitator):
    member = PlaceFactory(circle=circle)
    assert facilitates(facilitator, circle)
    assert not facilitates(None, circle)
    assert place_of(member.user, circle) == member
    assert place_of(None, circle) is None
    assert can_leave_circle(member.user, member)
    assert not can_leave_circle(facilitator, member)
    assert can_manage_circles(OrganiserFactory())
    assert not can_manage_circles(facilitator)
    assert can_edit_intake(facilitator, circle)
    assert not can_edit_intake(member.user, circle)


def test_who_is_told(circle, facilitator):
    member = PlaceFactory(circle=circle).user
    blocked_facilitator = FacilitatorFactory(circle=circle).user
    BlockFactory(blocker=member, blocked=blocked_facilitator)
    place = Place.objects.get(user=member)
    assert set(audience_of(circle)) == {facilitator, blocked_facilitator}
    assert set(audience_of(place)) == {member, facilitator}
    User.objects.filter(pk=facilitator.pk).update(state=User.State.SUSPENDED)
    assert set(audience_of(circle)) == {blocked_facilitator}


def test_circle_cards_are_shaped_for_the_viewer(circle, facilitator):
    organiser = OrganiserFactory()
    psychologist = UserFactory()
    ProfessionalVerification.objects.create(
        user=psychologist,
        profession="Psicóloga",
        method="Colegio",
        verified_by=organiser,
        verified_at=datetime(2026, 3, 4, tzinfo=UTC),
    )
    unverified_by = UserFactory()
    ProfessionalVerification.objects.create(
        user=unverified_by, profession="Terapeuta", method="x", verified_at=datetime.now(UTC)
    )
    therapy = CircleFactory(kind=Circle.Kind.THERAPY, size_limit=3)
    FacilitatorFactory(circle=therapy, user=psychologist)
    FacilitatorFactory(circle=therapy, user=unverified_by)
    FacilitatorFactory(circle=circle, user=psychologist)  # a professional running peer support
    member = PlaceFactory(circle=therapy).user
    declined = PlaceFactory(circle=therapy, state=Place.State.DECLINED).user
    empty = CircleFactory(intake=None)
    with translation.override("en"):
        peer, therapy_card, bare = _cards(member, [circle, therapy, empty])
        declined_card = _cards(declined, [therapy])[0]
    assert peer.professionals == ()
    assert [p.verified_by for p in therapy_card.professionals] == [
        organiser.profile.chosen_name,
        "the organisers",
    ]
    assert therapy_card.professionals[0].verified_at == datetime(2026, 3, 4, tzinfo=UTC)
    assert therapy_card.professionals[0].profession == "Psicóloga"
    assert therapy_card.my_state == "member"
    assert therapy_card.can_leave
    assert not therapy_card.can_ask
    assert therapy_card.places_left == 2
    assert therapy_card.questions == ()
    assert peer.can_ask
    assert peer.questions
    assert bare.agreement == ""
    assert bare.questions == ()
    assert bare.facilitators == ()
    assert "cannot offer you a place" in declined_card.my_state_message
    assert _cards(facilitator, [circle])[0].is_facilitator
    assert _cards(organiser, [circle])[0].can_manage
    assert _cards(member, [empty])[0].facilitators == ()
    assert _cards(member, [CircleFactory(kind=Circle.Kind.PEER)])[0].professionals == ()
    lone = FacilitatorFactory().circle
    assert _cards(member, [lone])[0].professionals == ()
    assert circle_cards(None, Circle.objects.all()) == []
    assert circle_cards(member, []) == []


def test_facilitators_of_my_circles_reach_only_them(circle, facilitator):
    member = PlaceFactory(circle=circle).user
    asked = PlaceFactory(circle=circle, state=Place.State.ASKED).user
    waitlisted = PlaceFactory(circle=circle, state=Place.State.WAITLISTED).user
    facilitator.refresh_from_db()
    viewer = viewer_for(facilitator, [member.pk, asked.pk, waitlisted.pk])
    assert viewer.facilitated == frozenset({member.pk, asked.pk})
    assert reaches(Audience.FACILITATORS, viewer, member.pk)
    assert not reaches(Audience.FACILITATORS, viewer, waitlisted.pk)
    assert not reaches(Audience.FACILITATORS, Viewer(user=OrganiserFactory()), member.pk)
    other = viewer_for(UserFactory(), [member.pk])
    assert other.facilitated == frozenset()
    member.profile.bio, member.profile.bio_audience = "FOR-FACILITATORS", Audience.FACILITATORS
    member.profile.save()
    assert member_card(viewer, member).fields.get("bio") == "FOR-FACILITATORS"
    assert "bio" not in member_card(viewer_for(OrganiserFactory(), [member.pk]), member).fields
    preview = member_card(Viewer(user=member), member, as_audience=Audience.ORGANISERS)
    assert "bio" not in preview.fields
