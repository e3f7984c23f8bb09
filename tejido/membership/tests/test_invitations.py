"""Invitation links: made by organisers with a limit and an expiry, kept only as a digest,
redeemed at sign-up (member at once, into the group), never past their limit, revocable; every
unusable link fails the same way."""

import hashlib
from datetime import timedelta
from functools import partial

import pytest
import time_machine
from django.core import mail
from django.db import (
    IntegrityError,
    transaction,
)
from django.db.models import F

from tejido.accounts.factories import ApplicantFactory
from tejido.accounts.models import User
from tejido.audit.models import AuditEntry
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotAllowed
from tejido.core.testing import at_once
from tejido.groups.factories import GroupFactory
from tejido.groups.models import GroupMembership
from tejido.membership.errors import InvitationInvalid
from tejido.membership.factories import ApplicationFactory, InvitationFactory
from tejido.membership.models import Application, Invitation, InvitationUse
from tejido.membership.selectors import check_invitation_token
from tejido.membership.services import create_invitation, redeem_invitation, revoke_invitation
from tejido.notifications.models import Notice

# Creating -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_organiser_creates_a_link_whose_token_is_stored_only_as_a_digest(organiser):
    group = GroupFactory()
    created = create_invitation(
        actor=organiser,
        max_uses=3,
        expires_at=now() + timedelta(days=7),
        group=group,
        note="For the potluck crew",
    )

    invitation = Invitation.objects.get()
    assert len(created.token) >= 40
    assert invitation.token_digest == hashlib.sha256(created.token.encode()).hexdigest()
    assert created.token not in str(Invitation.objects.values().get())
    assert created.path == f"/join/{created.token}/"
    assert (invitation.max_uses, invitation.uses, invitation.group) == (3, 0, group)
    entry = AuditEntry.objects.get()
    assert entry.action == "invitation.create"
    assert created.token not in str(entry.detail) + entry.target_name
    assert entry.detail == {"max_uses": 3, "group": group.pk, "emailed": False}


