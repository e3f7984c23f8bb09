"""Organisers manage people's standing: suspend, reinstate, remove, roles, verification.
Sessions end at once; nobody suspends or removes themselves; one organiser always remains."""

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.test import Client

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import ProfessionalVerification, User
from tejido.audit.models import AuditEntry
from tejido.core.errors import InvalidInput, NotAllowed, NotFound
from tejido.membership.errors import LastOrganiser, NotYourself, WrongState
from tejido.membership.member_services import (
    reinstate_member,
    remove_member,
    set_roles,
    suspend_member,
    verify_professional,
    withdraw_verification,
)
from tejido.membership.sessions import end_sessions

pytestmark = pytest.mark.django_db

REASON = "MARKER-reason-44d1 harassed someone at the potluck"


def _logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sessions_of(user: User) -> int:
    return sum(
        1
        for s in Session.objects.all()
        if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)
    )


def test_suspending_ends_every_session_and_keeps_the_reason_out_of_the_log(organiser):
    target = UserFactory()
    phone, laptop = _logged_in(target), _logged_in(target)
    laptop.get("/")  # tracked by allauth's user sessions too
    assert _sessions_of(target) == 2

    suspend_member(actor=organiser, member=target, reason=REASON)

    target.refresh_from_db()
    assert target.state == User.State.SUSPENDED
    assert target.suspension_reason == REASON
    assert _sessions_of(target) == 0
    assert not UserSession.objects.filter(user=target).exists()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_user, entry.detail) == (
        "member.suspend",
        target,
        {"reason_given": True},
    )
    assert "MARKER" not in str(entry.detail) + entry.target_name
    # Their old cookies open nothing any more.
    assert phone.get("/organise/").status_code == 404
    assert "_auth_user_id" not in phone.session


def test_other_peoples_sessions_are_left_alone(organiser):
    target, bystander = UserFactory(), UserFactory()
    _logged_in(target)
    _logged_in(bystander)
    assert end_sessions(target) == 1
    assert _sessions_of(bystander) == 1


def test_a_suspension_needs_a_reason(organiser):
    target = UserFactory()
    with pytest.raises(InvalidInput) as caught:
        suspend_member(actor=organiser, member=target, reason="  ")
    assert "reason" in caught.value.detail
    target.refresh_from_db()
    assert target.state == User.State.MEMBER
    assert not AuditEntry.objects.exists()


def test_reinstating_a_suspended_member(organiser):
    target = UserFactory()
    suspend_member(actor=organiser, member=target, reason="cool off")
    reinstate_member(actor=organiser, member=target)
    target.refresh_from_db()
    assert target.state == User.State.MEMBER
    assert target.suspension_reason == ""
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "member.suspend",
        "member.reinstate",
    ]
    with pytest.raises(WrongState):
        reinstate_member(actor=organiser, member=target)


def test_removing_takes_away_roles_and_sessions(organiser):
    target = OrganiserFactory(is_facilitator=True)
    _logged_in(target)
    remove_member(actor=organiser, member=target, reason="")

    target.refresh_from_db()
    assert target.state == User.State.REMOVED
    assert not target.is_organiser
    assert not target.is_facilitator
    assert _sessions_of(target) == 0
    assert AuditEntry.objects.get().detail == {"reason_given": False}


def test_organisers_cannot_suspend_or_remove_themselves(organiser):
    OrganiserFactory()
    with pytest.raises(NotYourself):
        suspend_member(actor=organiser, member=organiser, reason="oops")
    with pytest.raises(NotYourself):
        remove_member(actor=organiser, member=organiser)
    organiser.refresh_from_db()
    assert organiser.state == User.State.MEMBER
    assert not AuditEntry.objects.exists()


def test_the_last_organiser_cannot_step_down(organiser):
    with pytest.raises(LastOrganiser):
        set_roles(actor=organiser, member=organiser, organiser=False, facilitator=True)
    organiser.refresh_from_db()
    assert organiser.is_organiser
    assert not organiser.is_facilitator

    other = OrganiserFactory()
    set_roles(actor=organiser, member=organiser, organiser=False, facilitator=False)
    organiser.refresh_from_db()
    assert not organiser.is_organiser
    # Now `other` is the last one: nobody can remove them (organiser is no longer one anyway).
    with pytest.raises(NotAllowed):
        remove_member(actor=organiser, member=other)


def test_a_suspended_organiser_does_not_count_as_the_remaining_one(organiser):
    other = OrganiserFactory()
    suspend_member(actor=organiser, member=other, reason="paused")
    with pytest.raises(LastOrganiser):
        set_roles(actor=organiser, member=organiser, organiser=False, facilitator=False)


def test_roles_are_set_and_logged(organiser):
    target = UserFactory()
    set_roles(actor=organiser, member=target, organiser=True, facilitator=True)
    target.refresh_from_db()
    assert target.is_organiser
    assert target.is_facilitator
    entry = AuditEntry.objects.get()
    assert entry.action == "member.roles"
    assert entry.detail["after"] == {"organiser": True, "facilitator": True}


def test_verifying_a_professional_records_who_how_and_when(organiser):
    target = UserFactory()
    verify_professional(
        actor=organiser, member=target, profession="Therapist", method="Checked the register"
    )
    verification = ProfessionalVerification.objects.get(user=target)
    assert verification.profession == "Therapist"
    assert verification.method == "Checked the register"
    assert verification.verified_by == organiser
    assert verification.verified_at is not None

    verify_professional(actor=organiser, member=target, profession="Lawyer", method="Bar list")
    assert ProfessionalVerification.objects.get(user=target).profession == "Lawyer"

    withdraw_verification(actor=organiser, member=target)
    assert not ProfessionalVerification.objects.exists()
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "member.verify_professional",
        "member.verify_professional",
        "member.withdraw_verification",
    ]


def test_a_verification_needs_profession_and_method(organiser):
    target = UserFactory()
    with pytest.raises(InvalidInput) as caught:
        verify_professional(actor=organiser, member=target, profession="", method="")
    assert set(caught.value.detail) == {"profession", "method"}
    assert not ProfessionalVerification.objects.exists()


def test_members_cannot_manage_anyone(member):
    target = UserFactory()
    for call in (
        lambda: suspend_member(actor=member, member=target, reason="x"),
        lambda: reinstate_member(actor=member, member=target),
        lambda: remove_member(actor=member, member=target),
        lambda: set_roles(actor=member, member=target, organiser=True, facilitator=False),
        lambda: verify_professional(actor=member, member=target, profession="a", method="b"),
    ):
        with pytest.raises(NotAllowed):
            call()
    target.refresh_from_db()
    assert target.state == User.State.MEMBER
    assert not target.is_organiser
    assert not AuditEntry.objects.exists()


def test_an_organiser_in_a_block_with_someone_cannot_act_on_them(organiser):
    target = UserFactory()
    BlockFactory(blocker=target, blocked=organiser)
    with pytest.raises(NotFound):
        suspend_member(actor=organiser, member=target, reason="x")
    target.refresh_from_db()
    assert target.state == User.State.MEMBER
