"""Every write organisers make to a person's standing: suspension, reinstatement, removal, the
roles of organiser and facilitator, and the verification of a professional.

Suspending or removing someone ends all their sessions at once. An organiser cannot suspend or
remove themselves, and the network always keeps at least one organiser.
"""

from django.db import transaction

from tejido.access.base import AnyUser, is_vetted
from tejido.access.members import forget_member_counts, managed_people, network_organisers
from tejido.accounts.models import ProfessionalVerification, User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.core.text import TextRule, clean_texts
from tejido.membership.checks import require_organiser
from tejido.membership.errors import LastOrganiser, NotYourself, WrongState
from tejido.membership.sessions import end_sessions

REASON_MAX = 1000
REASON = TextRule(REASON_MAX, multiline=True)
SUSPENSION_REASON = TextRule(REASON_MAX, required=True, multiline=True)
PROFESSION = TextRule.of_column(ProfessionalVerification, "profession", required=True)
VERIFICATION_METHOD = TextRule.of_column(ProfessionalVerification, "method", required=True)


def _locked_person(organiser: User, member: User) -> User:
    """The person locked for update, if the organiser manages them; NotFound otherwise."""
    person = managed_people(organiser).select_for_update().filter(pk=member.pk).first()
    if person is None:
        raise NotFound()
    return person


def _keeps_an_organiser(without: User) -> bool:
    """Whether a vetted organiser other than `without` remains. The organisers' rows are locked
    so two organisers stepping down at once cannot both succeed."""
    others = network_organisers().select_for_update().exclude(pk=without.pk)
    return len(list(others.values_list("pk", flat=True))) > 0


def _sync_caller(member: User, person: User) -> None:
    """Keep the caller's object in step with what was saved."""
    for field in ("state", "is_organiser", "is_facilitator", "suspension_reason"):
        setattr(member, field, getattr(person, field))


@transaction.atomic
def suspend_member(
    *, actor: AnyUser, member: User, reason: str, report_id: int | None = None
) -> User:
    """A member can no longer use the network (the sign-in refuses them) or be seen; their
    sessions end now. The reason is kept on their record for organisers, not in the audit log.
    A suspension decided on a report names the report in its audit entry."""
    organiser = require_organiser(actor)
    if member.pk == organiser.pk:
        raise NotYourself()
    text = SUSPENSION_REASON.clean(reason, field="reason")
    person = _locked_person(organiser, member)
    if not is_vetted(person):
        raise WrongState()
    if person.is_organiser and not _keeps_an_organiser(person):
        raise LastOrganiser()
    person.state = User.State.SUSPENDED
    person.suspension_reason = text
    person.save(update_fields=["state", "suspension_reason"])
    forget_member_counts()
    end_sessions(person)
    record_action(
        actor=organiser,
        action="member.suspend",
        target_user=person,
        detail={"reason_given": True, **({"report": report_id} if report_id else {})},
    )
    _sync_caller(member, person)
    return person


@transaction.atomic
def reinstate_member(*, actor: AnyUser, member: User) -> User:
    """A suspended or removed person is a member again (someone removed comes back without the
    roles they had, which removal took away)."""
    organiser = require_organiser(actor)
    person = _locked_person(organiser, member)
    if person.state not in (User.State.SUSPENDED, User.State.REMOVED):
        raise WrongState()
    previous = person.state
    person.state = User.State.MEMBER
    person.suspension_reason = ""
    person.save(update_fields=["state", "suspension_reason"])
    forget_member_counts()
    record_action(
        actor=organiser,
        action="member.reinstate",
        target_user=person,
        detail={"from": previous},
    )
    _sync_caller(member, person)
    return person


@transaction.atomic
def remove_member(*, actor: AnyUser, member: User, reason: str = "") -> User:
    """Remove a member (or a suspended person) from the network: they lose their roles and
    every session, and can no longer sign in."""
    organiser = require_organiser(actor)
    if member.pk == organiser.pk:
        raise NotYourself()
    text = REASON.clean(reason, field="reason")
    person = _locked_person(organiser, member)
    if not is_vetted(person) and person.state != User.State.SUSPENDED:
        raise WrongState()
    if person.is_organiser and not _keeps_an_organiser(person):
        raise LastOrganiser()
    person.state = User.State.REMOVED
    person.is_organiser = False
    person.is_facilitator = False
    if text:
        person.suspension_reason = text
    person.save(update_fields=["state", "is_organiser", "is_facilitator", "suspension_reason"])
    forget_member_counts()
    end_sessions(person)
    record_action(
        actor=organiser,
        action="member.remove",
        target_user=person,
        detail={"reason_given": bool(text)},
    )
    _sync_caller(member, person)
    return person


@transaction.atomic
def set_roles(*, actor: AnyUser, member: User, organiser: bool, facilitator: bool) -> User:
    """Make a member an organiser or facilitator, or not. An organiser may step down only while
    another organiser remains."""
    acting = require_organiser(actor)
    person = _locked_person(acting, member)
    if not is_vetted(person):
        raise WrongState()
    if person.is_organiser and not organiser and not _keeps_an_organiser(person):
        raise LastOrganiser()
    before = {"organiser": person.is_organiser, "facilitator": person.is_facilitator}
    person.is_organiser = bool(organiser)
    person.is_facilitator = bool(facilitator)
    person.save(update_fields=["is_organiser", "is_facilitator"])
    after = {"organiser": person.is_organiser, "facilitator": person.is_facilitator}
    record_action(
        actor=acting,
        action="member.roles",
        target_user=person,
        detail={"before": before, "after": after},
    )
    _sync_caller(member, person)
    return person


@transaction.atomic
def verify_professional(
    *, actor: AnyUser, member: User, profession: str, method: str
) -> ProfessionalVerification:
    """Record that an organiser checked a member's professional credentials: what they are,
    how it was checked, by whom and when. Verifying again replaces the record."""
    organiser = require_organiser(actor)
    values = clean_texts(
        {"profession": (PROFESSION, profession), "method": (VERIFICATION_METHOD, method)}
    )
    person = _locked_person(organiser, member)
    if not is_vetted(person):
        raise WrongState()
    verification, _created = ProfessionalVerification.objects.update_or_create(
        user=person,
        defaults={
            "profession": values["profession"],
            "method": values["method"],
            "verified_by": organiser,
            "verified_at": now(),
        },
    )
    record_action(
        actor=organiser,
        action="member.verify_professional",
        target_user=person,
        detail={"profession": values["profession"]},
    )
    return verification


@transaction.atomic
def withdraw_verification(*, actor: AnyUser, member: User) -> None:
    organiser = require_organiser(actor)
    person = _locked_person(organiser, member)
    deleted, _per_model = ProfessionalVerification.objects.filter(user=person).delete()
    if not deleted:
        raise WrongState()
    record_action(
        actor=organiser,
        action="member.withdraw_verification",
        target_user=person,
    )
