"""Every write organisers and facilitators make to circles themselves: creating, changing and
archiving them, naming and removing facilitators, keeping two members apart, and the intake
questions and agreement. Places (asking, deciding, leaving) are in place_services.py.

A therapy circle is always run by a verified professional: creating one needs a verified
first facilitator, a circle becomes therapy only with one, and the last one cannot leave it."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from tejido.access.circles import can_edit_intake, can_manage_circles, can_see_circle
from tejido.access.members import IN_GOOD_STANDING
from tejido.accounts.models import ProfessionalVerification, User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.support import rules
from tejido.support.errors import CircleArchived, TherapyNeedsProfessional
from tejido.support.models import (
    Circle,
    CircleIntake,
    CircleKind,
    Facilitator,
    KeepApart,
)
from tejido.support.note_services import reschedule_forgetting

CIRCLE_FIELDS = frozenset(
    {
        "name_es",
        "name_en",
        "description_es",
        "description_en",
        "theme",
        "kind",
        "language",
        "size_limit",
        "is_listed",
        "show_names_to_members",
        "retention_days",
    }
)


def _member(member_id: Any, field: str) -> User:
    """A vetted member in good standing, by number."""
    found = (
        User.objects.filter(IN_GOOD_STANDING, pk=member_id).first()
        if isinstance(member_id, int) and not isinstance(member_id, bool) and member_id > 0
        else None
    )
    if found is None:
        raise InvalidInput(detail={field: gettext("There is no member with that number.")})
    return found


def _verified(user_ids: Any) -> bool:
    return ProfessionalVerification.objects.filter(user__in=user_ids).exists()


def _lock(circle: Circle) -> Circle:
    locked = Circle.objects.select_for_update().filter(pk=circle.pk).first()
    if locked is None:
        raise NotFound()
    return locked


def _audit(actor: User, action: str, circle: Circle, target_user: User | None = None) -> None:
    # The circle by its number only: a hidden circle's name says who its members are.
    record_action(actor=actor, action=action, target_user=target_user, detail={"circle": circle.pk})


@transaction.atomic
def create_circle(*, actor: User, facilitator_id: Any = None, **fields: Any) -> Circle:
    """An organiser opens a circle, naming its first facilitator (required for group therapy,
    who must be a verified professional)."""
    if not can_manage_circles(actor):
        raise NotFound()
    unknown = set(fields) - CIRCLE_FIELDS
    if unknown:
        raise TypeError(f"Circles have no fields {sorted(unknown)}.")
    fields.setdefault("name_es", "")
    fields.setdefault("theme", "")
    fields.setdefault("language", "")
    fields.setdefault("size_limit", None)
    cleaned = rules.circle_fields(fields)
    rules.require_a_name(cleaned["name_es"], cleaned.get("name_en", ""))
    first = _member(facilitator_id, "facilitator") if facilitator_id is not None else None
    if cleaned.get("kind") == CircleKind.THERAPY and (first is None or not _verified([first.pk])):
        raise TherapyNeedsProfessional()
    circle = Circle.objects.create(created_by=actor, **cleaned)
    CircleIntake.objects.create(circle=circle)
    _audit(actor, "support.circle_created", circle)
    if first is not None:
        _name(actor, circle, first)
    return circle


@transaction.atomic
def edit_circle(*, actor: User, circle: Circle, **changes: Any) -> Circle:
    if not can_manage_circles(actor):
        raise NotFound()
    unknown = set(changes) - CIRCLE_FIELDS
    if unknown:
        raise TypeError(f"Circles have no fields {sorted(unknown)}.")
    circle = _lock(circle)
    cleaned = rules.circle_fields(changes)
    rules.require_a_name(
        cleaned.get("name_es", circle.name_es), cleaned.get("name_en", circle.name_en)
    )
    facilitators = Facilitator.objects.filter(circle=circle).values("user")
    if cleaned.get("kind") == CircleKind.THERAPY and not _verified(facilitators):
        raise TherapyNeedsProfessional()
    retention = circle.retention_days
    for name, value in cleaned.items():
        setattr(circle, name, value)
    circle.save()
    _audit(actor, "support.circle_changed", circle)
    if circle.retention_days != retention:
        reschedule_forgetting(circle)
    return circle


@transaction.atomic
def archive_circle(*, actor: User, circle: Circle) -> Circle:
    """Nobody can ask for a place any more; its facilitators and members still see it."""
    if not can_manage_circles(actor):
        raise NotFound()
    circle = _lock(circle)
    if circle.archived_at is None:
        circle.archived_at = now()
        circle.save(update_fields=["archived_at", "updated_at"])
        _audit(actor, "support.circle_archived", circle)
    return circle


def _name(actor: User, circle: Circle, member: User) -> None:
    _, made = Facilitator.objects.get_or_create(circle=circle, user=member)
    if not member.is_facilitator:
        # The flag is what lets a profile's "facilitators of my circles" audience reach them.
        User.objects.filter(pk=member.pk).update(is_facilitator=True)
    if made:
        _audit(actor, "support.facilitator_named", circle, member)


@transaction.atomic
def name_facilitator(*, actor: User, circle: Circle, member_id: Any) -> Facilitator:
    if not can_manage_circles(actor):
        raise NotFound()
    circle = _lock(circle)
    if circle.archived_at is not None:
        raise CircleArchived()
    member = _member(member_id, "member")
    _name(actor, circle, member)
    return Facilitator.objects.get(circle=circle, user=member)


@transaction.atomic
def remove_facilitator(*, actor: User, circle: Circle, member_id: int) -> None:
    """Refused when it would leave a therapy circle without a verified professional."""
    if not can_manage_circles(actor):
        raise NotFound()
    circle = _lock(circle)
    facilitator = Facilitator.objects.filter(circle=circle, user=member_id).first()
    if facilitator is None:
        raise NotFound()
    if circle.kind == CircleKind.THERAPY:
        others = Facilitator.objects.filter(circle=circle).exclude(pk=facilitator.pk)
        if not _verified(others.values("user")):
            raise TherapyNeedsProfessional()
    facilitator.delete()
    _audit(actor, "support.facilitator_removed", circle, facilitator.user)


@transaction.atomic
def keep_apart(*, actor: User, first_id: Any, second_id: Any) -> KeepApart:
    """Two members who must never be placed in the same circle; why is not recorded."""
    if not can_manage_circles(actor):
        raise NotFound()
    first, second = _member(first_id, "first"), _member(second_id, "second")
    if first.pk == second.pk:
        raise InvalidInput(detail={"second": gettext("Choose two different members.")})
    low, high = sorted((first.pk, second.pk))
    pair, _ = KeepApart.objects.get_or_create(
        first_id=low, second_id=high, defaults={"marked_by": actor}
    )
    record_action(actor=actor, action="support.kept_apart")
    return pair


@transaction.atomic
def edit_intake(
    *,
    actor: User,
    circle: Circle,
    questions_es: list[str],
    questions_en: list[str],
    agreement_es: str,
    agreement_en: str,
) -> CircleIntake:
    """A facilitator keeps the intake questions and the agreement. A changed agreement gets a
    new version, which every member accepts again before they see the circle's content."""
    if not can_see_circle(actor, circle) or not can_edit_intake(actor, circle):
        raise NotFound()
    cleaned = {
        "agreement_es": rules.AGREEMENT_RULE.clean(agreement_es, field="agreement_es"),
        "agreement_en": rules.AGREEMENT_RULE.clean(agreement_en, field="agreement_en"),
    }
    questions = rules.questions(questions_es, questions_en)
    intake, _ = CircleIntake.objects.select_for_update().get_or_create(circle=circle)
    if (intake.agreement_es, intake.agreement_en) != (
        cleaned["agreement_es"],
        cleaned["agreement_en"],
    ):
        intake.agreement_version += 1
    intake.agreement_es, intake.agreement_en = cleaned["agreement_es"], cleaned["agreement_en"]
    intake.questions = questions
    intake.save()
    _audit(actor, "support.intake_changed", circle)
    return intake
