"""Every write to places in circles: a member asks for one (answering the intake questions and
accepting the agreement), a facilitator accepts, waitlists or kindly declines, a member
accepts a changed agreement, and a member leaves, quietly.

The size limit holds under concurrency: deciding locks the circle's row first
(select_for_update on PostgreSQL; on SQLite every transaction takes the write lock at its
start, IMMEDIATE), then counts and writes, so two acceptances at once run one after the other
and the one past the limit finds the circle full. Notices are content-free (notices.py)."""

import json

from django.db import transaction

from tejido.access.circles import (
    UNDECIDED,
    can_ask_for_place,
    can_decide_place,
    can_see_circle,
    cannot_be_placed,
    facilitates,
    place_of,
)
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.notifications.services import notify
from tejido.support import rules
from tejido.support.errors import (
    AgreementNeeded,
    AlreadyAsked,
    BadAnswers,
    CannotBePlaced,
    CircleArchived,
    CircleFull,
    PlaceAlreadyDecided,
)
from tejido.support.models import (
    Circle,
    CircleIntake,
    Facilitator,
    Place,
    PlaceIntake,
    PlaceState,
)
from tejido.support.notices import CIRCLE_NEWS

ACCEPT, WAITLIST, DECLINE = "accept", "waitlist", "decline"
DECISIONS = {
    ACCEPT: PlaceState.MEMBER,
    WAITLIST: PlaceState.WAITLISTED,
    DECLINE: PlaceState.DECLINED,
}


def _intake_of(circle: Circle) -> CircleIntake:
    intake, _ = CircleIntake.objects.get_or_create(circle=circle)
    return intake


def _tell(user_id: int, about: Circle | Place) -> None:
    """The one neutral notice. It links nowhere: even an address under /support/ in an email
    would say what it is about."""
    user = User.objects.get(pk=user_id)
    notify(user=user, kind=CIRCLE_NEWS.name, about=about)


@transaction.atomic
def ask_for_place(*, actor: User, circle: Circle, answers: list[str], agreed: bool) -> Place:
    """Ask for a place: one answer to each intake question, and the agreement accepted (when
    the circle has one). The facilitators hear that something is waiting, not who asked."""
    if not can_see_circle(actor, circle):
        raise NotFound()
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if not can_ask_for_place(actor, circle):
        if circle.archived_at is not None:
            raise CircleArchived()
        raise AlreadyAsked()
    intake = _intake_of(circle)
    questions = intake.questions_in_language()
    if len(answers) != len(questions):
        raise BadAnswers()
    cleaned = []
    errors = {}
    for index, (question, answer) in enumerate(zip(questions, answers, strict=True)):
        try:
            cleaned.append((question, rules.ANSWER_RULE.clean(answer, field=f"answer_{index}")))
        except InvalidInput as error:
            errors.update(error.detail)
    if errors:
        raise BadAnswers(detail=errors)
    if intake.agreement and not agreed:
        raise AgreementNeeded(detail={"agreed": str(AgreementNeeded.message)})
    place = Place.objects.create(circle=circle, user=actor)
    PlaceIntake.objects.create(
        place=place,
        answers=json.dumps(cleaned, ensure_ascii=False) if cleaned else "",
        agreed_version=intake.agreement_version,
        agreed_at=now(),
    )
    for facilitator in Facilitator.objects.filter(circle=circle).values_list("user", flat=True):
        _tell(facilitator, circle)
    return place


def _lock_place(place: Place) -> Place:
    locked = Place.objects.select_for_update().filter(pk=place.pk).select_related("circle").first()
    if locked is None:
        raise NotFound()
    return locked


@transaction.atomic
def decide_place(*, actor: User, place: Place, decision: str) -> Place:
    """A facilitator accepts, waitlists or declines a request for a place. Accepting is
    refused when the circle is full or the person cannot be placed in it."""
    if decision not in DECISIONS:
        raise InvalidInput(detail={"decision": str(InvalidInput.message)})
    Circle.objects.select_for_update().filter(pk=place.circle_id).first()
    place = _lock_place(place)
    if not can_decide_place(actor, place):
        if place.state not in UNDECIDED and facilitates(actor, place.circle):
            raise PlaceAlreadyDecided()
        raise NotFound()
    if decision == ACCEPT:
        if cannot_be_placed(place):
            raise CannotBePlaced()
        members = Place.objects.filter(circle=place.circle_id, state=PlaceState.MEMBER).count()
        if members >= place.circle.size_limit:
            raise CircleFull()
    place.state, place.decided_at, place.decided_by = DECISIONS[decision], now(), actor
    place.save(update_fields=["state", "decided_at", "decided_by", "updated_at"])
    # Who was decided on stays out of the log: organisers do not see rosters.
    record_action(actor=actor, action="support.place_decided", detail={"circle": place.circle_id})
    _tell(place.user_id, place)
    return place


@transaction.atomic
def accept_agreement(*, actor: User, circle: Circle) -> PlaceIntake:
    """A member accepts the circle's current agreement."""
    place = place_of(actor, circle)
    if place is None or not can_see_circle(actor, circle):
        raise NotFound()
    version = _intake_of(circle).agreement_version
    intake, _ = PlaceIntake.objects.get_or_create(place=place)
    intake.agreed_version, intake.agreed_at = version, now()
    intake.save(update_fields=["agreed_version", "agreed_at", "updated_at"])
    return intake


@transaction.atomic
def leave_circle(*, actor: User, circle: Circle) -> None:
    """Leave at any time, or withdraw a request: the place and the answers go, and nobody is
    told."""
    place = place_of(actor, circle)
    if place is None:
        raise NotFound()
    place.delete()
