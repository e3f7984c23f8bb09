"""Applications: an applicant answers, organisers approve, decline or ask, the applicant
replies. Wrong actors are refused, bad input changes nothing, the applicant is notified, and
the audit log never holds an answer or a message."""

import pytest

from tejido.accounts.factories import ApplicantFactory, BlockFactory, OrganiserFactory
from tejido.accounts.models import User
from tejido.audit.models import AuditEntry
from tejido.core.errors import InvalidInput, NotAllowed, NotFound
from tejido.membership.errors import AlreadyApplied, ApplicationDecided, ApplicationsClosed
from tejido.membership.factories import (
    ApplicationAnswerFactory,
    ApplicationFactory,
    ApplicationQuestionFactory,
)
from tejido.membership.models import Application, ApplicationMessage
from tejido.membership.selectors import get_my_application
from tejido.membership.services import (
    approve_application,
    ask_applicant,
    decline_application,
    reply_to_application,
    submit_application,
)
from tejido.network.models import NetworkSettings
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db

SECRET_ANSWER = "MARKER-answer-7f3a my family must not know"
SECRET_MESSAGE = "MARKER-message-91c2 sorry, not this time"


def _audit_text() -> str:
    return " ".join(f"{e.action} {e.target_name} {e.detail}" for e in AuditEntry.objects.all())


def _notice_text() -> str:
    return " ".join(f"{n.kind} {n.params} {n.url}" for n in Notice.objects.all())


# Submitting ---------------------------------------------------------------------------------


def test_an_applicant_submits_answers_to_the_active_questions(applicant, organiser):
    required = ApplicationQuestionFactory(required=True)
    optional = ApplicationQuestionFactory(required=False)
    ApplicationQuestionFactory(active=False)

    application = submit_application(
        actor=applicant, answers={required.pk: "  Hello  ", optional.pk: ""}
    )

    assert application.status == Application.Status.PENDING
    answers = {a.question_id: a.text for a in application.answers.all()}
    assert answers == {required.pk: "Hello"}
    # Organisers hear that someone applied, without the answers.
    assert Notice.objects.filter(user=organiser, kind="application_received").count() == 1


def test_a_missing_required_answer_is_invalid_and_nothing_is_saved(applicant):
    required = ApplicationQuestionFactory(required=True)
    other = ApplicationQuestionFactory(required=True)

    with pytest.raises(InvalidInput) as caught:
        submit_application(actor=applicant, answers={required.pk: "yes", other.pk: "   "})

    assert set(caught.value.detail) == {str(other.pk)}
    assert not Application.objects.exists()


def test_answers_to_questions_not_asked_and_overlong_answers_are_invalid(applicant):
    question = ApplicationQuestionFactory()
    retired = ApplicationQuestionFactory(active=False)

    with pytest.raises(InvalidInput) as caught:
        submit_application(actor=applicant, answers={question.pk: "x" * 3001, retired.pk: "hi"})

    assert set(caught.value.detail) == {str(question.pk), str(retired.pk)}
    assert not Application.objects.exists()


def test_only_an_applicant_may_apply_and_only_once(applicant, member):
    question = ApplicationQuestionFactory()
    with pytest.raises(NotAllowed):
        submit_application(actor=member, answers={question.pk: "hi"})

    submit_application(actor=applicant, answers={question.pk: "hi"})
    with pytest.raises(AlreadyApplied):
        submit_application(actor=applicant, answers={question.pk: "again"})
    assert Application.objects.count() == 1


def test_no_application_while_applications_are_closed(applicant):
    network = NetworkSettings.current()
    network.applications_open = False
    network.save()

    with pytest.raises(ApplicationsClosed):
        submit_application(actor=applicant, answers={})
    assert not Application.objects.exists()


def test_an_anonymous_visitor_cannot_apply():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAllowed):
        submit_application(actor=AnonymousUser(), answers={})


# Approving ----------------------------------------------------------------------------------


def test_approving_makes_the_applicant_a_member_and_tells_them(organiser):
    answer = ApplicationAnswerFactory(text=SECRET_ANSWER)
    application = answer.application

    approve_application(actor=organiser, application=application)

    application.refresh_from_db()
    application.user.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert application.decided_by == organiser
    assert application.decided_at is not None
    assert application.user.state == User.State.MEMBER
    notice = Notice.objects.get(user=application.user)
    assert notice.kind == "application_approved"
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_user) == (
        organiser,
        "application.approve",
        application.user,
    )
    assert "MARKER" not in _audit_text() + _notice_text()


