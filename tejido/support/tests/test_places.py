"""Asking for a place, deciding it, the agreement, leaving, keep-apart and blocks, on the real
database; the size limit holds under concurrency."""

import json

import pytest
from django.core import mail
from django.db import connection
from django.utils import translation

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.core.errors import DomainError, InvalidInput, NotFound
from tejido.core.testing import at_once
from tejido.notifications.models import Notice
from tejido.support.circle_services import edit_intake, keep_apart
from tejido.support.errors import (
    AgreementNeeded,
    AlreadyAsked,
    BadAnswers,
    CannotBePlaced,
    CircleArchived,
    CircleFull,
    PlaceAlreadyDecided,
)
from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory
from tejido.support.models import Place, PlaceIntake
from tejido.support.place_services import (
    accept_agreement,
    ask_for_place,
    decide_place,
    leave_circle,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle():
    return CircleFactory(size_limit=2)


@pytest.fixture
def facilitator(circle):
    return FacilitatorFactory(circle=circle).user


def _ask(member, circle, answer="Necesito hablar con gente como yo"):
    return ask_for_place(actor=member, circle=circle, answers=[answer], agreed=True)


def test_asking_seals_the_answers_and_tells_facilitators_nothing_about_it(circle, facilitator):
    member = UserFactory()
    place = _ask(member, circle, "MARKER-ANSWER")
    assert place.state == Place.State.ASKED
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM support_placeintake WHERE place_id = %s", [place.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("sealed:")
    assert "MARKER" not in stored
    assert json.loads(place.intake.answers)[0][1] == "MARKER-ANSWER"
    notice = Notice.objects.get(user=facilitator)
    assert notice.params == {}
    assert notice.url == ""


def test_asking_needs_every_answer_and_the_agreement(circle):
    member = UserFactory()
    with pytest.raises(BadAnswers):
        ask_for_place(actor=member, circle=circle, answers=[], agreed=True)
    with pytest.raises(BadAnswers):
        ask_for_place(actor=member, circle=circle, answers=["  "], agreed=True)
    with pytest.raises(AgreementNeeded):
        ask_for_place(actor=member, circle=circle, answers=["yes"], agreed=False)
    assert not Place.objects.exists()


def test_asking_twice_or_in_an_archived_or_hidden_circle_is_refused(circle):
    member = UserFactory()
    _ask(member, circle)
    with pytest.raises(AlreadyAsked):
        _ask(member, circle)
    archived = CircleFactory(archived_at="2026-01-01T00:00Z")
    with pytest.raises(NotFound):
        _ask(member, archived)
    organiser = OrganiserFactory()
    with pytest.raises(CircleArchived):
        _ask(organiser, archived)
    with pytest.raises(NotFound):
        _ask(member, CircleFactory(is_listed=False))


def test_a_facilitator_accepts_waitlists_and_declines_kindly(circle, facilitator):
    first, second, third = UserFactory.create_batch(3)
    places = [_ask(person, circle) for person in (first, second, third)]
    decide_place(actor=facilitator, place=places[0], decision="accept")
    decide_place(actor=facilitator, place=places[1], decision="waitlist")
    decide_place(actor=facilitator, place=places[2], decision="decline")
    states = dict(Place.objects.values_list("user", "state"))
    assert states == {first.pk: "member", second.pk: "waitlisted", third.pk: "declined"}
    assert Notice.objects.filter(user=third).get().params == {}
    with pytest.raises(PlaceAlreadyDecided):
        decide_place(actor=facilitator, place=places[2], decision="accept")
    with pytest.raises(InvalidInput):
        decide_place(actor=facilitator, place=places[1], decision="maybe")


def test_only_a_facilitator_decides(circle, facilitator):
    place = _ask(UserFactory(), circle)
    for someone in (UserFactory(), OrganiserFactory()):
        with pytest.raises(NotFound):
            decide_place(actor=someone, place=place, decision="accept")


def test_a_full_circle_refuses_one_more(circle, facilitator):
    places = [_ask(person, circle) for person in UserFactory.create_batch(3)]
    decide_place(actor=facilitator, place=places[0], decision="accept")
    decide_place(actor=facilitator, place=places[1], decision="accept")
    with pytest.raises(CircleFull):
        decide_place(actor=facilitator, place=places[2], decision="accept")


@pytest.mark.django_db(transaction=True)
def test_acceptances_at_once_never_pass_the_size_limit():
    circle = CircleFactory(size_limit=3)
    facilitator = FacilitatorFactory(circle=circle).user
    places = [_ask(person, circle) for person in UserFactory.create_batch(12)]
    outcomes = at_once(
        *[lambda p=p: decide_place(actor=facilitator, place=p, decision="accept") for p in places],
        refused=DomainError,
    )
    assert outcomes.count("done") == 3
    assert Place.objects.filter(circle=circle, state="member").count() == 3


def test_keep_apart_warns_and_refuses_without_saying_why(circle, facilitator):
    organiser = OrganiserFactory()
    inside, outside = UserFactory(), UserFactory()
    PlaceFactory(circle=circle, user=inside)
    keep_apart(actor=organiser, first_id=outside.pk, second_id=inside.pk)
    place = _ask(outside, circle)
    with pytest.raises(CannotBePlaced) as refused:
        decide_place(actor=facilitator, place=place, decision="accept")
    with translation.override("en"):
        assert str(refused.value.message) == "This person cannot be placed in this circle."
    decide_place(actor=facilitator, place=place, decision="waitlist")


def test_keep_apart_is_for_organisers_and_two_different_members():
    organiser, first, second = OrganiserFactory(), UserFactory(), UserFactory()
    with pytest.raises(NotFound):
        keep_apart(actor=first, first_id=first.pk, second_id=second.pk)
    with pytest.raises(InvalidInput):
        keep_apart(actor=organiser, first_id=first.pk, second_id=first.pk)
    with pytest.raises(InvalidInput):
        keep_apart(actor=organiser, first_id=first.pk, second_id=10**9)
    pair = keep_apart(actor=organiser, first_id=second.pk, second_id=first.pk)
    assert pair.first_id < pair.second_id
    assert keep_apart(actor=organiser, first_id=first.pk, second_id=second.pk) == pair


def test_a_block_with_someone_in_the_circle_refuses_placing_too(circle, facilitator):
    inside, outside = UserFactory(), UserFactory()
    PlaceFactory(circle=circle, user=inside)
    BlockFactory(blocker=inside, blocked=outside)
    place = _ask(outside, circle)
    with pytest.raises(CannotBePlaced):
        decide_place(actor=facilitator, place=place, decision="accept")


def test_a_facilitator_in_a_block_with_whoever_asked_cannot_decide(circle, facilitator):
    member = UserFactory()
    place = _ask(member, circle)
    BlockFactory(blocker=member, blocked=facilitator)
    with pytest.raises(NotFound):
        decide_place(actor=facilitator, place=place, decision="decline")


def test_a_changed_agreement_is_accepted_again(circle, facilitator):
    member = UserFactory()
    place = _ask(member, circle)
    decide_place(actor=facilitator, place=place, decision="accept")
    intake = edit_intake(
        actor=facilitator,
        circle=circle,
        questions_es=["¿Por qué?"],
        questions_en=[],
        agreement_es="Nuevo acuerdo",
        agreement_en="New agreement",
    )
    assert intake.agreement_version == 2
    assert PlaceIntake.objects.get(place=place).agreed_version == 1
    accept_agreement(actor=member, circle=circle)
    assert PlaceIntake.objects.get(place=place).agreed_version == 2
    with pytest.raises(NotFound):
        accept_agreement(actor=UserFactory(), circle=circle)


def test_leaving_is_quiet_and_takes_the_answers(circle, facilitator):
    member = UserFactory()
    place = _ask(member, circle, "GONE-WITH-ME")
    decide_place(actor=facilitator, place=place, decision="accept")
    before = Notice.objects.filter(user=facilitator).count()
    leave_circle(actor=member, circle=circle)
    assert not Place.objects.filter(pk=place.pk).exists()
    assert not PlaceIntake.objects.exists()
    assert Notice.objects.filter(user=facilitator).count() == before
    with pytest.raises(NotFound):
        leave_circle(actor=member, circle=circle)


def test_the_emails_say_nothing_of_the_circle_even_without_discreet_mode(
    django_capture_on_commit_callbacks,
):
    circle = CircleFactory(name_es="CIRCULO-SECRETO", name_en="SECRET-CIRCLE")
    facilitator = FacilitatorFactory(circle=circle, user__discreet_mode=False).user
    member = UserFactory(discreet_mode=False, profile__chosen_name="NOMBRE-SECRETO")
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        place = _ask(member, circle)
    with django_capture_on_commit_callbacks(execute=True):
        decide_place(actor=facilitator, place=place, decision="decline")
    assert {tuple(m.to) for m in mail.outbox} == {(facilitator.email,), (member.email,)}
    for sent in mail.outbox:
        for secret in ("SECRETO", "SECRET-CIRCLE", "circle", "círculo"):
            assert secret not in sent.subject
            assert secret not in sent.body
