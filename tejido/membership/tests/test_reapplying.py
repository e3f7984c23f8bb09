"""A declined applicant applies again once the waiting period organisers set has passed; the
earlier application stays, and at most one application per person is ever open."""

from datetime import timedelta

import pytest
import time_machine
from django.db import (
    IntegrityError,
    transaction,
)
from django.utils import translation

from tejido.accounts.factories import ApplicantFactory
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.core.testing import at_once
from tejido.membership.errors import AlreadyApplied, TooSoonToApplyAgain
from tejido.membership.factories import ApplicationFactory, ApplicationQuestionFactory
from tejido.membership.models import Application, ApplicationQuestion
from tejido.membership.selectors import get_application_row, get_my_application
from tejido.membership.services import (
    approve_application,
    decline_application,
    reply_to_application,
    submit_application,
)
from tejido.network.models import NetworkSettings

DECIDED = "2030-03-01 10:00 +0000"


def _declined(applicant: User, organiser: User) -> Application:
    """An application from `applicant`, declined at DECIDED."""
    with time_machine.travel(DECIDED, tick=False):
        application = submit_application(actor=applicant, answers=_answers("First try"))
        return decline_application(actor=organiser, application=application)


def _answers(text: str) -> dict[int, str]:
    question = ApplicationQuestion.objects.filter(active=True).first()
    question = question or ApplicationQuestionFactory(text_en="Why?")
    return {question.pk: text}


@pytest.mark.django_db
def test_a_declined_applicant_applies_again_after_the_waiting_period(applicant, organiser):
    first = _declined(applicant, organiser)

    with time_machine.travel("2030-03-31 10:00 +0000", tick=False):
        again = submit_application(actor=applicant, answers=_answers("Second try"))

    assert again.pk != first.pk
    assert again.status == Application.Status.PENDING
    first.refresh_from_db()
    assert first.status == Application.Status.DECLINED
    assert applicant.applications.count() == 2
    assert get_my_application(viewer=applicant).id == again.pk
    # The organiser sees the earlier one beside the new one, with its answers.
    row = get_application_row(viewer=organiser, application_id=again.pk)
    assert [(e.id, e.status) for e in row.earlier] == [(first.pk, "declined")]
    assert [a.text for a in row.earlier[0].answers] == ["First try"]
    # And a decision on the new one is possible.
    approve_application(actor=organiser, application=again)
    assert User.objects.get(pk=applicant.pk).state == User.State.MEMBER


@pytest.mark.django_db
def test_too_soon_says_from_which_day_in_the_members_time_zone(applicant, organiser):
    User.objects.filter(pk=applicant.pk).update(time_zone="Pacific/Kiritimati")  # UTC+14
    applicant.refresh_from_db()
    _declined(applicant, organiser)

    with (
        time_machine.travel("2030-03-31 09:59 +0000", tick=False),
        translation.override("en"),
        pytest.raises(TooSoonToApplyAgain) as caught,
    ):
        submit_application(actor=applicant, answers=_answers("Too soon"))

    # 10:00 UTC on 31 March is already 1 April in Kiritimati.
    assert str(caught.value.message) == "You may apply again from April 1, 2030."
    assert caught.value.detail == {"may_apply_from": "2030-03-31T10:00:00+00:00"}
    assert applicant.applications.count() == 1


@pytest.mark.django_db
def test_the_waiting_period_is_the_one_organisers_set(applicant, organiser):
    network = NetworkSettings.current()
    network.reapply_after_days = 2
    network.save()
    _declined(applicant, organiser)

    with (
        time_machine.travel("2030-03-03 09:00 +0000", tick=False),
        pytest.raises(TooSoonToApplyAgain),
    ):
        submit_application(actor=applicant, answers=_answers("Too soon"))
    with time_machine.travel("2030-03-03 10:00 +0000", tick=False):
        submit_application(actor=applicant, answers=_answers("Now"))


@pytest.mark.django_db
def test_an_open_application_is_never_doubled(applicant):
    submit_application(actor=applicant, answers=_answers("Hi"))

    with time_machine.travel(timedelta(days=400)), pytest.raises(AlreadyApplied):
        submit_application(actor=applicant, answers=_answers("Again"))


@pytest.mark.django_db
def test_replies_go_to_the_latest_application(applicant, organiser):
    first = _declined(applicant, organiser)
    with time_machine.travel("2030-04-01 10:00 +0000", tick=False):
        again = submit_application(actor=applicant, answers=_answers("Second"))

        message = reply_to_application(actor=applicant, text="One more thing")

    assert message.application_id == again.pk
    assert not first.messages.filter(from_organisers=False).exists()


@pytest.mark.django_db
def test_reply_without_an_application_is_not_found(applicant):
    with pytest.raises(NotFound):
        reply_to_application(actor=applicant, text="Hello?")


@pytest.mark.django_db
def test_the_database_allows_one_open_application_per_person():
    application = ApplicationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(user=application.user, status=Application.Status.QUESTION)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.DECLINED)
    Application.objects.create(user=application.user)
    assert application.user.applications.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_make_one_application():
    """The same declined applicant sends the form twice at the same moment, in two threads and
    database connections, past the waiting period: one new application, one AlreadyApplied."""
    applicant = ApplicantFactory()
    question = ApplicationQuestionFactory()
    Application.objects.create(
        user=applicant, status=Application.Status.DECLINED, decided_at=now() - timedelta(days=31)
    )

    def submit() -> None:
        submit_application(actor=applicant, answers={question.pk: "Hello again"})

    outcomes = at_once(submit, submit, refused=AlreadyApplied)
    assert outcomes == ["done", "refused"]
    assert applicant.applications.filter(status=Application.Status.PENDING).count() == 1