def test_only_organisers_review_applications(member):
    application = ApplicationFactory()
    with pytest.raises(NotAllowed):
        approve_application(actor=member, application=application)
    with pytest.raises(NotAllowed):
        decline_application(actor=application.user, application=application, message="no")
    with pytest.raises(NotAllowed):
        ask_applicant(actor=member, application=application, question="why?")
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING
    assert not AuditEntry.objects.exists()


def test_an_organiser_in_a_block_with_the_applicant_cannot_see_their_application(organiser):
    application = ApplicationFactory()
    BlockFactory(blocker=organiser, blocked=application.user)

    with pytest.raises(NotFound):
        approve_application(actor=organiser, application=application)
    application.user.refresh_from_db()
    assert application.user.state == User.State.APPLICANT


def test_a_decided_application_cannot_be_decided_again(organiser):
    application = ApplicationFactory()
    approve_application(actor=organiser, application=application)

    with pytest.raises(ApplicationDecided):
        decline_application(actor=organiser, application=application, message="")
    with pytest.raises(ApplicationDecided):
        ask_applicant(actor=organiser, application=application, question="?")
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert AuditEntry.objects.count() == 1


# Declining ----------------------------------------------------------------------------------


def test_declining_with_a_message_keeps_the_message_out_of_log_and_notice(organiser):
    application = ApplicationFactory()

    decline_application(actor=organiser, application=application, message=SECRET_MESSAGE)

    application.refresh_from_db()
    application.user.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert application.user.state == User.State.APPLICANT
    message = application.messages.get()
    assert message.from_organisers
    assert message.text == SECRET_MESSAGE
    entry = AuditEntry.objects.get()
    assert entry.action == "application.decline"
    assert entry.detail == {"message_sent": True}
    assert Notice.objects.get(user=application.user).kind == "application_declined"
    assert "MARKER" not in _audit_text() + _notice_text()


def test_declining_without_a_message(organiser):
    application = ApplicationFactory()
    decline_application(actor=organiser, application=application, message="  ")
    assert not application.messages.exists()
    assert AuditEntry.objects.get().detail == {"message_sent": False}


def test_an_overlong_decline_message_changes_nothing(organiser):
    application = ApplicationFactory()
    with pytest.raises(InvalidInput) as caught:
        decline_application(actor=organiser, application=application, message="x" * 3001)
    assert "message" in caught.value.detail
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING
    assert not AuditEntry.objects.exists()
    assert not Notice.objects.exists()


# Asking and replying ------------------------------------------------------------------------


def test_ask_then_reply_goes_back_to_pending(organiser):
    application = ApplicationFactory()

    ask_applicant(actor=organiser, application=application, question="Which area are you in?")
    application.refresh_from_db()
    assert application.status == Application.Status.QUESTION
    assert Notice.objects.get(user=application.user).kind == "application_question"
    assert AuditEntry.objects.get().action == "application.ask"

    reply_to_application(actor=application.user, text="The north.")
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING
    assert [m.from_organisers for m in application.messages.order_by("id")] == [True, False]
    # The organisers hear of the reply, without its text.
    assert Notice.objects.filter(user=organiser, kind="application_reply").count() == 1
    assert "north" not in _notice_text()


def test_an_empty_question_or_reply_is_invalid(organiser):
    application = ApplicationFactory()
    with pytest.raises(InvalidInput):
        ask_applicant(actor=organiser, application=application, question="   ")
    with pytest.raises(InvalidInput):
        reply_to_application(actor=application.user, text="")
    assert not ApplicationMessage.objects.exists()
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING


def test_replying_needs_an_open_application_of_ones_own(organiser):
    with pytest.raises(NotFound):
        reply_to_application(actor=ApplicantFactory(), text="hello?")

    application = ApplicationFactory()
    decline_application(actor=organiser, application=application, message="")
    with pytest.raises(ApplicationDecided):
        reply_to_application(actor=application.user, text="please")
    assert not ApplicationMessage.objects.exists()


def test_the_applicant_sees_the_organisers_messages_but_not_who_wrote_them():
    organiser = OrganiserFactory(profile__chosen_name="Organiser Orla")
    application = ApplicationFactory()
    ask_applicant(actor=organiser, application=application, question="Why?")

    row = get_my_application(viewer=application.user)

    assert row is not None
    assert row.messages[0].text == "Why?"
    assert row.messages[0].author_name == ""
    assert row.decided_by_name == ""
