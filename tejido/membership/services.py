"""Every write about how people become and stay members: applications and their review,
invitation links, the code of conduct, and the network's settings, areas and questions.

Organiser actions write one audit entry each, inside their transaction; none of them puts an
applicant's answers or an organiser's message into it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext

from tejido.access.base import AnyUser, is_vetted
from tejido.access.groups import visible_groups
from tejido.access.members import forget_member_counts, managed_people, network_organisers
from tejido.access.network import can_manage_network
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotAllowed, NotFound
from tejido.core.text import TextRule, clean_texts
from tejido.groups.models import Group, GroupMembership
from tejido.membership.checks import require_organiser
from tejido.membership.emails import render_invitation_email
from tejido.membership.errors import (
    AlreadyApplied,
    ApplicationDecided,
    ApplicationsClosed,
    InvitationInvalid,
    TooSoonToApplyAgain,
)
from tejido.membership.models import (
    Application,
    ApplicationAnswer,
    ApplicationMessage,
    ApplicationQuestion,
    CodeOfConduct,
    ConductAcceptance,
    Invitation,
    InvitationUse,
)
from tejido.membership.reapplying import may_apply_again_from
from tejido.membership.selectors import current_conduct
from tejido.membership.tokens import new_token, token_digest, usable_invitations
from tejido.network.models import NetworkSettings
from tejido.notifications.services import notify, queue_email

ANSWER_MAX = 3000
MESSAGE_MAX = 3000
CONDUCT_MAX = 50_000
ANSWER = TextRule(ANSWER_MAX, multiline=True)
MESSAGE = TextRule(MESSAGE_MAX, multiline=True)
CONDUCT = TextRule(CONDUCT_MAX, required=True, multiline=True)
INVITATION_NOTE = TextRule.of_column(Invitation, "note")
INVITATION_MAX_USES = 500
INVITATION_MAX_DAYS = 365
OPEN_STATUSES = (Application.Status.PENDING, Application.Status.QUESTION)


def _vetted_organisers() -> list[User]:
    return list(network_organisers())


# Applications -------------------------------------------------------------------------------


def _latest_application(user: User | int) -> Application | None:
    return Application.objects.filter(user=user).order_by("-created_at", "-id").first()


@transaction.atomic
def submit_application(*, actor: AnyUser, answers: dict[int, str]) -> Application:
    """An applicant answers the active questions. Missing required answers, answers to questions
    that are not asked and over-long answers are InvalidInput, keyed by question id.

    A declined applicant may apply again once the waiting period has passed (until then
    TooSoonToApplyAgain, which says from when); their earlier applications are kept."""
    if not actor.is_authenticated or actor.state != User.State.APPLICANT:
        raise NotAllowed()
    # Lock the applicant's row: a double submit waits here and then finds the first one.
    user = User.objects.select_for_update().get(pk=actor.pk)
    if not NetworkSettings.current().applications_open:
        raise ApplicationsClosed()
    latest = _latest_application(user)
    if latest is not None:
        may_apply_from = may_apply_again_from(latest)
        if may_apply_from is None:
            raise AlreadyApplied()
        if now() < may_apply_from:
            raise TooSoonToApplyAgain(may_apply_from=may_apply_from, time_zone=user.time_zone)
    questions = {q.pk: q for q in ApplicationQuestion.objects.filter(active=True)}
    errors: dict[str, str] = {}
    cleaned: dict[int, str] = {}
    for question_id in answers:
        if question_id not in questions:
            errors[str(question_id)] = gettext("This question is not asked any more.")
    for question in questions.values():
        try:
            text = ANSWER.clean(str(answers.get(question.pk) or ""), field=str(question.pk))
        except InvalidInput as error:
            errors.update(error.detail)
            continue
        if question.required and not text:
            errors[str(question.pk)] = gettext("Please answer this question.")
        elif text:
            cleaned[question.pk] = text
    if errors:
        raise InvalidInput(detail=errors)
    application = Application.objects.create(user=user)
    ApplicationAnswer.objects.bulk_create(
        ApplicationAnswer(application=application, question_id=qid, text=text)
        for qid, text in cleaned.items()
    )
    for organiser in _vetted_organisers():
        notify(
            user=organiser,
            kind="application_received",
            about=application,
            url=reverse("organise_application", args=[application.pk]),
        )
    return application


@transaction.atomic
def reply_to_application(*, actor: AnyUser, text: str) -> ApplicationMessage:
    """The applicant answers the organisers (or adds something) while their application is
    open; it goes back to waiting for review."""
    if not actor.is_authenticated or actor.state != User.State.APPLICANT:
        raise NotAllowed()
    application = _latest_application(actor.pk)
    if application is None:
        raise NotFound()
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in OPEN_STATUSES:
        raise ApplicationDecided()
    body = TextRule(MESSAGE_MAX, required=True, multiline=True).clean(text, field="text")
    message = ApplicationMessage.objects.create(
        application=application, author_id=actor.pk, from_organisers=False, text=body
    )
    application.status = Application.Status.PENDING
    application.save(update_fields=["status", "updated_at"])
    for organiser in _vetted_organisers():
        notify(
            user=organiser,
            kind="application_reply",
            about=application,
            url=reverse("organise_application", args=[application.pk]),
        )
    return message


def _open_application_for_review(actor: User, application: Application) -> Application:
    """The application locked, if the organiser may act on it and it is still open."""
    locked = (
        Application.objects.select_for_update()
        .filter(pk=application.pk, user__in=managed_people(actor))
        .select_related("user")
        .first()
    )
    if locked is None:
        raise NotFound()
    if locked.status not in OPEN_STATUSES or locked.user.state != User.State.APPLICANT:
        raise ApplicationDecided()
    return locked


@transaction.atomic
def approve_application(*, actor: AnyUser, application: Application) -> Application:
    organiser = require_organiser(actor)
    locked = _open_application_for_review(organiser, application)
    applicant = locked.user
    applicant.state = User.State.MEMBER
    applicant.save(update_fields=["state"])
    forget_member_counts()
    locked.status = Application.Status.APPROVED
    locked.decided_by = organiser
    locked.decided_at = now()
    locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    record_action(
        actor=organiser,
        action="application.approve",
        target_user=applicant,
        target=locked,
    )
    notify(
        user=applicant,
        kind="application_approved",
        about=locked,
        params={"network": NetworkSettings.current().name},
        url=reverse("home"),
    )
    return locked


@transaction.atomic
def decline_application(
    *, actor: AnyUser, application: Application, message: str = ""
) -> Application:
    """Decline, optionally with a message the applicant reads on their application page. The
    audit log records only that a message was sent, never its text."""
    organiser = require_organiser(actor)
    body = MESSAGE.clean(message, field="message")
    locked = _open_application_for_review(organiser, application)
    if body:
        ApplicationMessage.objects.create(
            application=locked, author=organiser, from_organisers=True, text=body
        )
    locked.status = Application.Status.DECLINED
    locked.decided_by = organiser
    locked.decided_at = now()
    locked.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    record_action(
        actor=organiser,
        action="application.decline",
        target_user=locked.user,
        target=locked,
        detail={"message_sent": bool(body)},
    )
    notify(
        user=locked.user,
        kind="application_declined",
        about=locked,
        url=reverse("application_status"),
    )
    return locked


@transaction.atomic
def ask_applicant(*, actor: AnyUser, application: Application, question: str) -> Application:
    organiser = require_organiser(actor)
    body = TextRule(MESSAGE_MAX, required=True, multiline=True).clean(question, field="question")
    locked = _open_application_for_review(organiser, application)
    ApplicationMessage.objects.create(
        application=locked, author=organiser, from_organisers=True, text=body
    )
    locked.status = Application.Status.QUESTION
    locked.save(update_fields=["status", "updated_at"])
    record_action(
        actor=organiser,
        action="application.ask",
        target_user=locked.user,
        target=locked,
    )
    notify(
        user=locked.user,
        kind="application_question",
        about=locked,
        url=reverse("application_status"),
    )
    return locked


# Invitations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreatedInvitation:
    """The new invitation and its token, which exists only here: the database keeps its digest."""

    invitation: Invitation
    token: str

    @property
    def path(self) -> str:
        return reverse("invitation_accept", args=[self.token])


@transaction.atomic
def create_invitation(
    *,
    actor: AnyUser,
    max_uses: int,
    expires_at: datetime,
    group: Group | None = None,
    note: str = "",
    email: str = "",
    email_language: str = "",
) -> CreatedInvitation:
    """A new invitation link. With `email`, the link is also sent there (in `email_language`)
    once the transaction commits; the address itself is not kept."""
    organiser = require_organiser(actor)
    errors: dict[str, str] = {}
    if not isinstance(max_uses, int) or not 1 <= max_uses <= INVITATION_MAX_USES:
        errors["max_uses"] = gettext("Choose a number from 1 to %(max)d.") % {
            "max": INVITATION_MAX_USES
        }
    current = now()
    if expires_at <= current:
        errors["expires_at"] = gettext("Choose a time in the future.")
    elif expires_at > current + timedelta(days=INVITATION_MAX_DAYS):
        errors["expires_at"] = gettext("An invitation can last one year at most.")
    if group is not None and not visible_groups(organiser).filter(pk=group.pk).exists():
        errors["group"] = gettext("Choose one of the groups.")
    try:
        note = INVITATION_NOTE.clean(note, field="note")
    except InvalidInput as error:
        errors.update(error.detail)
    email = str(email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = gettext("Enter a valid email address.")
    language = email_language or organiser.language
    if language not in dict(settings.LANGUAGES):
        errors["email_language"] = gettext("Choose one of the languages.")
    if errors:
        raise InvalidInput(detail=errors)
    token = new_token()
    invitation = Invitation.objects.create(
        token_digest=token_digest(token),
        created_by=organiser,
        note=note,
        group=group,
        max_uses=max_uses,
        expires_at=expires_at,
    )
    created = CreatedInvitation(invitation=invitation, token=token)
    record_action(
        actor=organiser,
        action="invitation.create",
        target=invitation,
        detail={
            "max_uses": max_uses,
            "group": group.pk if group else None,
            "emailed": bool(email),
        },
    )
    if email:
        subject, body = render_invitation_email(
            link=settings.SITE_URL + created.path,
            network_name=NetworkSettings.current().name,
            expires_at=expires_at,
            language=language,
            time_zone=organiser.time_zone,
        )
        queue_email(to=email, subject=subject, body=body)
    return created


@transaction.atomic
def revoke_invitation(*, actor: AnyUser, invitation: Invitation) -> Invitation:
    organiser = require_organiser(actor)
    locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if locked is None:
        raise NotFound()
    if locked.revoked_at is None:
        locked.revoked_at = now()
        locked.save(update_fields=["revoked_at", "updated_at"])
    record_action(actor=organiser, action="invitation.revoke", target=locked)
    return locked


@transaction.atomic
def redeem_invitation(*, user: User, token: str) -> User:
    """Called right after sign-up with the token the person arrived with: they become a member
    without an application, join the invitation's group, and the link has one use fewer.

    The invitation row is locked, and the increment is conditional, so no number of concurrent
    sign-ups takes it past `max_uses`. Any unusable token is InvitationInvalid."""
    if not token or not isinstance(token, str):
        raise InvitationInvalid()
    invitation = (
        usable_invitations().select_for_update().filter(token_digest=token_digest(token)).first()
    )
    if invitation is None:
        raise InvitationInvalid()
    person = User.objects.select_for_update().filter(pk=user.pk).first()
    if (
        person is None
        or person.state != User.State.APPLICANT
        or InvitationUse.objects.filter(user=person).exists()
    ):
        raise InvitationInvalid()
    taken = usable_invitations().filter(pk=invitation.pk).update(uses=F("uses") + 1)
    if taken != 1:
        raise InvitationInvalid()
    InvitationUse.objects.create(invitation=invitation, user=person)
    person.state = User.State.MEMBER
    person.save(update_fields=["state"])
    user.state = person.state
    # An application sent before the invitation was used has nothing left to decide.
    Application.objects.filter(user=person, status__in=OPEN_STATUSES).update(
        status=Application.Status.APPROVED, decided_at=now()
    )
    if invitation.group_id is not None:
        GroupMembership.objects.get_or_create(
            group_id=invitation.group_id,
            user=person,
            defaults={"state": GroupMembership.State.ACTIVE},
        )
    forget_member_counts()
    creator = invitation.created_by
    if creator is not None and can_manage_network(creator):
        profile = getattr(person, "profile", None)
        notify(
            user=creator,
            kind="invitation_used",
            about=invitation,
            params={"name": profile.chosen_name if profile else ""},
            url=reverse("organise_invitations"),
        )
    return person


# The code of conduct ------------------------------------------------------------------------


@transaction.atomic
def accept_conduct(*, actor: AnyUser) -> ConductAcceptance:
    """A member accepts the newest version of the code of conduct (again accepting is a no-op)."""
    if not is_vetted(actor):
        raise NotAllowed()
    assert isinstance(actor, User)
    code = current_conduct()
    if code is None:
        raise NotFound()
    acceptance, _created = ConductAcceptance.objects.get_or_create(user=actor, code=code)
    return acceptance


@transaction.atomic
def publish_conduct(*, actor: AnyUser, text_es: str, text_en: str) -> CodeOfConduct:
    """A new version in both languages; every member is asked to accept it before going on.
    The organiser who publishes it has accepted it by doing so."""
    organiser = require_organiser(actor)
    texts = clean_texts({"text_es": (CONDUCT, text_es), "text_en": (CONDUCT, text_en)})
    latest = CodeOfConduct.objects.select_for_update().order_by("-version").first()
    code = CodeOfConduct.objects.create(
        version=(latest.version if latest else 0) + 1,
        text_es=texts["text_es"],
        text_en=texts["text_en"],
    )
    ConductAcceptance.objects.create(user=organiser, code=code)
    record_action(
        actor=organiser,
        action="conduct.publish",
        target=code,
        detail={"version": code.version},
    )
    return code