@pytest.mark.django_db
def test_each_link_has_its_own_token(organiser):
    first = create_invitation(actor=organiser, max_uses=1, expires_at=now() + timedelta(days=1))
    second = create_invitation(actor=organiser, max_uses=1, expires_at=now() + timedelta(days=1))
    assert first.token != second.token


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"max_uses": 0}, "max_uses"),
        ({"max_uses": 501}, "max_uses"),
        ({"expires_at": "past"}, "expires_at"),
        ({"expires_at": "far"}, "expires_at"),
        ({"note": "x" * 201}, "note"),
        ({"email": "not an address"}, "email"),
        ({"email_language": "fr"}, "email_language"),
    ],
)
def test_bad_invitation_input_is_invalid_and_creates_nothing(organiser, changes, field):
    arguments = {"max_uses": 1, "expires_at": now() + timedelta(days=2)}
    arguments.update(changes)
    if arguments["expires_at"] == "past":
        arguments["expires_at"] = now() - timedelta(minutes=1)
    if arguments["expires_at"] == "far":
        arguments["expires_at"] = now() + timedelta(days=400)

    with pytest.raises(InvalidInput) as caught:
        create_invitation(actor=organiser, **arguments)

    assert field in caught.value.detail
    assert not Invitation.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_only_organisers_create_and_revoke_links(member, applicant):
    for actor in (member, applicant):
        with pytest.raises(NotAllowed):
            create_invitation(actor=actor, max_uses=1, expires_at=now() + timedelta(days=1))
    invitation = InvitationFactory()
    with pytest.raises(NotAllowed):
        revoke_invitation(actor=member, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.django_db
def test_the_link_can_be_emailed_in_the_chosen_language(
    organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = create_invitation(
            actor=organiser,
            max_uses=1,
            expires_at=now() + timedelta(days=7),
            email="friend@example.net",
            email_language="en",
            note="MARKER-note",
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["friend@example.net"]
    assert message.subject == "Your invitation"
    assert created.path in message.body
    assert message.body.startswith("Hello,")
    assert "MARKER" not in message.body
    # The address itself is kept nowhere.
    assert "friend@example.net" not in str(list(Invitation.objects.values()))
    assert "friend@example.net" not in str(list(AuditEntry.objects.values()))
    assert AuditEntry.objects.get().detail["emailed"] is True


@pytest.mark.django_db
def test_the_email_is_in_spanish_when_asked(
    organiser, django_capture_on_commit_callbacks, translations
):
    with django_capture_on_commit_callbacks(execute=True):
        create_invitation(
            actor=organiser,
            max_uses=1,
            expires_at=now() + timedelta(days=7),
            email="amiga@example.net",
            email_language="es",
        )
    assert mail.outbox[0].subject == "Tu invitación"
    assert "Hola" in mail.outbox[0].body


# Revoking -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_revoking_stops_the_link(organiser):
    invitation = InvitationFactory()
    revoke_invitation(actor=organiser, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert AuditEntry.objects.get().action == "invitation.revoke"
    with pytest.raises(InvitationInvalid):
        redeem_invitation(user=ApplicantFactory(), token=invitation.token)


# Redeeming ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_redeeming_makes_a_member_at_once_and_joins_the_group():
    group = GroupFactory()
    invitation = InvitationFactory(group=group, max_uses=2)
    person = ApplicantFactory(profile__chosen_name="Newcomer Nico")

    redeem_invitation(user=person, token=invitation.token)

    assert person.state == User.State.MEMBER
    person.refresh_from_db()
    assert person.state == User.State.MEMBER
    invitation.refresh_from_db()
    assert invitation.uses == 1
    assert InvitationUse.objects.get().user == person
    membership = GroupMembership.objects.get(user=person)
    assert (membership.group, membership.state) == (group, GroupMembership.State.ACTIVE)
    # The organiser who made the link hears who used it.
    notice = Notice.objects.get(user=invitation.created_by)
    assert notice.kind == "invitation_used"
    assert notice.params == {"name": "Newcomer Nico"}


@pytest.mark.django_db
def test_redeeming_settles_an_application_already_sent():
    application = ApplicationFactory()
    invitation = InvitationFactory()
    redeem_invitation(user=application.user, token=invitation.token)
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED


@pytest.mark.django_db
def test_a_link_is_used_at_most_max_uses_times():
    invitation = InvitationFactory(max_uses=2)
    first, second, third = ApplicantFactory.create_batch(3)
    redeem_invitation(user=first, token=invitation.token)
    redeem_invitation(user=second, token=invitation.token)

    with pytest.raises(InvitationInvalid):
        redeem_invitation(user=third, token=invitation.token)

    invitation.refresh_from_db()
    assert invitation.uses == 2
    third.refresh_from_db()
    assert third.state == User.State.APPLICANT


@pytest.mark.django_db
def test_an_expired_link_is_invalid():
    invitation = InvitationFactory(expires_at=now() + timedelta(hours=1))
    person = ApplicantFactory()
    with time_machine.travel(now() + timedelta(hours=2)), pytest.raises(InvitationInvalid):
        redeem_invitation(user=person, token=invitation.token)
    person.refresh_from_db()
    assert person.state == User.State.APPLICANT


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["unknown", "expired", "revoked", "used_up", "empty"])
def test_every_unusable_link_fails_the_same_way(kind):
    token = "a-token-of-the-right-shape-0123456789abcdefghijk"
    if kind == "expired":
        InvitationFactory(token=token, expires_at=now() - timedelta(seconds=1))
    elif kind == "revoked":
        InvitationFactory(token=token, revoked_at=now())
    elif kind == "used_up":
        InvitationFactory(token=token, max_uses=1, uses=1)
    elif kind == "empty":
        token = ""

    with pytest.raises(InvitationInvalid) as checking:
        check_invitation_token(viewer=None, token=token)
    with pytest.raises(InvitationInvalid) as redeeming:
        redeem_invitation(user=ApplicantFactory(), token=token)

    assert checking.value.code == redeeming.value.code == "invitation_invalid"
    assert str(checking.value.message) == str(redeeming.value.message)


@pytest.mark.django_db
def test_members_and_suspended_people_cannot_redeem(member):
    invitation = InvitationFactory(max_uses=5)
    suspended = ApplicantFactory(state=User.State.SUSPENDED)
    for person in (member, suspended):
        with pytest.raises(InvitationInvalid):
            redeem_invitation(user=person, token=invitation.token)
    invitation.refresh_from_db()
    assert invitation.uses == 0


@pytest.mark.django_db
def test_the_database_refuses_more_uses_than_allowed():
    invitation = InvitationFactory(max_uses=1, uses=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(uses=F("uses") + 1)


@pytest.mark.django_db(transaction=True)
def test_concurrent_redemptions_never_exceed_the_limit():
    """Eight people sign up with a two-use link at the same moment, each in their own thread
    and database connection: exactly two become members."""
    invitation = InvitationFactory(max_uses=2)
    people = ApplicantFactory.create_batch(8)
    outcomes = at_once(
        *(partial(redeem_invitation, user=person, token=invitation.token) for person in people),
        refused=InvitationInvalid,
    )
    invitation.refresh_from_db()
    assert outcomes == ["done"] * 2 + ["refused"] * 6
    assert invitation.uses == 2
    assert InvitationUse.objects.count() == 2
    assert User.objects.filter(pk__in=[p.pk for p in people], state="member").count() == 2
