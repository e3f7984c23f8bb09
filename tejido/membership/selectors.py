"""Every read about membership, always shaped by the viewer: the code of conduct, applications
(an applicant's own, and all of them for organisers), invitations, the people organisers
manage, the network's areas and questions, and the organisers' dashboard figures.

Who may see what is decided in tejido.access; templates receive the rows defined here, never a
raw user.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Count, F, Prefetch, Q, QuerySet

from tejido.access.applications import own_applications, reviewable_applications
from tejido.access.base import AnyUser, in_good_standing
from tejido.access.groups import visible_groups
from tejido.access.invitations import can_manage_invitations, visible_invitations
from tejido.access.members import MemberCard, managed_people, member_card, viewer_for
from tejido.access.network import can_manage_network, visible_questions
from tejido.accounts.models import PROFILE_NAME_SEARCH, Profile, User
from tejido.accounts.names import members_named_like
from tejido.accounts.selectors import MAX_QUERY_LENGTH
from tejido.core import search
from tejido.core.choices import label
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate
from tejido.groups.models import Group
from tejido.membership.errors import InvitationInvalid
from tejido.membership.models import (
    Application,
    ApplicationAnswer,
    ApplicationMessage,
    ApplicationQuestion,
    CodeOfConduct,
    ConductAcceptance,
    Invitation,
)
from tejido.membership.reapplying import may_apply_again_from
from tejido.membership.tokens import token_digest, usable_invitations

# The code of conduct ------------------------------------------------------------------------


def current_conduct() -> CodeOfConduct | None:
    return CodeOfConduct.current()


def needs_conduct_acceptance(*, user: User) -> bool:
    """True when a code of conduct exists and the member has not accepted its newest version."""
    code = current_conduct()
    if code is None:
        return False
    return not ConductAcceptance.objects.filter(user=user, code=code).exists()


# Names --------------------------------------------------------------------------------------


def display_name(user: User | None) -> str:
    """A person's chosen name for organisers' pages; never their email address."""
    if user is None:
        return ""
    profile = getattr(user, "profile", None)
    if profile is not None and profile.chosen_name:
        return str(profile.chosen_name)
    return f"#{user.pk}"


# Questions ----------------------------------------------------------------------------------


def list_questions(
    *, viewer: AnyUser | None, include_inactive: bool = False
) -> QuerySet[ApplicationQuestion]:
    """The questions applicants answer, in order. Organisers may include the ones no longer
    asked."""
    return visible_questions(viewer, include_inactive=include_inactive)


def get_question(*, viewer: AnyUser | None, question_id: int) -> ApplicationQuestion:
    if not can_manage_network(viewer):
        raise NotFound()
    question = visible_questions(viewer, include_inactive=True).filter(pk=question_id).first()
    if question is None:
        raise NotFound()
    return question


# Applications -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    question: str
    text: str


@dataclass(frozen=True)
class MessageRow:
    from_organisers: bool
    author_name: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    status: str
    status_label: str
    applicant_name: str
    created_at: datetime
    updated_at: datetime
    decided_at: datetime | None
    decided_by_name: str
    answers: Sequence[AnswerRow]
    messages: Sequence[MessageRow]
    # For a declined applicant's own latest application: from when they may apply again.
    may_apply_again_from: datetime | None = None
    # For organisers: the same person's earlier applications, newest first.
    earlier: Sequence["ApplicationRow"] = ()
    # Their chosen name looks like a member's (only on the application's own page, for
    # organisers): see tejido.accounts.names for why the applicant is not told.
    name_like_a_member: bool = False

    @property
    def is_open(self) -> bool:
        return self.status in (Application.Status.PENDING, Application.Status.QUESTION)

    @property
    def may_apply_again(self) -> bool:
        return self.may_apply_again_from is not None and self.may_apply_again_from <= now()


def _applications() -> QuerySet[Application]:
    return Application.objects.select_related(
        "user__profile", "decided_by__profile"
    ).prefetch_related(
        Prefetch(
            "answers",
            queryset=ApplicationAnswer.objects.select_related("question").order_by(
                "question__position", "question__id"
            ),
        ),
        Prefetch(
            "messages",
            queryset=ApplicationMessage.objects.select_related("author__profile").order_by(
                "created_at", "id"
            ),
        ),
    )


def _application_row(application: Application, *, for_organisers: bool) -> ApplicationRow:
    """Organisers see who wrote each message; an applicant (not vetted yet) only learns that
    the organisers wrote, never which organiser."""
    return ApplicationRow(
        id=application.pk,
        status=application.status,
        status_label=label(application, "status"),
        applicant_name=display_name(application.user),
        created_at=application.created_at,
        updated_at=application.updated_at,
        decided_at=application.decided_at,
        decided_by_name=display_name(application.decided_by) if for_organisers else "",
        answers=[
            AnswerRow(question=a.question.text, text=a.text) for a in application.answers.all()
        ],
        messages=[
            MessageRow(
                from_organisers=m.from_organisers,
                author_name=display_name(m.author) if for_organisers else "",
                text=m.text,
                created_at=m.created_at,
            )
            for m in application.messages.all()
        ],
    )


def get_my_application(*, viewer: AnyUser | None) -> ApplicationRow | None:
    """The viewer's latest application (with, once declined, from when they may apply again),
    or None if they have not applied."""
    application = (
        _applications().filter(pk__in=own_applications(viewer)).order_by("-created_at", "-id")
    ).first()
    if application is None:
        return None
    return replace(
        _application_row(application, for_organisers=False),
        may_apply_again_from=may_apply_again_from(application),
    )


def count_applications(*, viewer: AnyUser | None) -> dict[str, int]:
    """How many applications are in each status, for organisers (zeros for anyone else)."""
    counts = dict.fromkeys(Application.Status.values, 0)
    for row in reviewable_applications(viewer).values("status").annotate(n=Count("id")).order_by():
        counts[row["status"]] = row["n"]
    return counts


def list_applications(
    *, viewer: AnyUser | None, status: str, page: int | str | None = 1
) -> ListPage[ApplicationRow]:
    """Applications in one status with their answers and messages, oldest waiting first (the
    newest decided first)."""
    if not can_manage_network(viewer):
        raise NotFound()
    if status not in Application.Status.values:
        status = Application.Status.PENDING
    order = (
        ("created_at", "id")
        if status in (Application.Status.PENDING, Application.Status.QUESTION)
        else ("-decided_at", "-id")
    )
    queryset = (
        _applications()
        .filter(pk__in=reviewable_applications(viewer), status=status)
        .order_by(*order)
    )
    return paginate(
        queryset, page, lambda apps: [_application_row(a, for_organisers=True) for a in apps]
    )


def get_application(*, viewer: AnyUser | None, application_id: int) -> Application:
    """An application organisers may act on; NotFound for anyone else, as for a missing one."""
    application = reviewable_applications(viewer).filter(pk=application_id).first()
    if application is None:
        raise NotFound()
    return application


def get_application_row(*, viewer: AnyUser | None, application_id: int) -> ApplicationRow:
    application = (
        _applications().filter(pk__in=reviewable_applications(viewer), pk=application_id).first()
    )
    if application is None:
        raise NotFound()
    earlier = (
        _applications()
        .filter(pk__in=reviewable_applications(viewer), user=application.user_id)
        .exclude(pk=application.pk)
        .order_by("-created_at", "-id")
    )
    profile = getattr(application.user, "profile", None)
    name = profile.chosen_name if profile is not None else ""
    like = bool(name) and members_named_like(name, other_than=application.user_id).exists()
    return replace(
        _application_row(application, for_organisers=True),
        earlier=[_application_row(a, for_organisers=True) for a in earlier],
        name_like_a_member=like,
    )


# Invitations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InvitationRow:
    id: int
    note: str
    group_name: str
    uses: int
    max_uses: int
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    created_by_name: str
    status: str

    @property
    def is_active(self) -> bool:
        return self.status == "active"


def invitation_status(invitation: Invitation, at: datetime | None = None) -> str:
    """One of: active, revoked, expired, used_up."""
    moment = at or now()
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= moment:
        return "expired"
    if invitation.uses >= invitation.max_uses:
        return "used_up"
    return "active"


def _invitation_rows(invitations: list[Invitation]) -> list[InvitationRow]:
    moment = now()
    return [
        InvitationRow(
            id=inv.pk,
            note=inv.note,
            group_name=inv.group.name if inv.group else "",
            uses=inv.uses,
            max_uses=inv.max_uses,
            created_at=inv.created_at,
            expires_at=inv.expires_at,
            revoked_at=inv.revoked_at,
            created_by_name=display_name(inv.created_by),
            status=invitation_status(inv, moment),
        )
        for inv in invitations
    ]


def list_invitations(
    *, viewer: AnyUser | None, page: int | str | None = 1
) -> ListPage[InvitationRow]:
    if not can_manage_invitations(viewer):
        raise NotFound()
    queryset = (
        visible_invitations(viewer)
        .select_related("group", "created_by__profile")
        .order_by("-created_at", "-id")
    )
    return paginate(queryset, page, _invitation_rows)


def get_invitation(*, viewer: AnyUser | None, invitation_id: int) -> Invitation:
    invitation = visible_invitations(viewer).filter(pk=invitation_id).first()
    if invitation is None:
        raise NotFound()
    return invitation


def check_invitation_token(*, viewer: AnyUser | None, token: str) -> Invitation:
    """The invitation a link's token opens, if it can still be used. Unknown, expired, revoked
    and used-up links all raise the same InvitationInvalid."""
    if not token or len(token) > 200:
        raise InvitationInvalid()
    invitation = usable_invitations().filter(token_digest=token_digest(token)).first()
    if invitation is None:
        raise InvitationInvalid()
    return invitation


def list_groups_for_invitations(*, viewer: AnyUser | None) -> QuerySet[Group]:
    """Groups an invitation can bring a new member into: not archived ones, which nobody
    joins."""
    if not can_manage_invitations(viewer):
        return Group.objects.none()
    return visible_groups(viewer).filter(archived_at__isnull=True).order_by("name_es")


# The people organisers manage ---------------------------------------------------------------


@dataclass(frozen=True)
class VerificationRow:
    profession: str
    method: str
    verified_by_name: str
    verified_at: datetime


@dataclass(frozen=True)
class ManagedMemberRow:
    card: MemberCard
    state: str
    state_label: str
    date_joined: datetime
    is_organiser: bool
    is_facilitator: bool
    suspension_reason: str
    professional: VerificationRow | None

    @property
    def id(self) -> int:
        return self.card.id

    @property
    def chosen_name(self) -> str:
        return self.card.chosen_name


MANAGED_STATES = (User.State.MEMBER, User.State.SUSPENDED, User.State.REMOVED)


def _managed_rows(viewer: AnyUser | None, users: list[User]) -> list[ManagedMemberRow]:
    standing = viewer_for(viewer, [u.pk for u in users])
    rows = []
    for user in users:
        if hasattr(user, "profile"):
            card = member_card(standing, user)
        else:
            card = MemberCard(id=user.pk, chosen_name=display_name(user), is_self=False, roles=())
        verification = getattr(user, "professional", None)
        rows.append(
            ManagedMemberRow(
                card=card,
                state=user.state,
                state_label=label(user, "state"),
                date_joined=user.date_joined,
                is_organiser=user.is_organiser,
                is_facilitator=user.is_facilitator,
                suspension_reason=user.suspension_reason,
                professional=(
                    VerificationRow(
                        profession=verification.profession,
                        method=verification.method,
                        verified_by_name=display_name(verification.verified_by),
                        verified_at=verification.verified_at,
                    )
                    if verification is not None
                    else None
                ),
            )
        )
    return rows


def _managed_users(viewer: AnyUser | None) -> QuerySet[User]:
    return managed_people(viewer).select_related(
        "profile__area", "professional__verified_by__profile"
    )


def list_managed_members(
    *,
    viewer: AnyUser | None,
    query: str = "",
    state: str = "",
    role: str = "",
    page: int | str | None = 1,
) -> ListPage[ManagedMemberRow]:
    """Members, suspended and removed people, searchable by chosen name, for organisers."""
    if not can_manage_network(viewer):
        raise NotFound()
    users = _managed_users(viewer).filter(state__in=MANAGED_STATES)
    if state in MANAGED_STATES:
        users = users.filter(state=state)
    if role == "organiser":
        users = users.filter(is_organiser=True)
    elif role == "facilitator":
        users = users.filter(is_facilitator=True)
    elif role == "professional":
        users = users.filter(professional__isnull=False)
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if query:
        names = search.matching(Profile.objects.all(), PROFILE_NAME_SEARCH, query)
        users = users.filter(profile__in=names)
    users = users.order_by(F("profile__sort_name").asc(nulls_last=True), "pk")
    return paginate(users, page, lambda page_users: _managed_rows(viewer, page_users))


def get_managed_member(*, viewer: AnyUser | None, member_id: int) -> User:
    """A member organisers may act on (not an applicant: those are reviewed as applications)."""
    if not can_manage_network(viewer):
        raise NotFound()
    user = _managed_users(viewer).filter(pk=member_id, state__in=MANAGED_STATES).first()
    if user is None:
        raise NotFound()
    return user


def get_managed_member_row(*, viewer: AnyUser | None, member_id: int) -> ManagedMemberRow:
    return _managed_rows(viewer, [get_managed_member(viewer=viewer, member_id=member_id)])[0]


# The organisers' dashboard ------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardFigures:
    applications: dict[str, int]
    active_invitations: int
    members: int
    suspended: int
    organisers: int
    conduct_version: int | None
    conduct_accepted: int


def get_dashboard(*, viewer: AnyUser | None) -> DashboardFigures:
    if not can_manage_network(viewer):
        raise NotFound()
    people = managed_people(viewer).aggregate(
        members=Count("pk", filter=in_good_standing()),
        suspended=Count("pk", filter=Q(state=User.State.SUSPENDED)),
        organisers=Count("pk", filter=in_good_standing() & Q(is_organiser=True)),
    )
    code = current_conduct()
    accepted = (
        ConductAcceptance.objects.filter(in_good_standing("user__"), code=code).count()
        if code
        else 0
    )
    return DashboardFigures(
        applications=count_applications(viewer=viewer),
        active_invitations=usable_invitations().count(),
        members=people["members"],
        suspended=people["suspended"],
        organisers=people["organisers"],
        conduct_version=code.version if code else None,
        conduct_accepted=accepted,
    )
