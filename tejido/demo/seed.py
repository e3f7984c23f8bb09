"""Fill an empty database with the demo network in `content.py`.

Built straight from the models with bulk_create (one shared password hash), so it takes a
second or two. Idempotent: when the demo organiser already exists nothing is added or changed.
"""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import Case, Value, When
from django.urls import NoReverseMatch, reverse

from tejido.accounts.models import Audience, ProfessionalVerification, Profile, User
from tejido.audit.models import AuditEntry
from tejido.audit.services import audit_entry
from tejido.core.clock import now
from tejido.demo import content
from tejido.demo.aid_seed import seed_aid
from tejido.demo.buddies_seed import seed_buddies
from tejido.demo.crisis_seed import seed_crisis_lines
from tejido.demo.directory_seed import seed_directory
from tejido.demo.gathering_seed import seed_gatherings
from tejido.demo.professionals_seed import seed_professionals
from tejido.demo.support_seed import seed_support
from tejido.demo.support_sessions_seed import seed_support_sessions
from tejido.groups.models import Group, GroupMembership
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
from tejido.network.models import Area, NetworkSettings
from tejido.notifications.models import Notice
from tejido.notifications.services import recount_unread

Ago = Callable[[float], datetime]


@dataclass(frozen=True)
class SeedResult:
    created: bool
    members: int
    applicants: int
    groups: int


def demo_users() -> "models.QuerySet[User]":
    return User.objects.filter(email__endswith=f"@{content.DEMO_DOMAIN}")


def _counts(created: bool) -> SeedResult:
    people = demo_users()
    return SeedResult(
        created=created,
        members=people.filter(state=User.State.MEMBER).count(),
        applicants=people.filter(state=User.State.APPLICANT).count(),
        groups=Group.objects.filter(slug__in=[g.slug for g in content.GROUPS]).count(),
    )


def _backdate(model: type[models.Model], field: str, dates: dict[int, datetime]) -> None:
    """Set an auto_now_add column (which bulk_create overwrites) for many rows in one query."""
    if not dates:
        return
    column = model._meta.get_field(field)
    assert isinstance(column, models.Field)
    whens = [When(pk=pk, then=Value(when)) for pk, when in dates.items()]
    model._default_manager.filter(pk__in=dates).update(**{field: Case(*whens, output_field=column)})


def _url(*names: str, args: list[Any] | None = None) -> str:
    """The first of several URL names that exists (pages are added feature by feature)."""
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return ""


@transaction.atomic
def seed_demo(*, password: str = content.DEFAULT_PASSWORD) -> SeedResult:
    if User.objects.filter(email=content.ORGANISER_EMAIL).exists():
        return _counts(created=False)

    current = now()

    def ago(days: float) -> datetime:
        return current - timedelta(days=days)

    NetworkSettings.objects.update_or_create(pk=1, defaults=content.NETWORK)

    Area.objects.bulk_create(
        [
            Area(name=name, position=position)
            for position, name in enumerate(content.AREAS)
            if not Area.objects.filter(name=name).exists()
        ]
    )
    areas = {area.name: area for area in Area.objects.filter(name__in=content.AREAS)}

    code = CodeOfConduct.objects.order_by("-version").first()
    if code is None:
        code = CodeOfConduct.objects.create(
            version=1, text_es=content.CONDUCT_ES, text_en=content.CONDUCT_EN
        )
        CodeOfConduct.objects.filter(pk=code.pk).update(published_at=ago(900))

    if not ApplicationQuestion.objects.exists():
        ApplicationQuestion.objects.bulk_create(
            [
                ApplicationQuestion(
                    text_es=q.text_es,
                    text_en=q.text_en,
                    help_es=q.help_es,
                    help_en=q.help_en,
                    required=q.required,
                    position=position,
                )
                for position, q in enumerate(content.QUESTIONS)
            ]
        )
    questions = list(ApplicationQuestion.objects.filter(active=True).order_by("position", "id"))

    groups: dict[str, Group] = {}
    for spec in content.GROUPS:
        groups[spec.slug], _created = Group.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name_es": spec.name_es,
                "name_en": spec.name_en,
                "description_es": spec.description_es,
                "description_en": spec.description_en,
                "kind": spec.kind,
                "join_policy": spec.join_policy,
                "listed": spec.listed,
                "area": areas.get(spec.area) if spec.area else None,
            },
        )

    # People: one password hash for everyone (hashing is deliberately slow).
    hashed = make_password(password)
    members = User.objects.bulk_create(
        [
            User(
                email=person.email,
                password=hashed,
                state=User.State.MEMBER,
                is_organiser=person.organiser,
                is_facilitator=person.facilitator,
                language=person.language,
                time_zone=person.time_zone,
                discreet_mode=person.discreet,
            )
            for person in content.PEOPLE
        ]
    )
    applicants = User.objects.bulk_create(
        [
            User(
                email=f"{applicant.key}@{content.DEMO_DOMAIN}",
                password=hashed,
                state=User.State.APPLICANT,
                language=applicant.language,
            )
            for applicant in content.APPLICANTS
        ]
    )
    by_key = {person.key: user for person, user in zip(content.PEOPLE, members, strict=True)}
    by_key |= {a.key: user for a, user in zip(content.APPLICANTS, applicants, strict=True)}
    organiser = by_key["organiser"]
    joined = {by_key[p.key].pk: ago(p.days_ago) for p in content.PEOPLE}
    joined |= {by_key[a.key].pk: ago(a.days_ago) for a in content.APPLICANTS}
    _backdate(User, "date_joined", joined)

    Profile.objects.bulk_create(
        [
            Profile(
                user=by_key[p.key],
                chosen_name=p.name,
                sort_name=Profile.sort_name_for(p.name),
                pronouns=p.pronouns,
                languages=list(p.languages),
                area=areas.get(p.area) if p.area else None,
                bio=p.bio,
                interests=p.interests,
                skills=p.skills,
                bio_audience=p.bio_audience,
                # Pronouns help everyone address each other well; most share them widely.
                pronouns_audience=Audience.MEMBERS,
            )
            for p in content.PEOPLE
        ]
        + [
            Profile(
                user=by_key[a.key],
                chosen_name=a.name,
                sort_name=Profile.sort_name_for(a.name),
                pronouns=a.pronouns,
                languages=[a.language],
            )
            for a in content.APPLICANTS
        ]
    )
    everyone = members + applicants
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in everyone]
    )
    ConductAcceptance.objects.bulk_create(
        [ConductAcceptance(user=user, code=code) for user in everyone]
    )

    roles = {
        "member": (GroupMembership.Role.MEMBER, GroupMembership.State.ACTIVE),
        "organiser": (GroupMembership.Role.ORGANISER, GroupMembership.State.ACTIVE),
        "requested": (GroupMembership.Role.MEMBER, GroupMembership.State.REQUESTED),
        "invited": (GroupMembership.Role.MEMBER, GroupMembership.State.INVITED),
    }
    memberships = GroupMembership.objects.bulk_create(
        [
            GroupMembership(
                group=groups[slug], user=by_key[p.key], role=roles[how][0], state=roles[how][1]
            )
            for p in content.PEOPLE
            for slug, how in p.groups.items()
        ]
    )
    since = {p.key: p.days_ago for p in content.PEOPLE}
    _backdate(
        GroupMembership,
        "created_at",
        {
            m.pk: ago(max(1, since[_key_of(by_key, m.user_id)] - 3 * index))
            for index, m in enumerate(memberships)
        },
    )

    professional = content.PROFESSIONAL
    ProfessionalVerification.objects.create(
        user=by_key[professional.person],
        profession=professional.profession,
        method=professional.method,
        verified_by=by_key[professional.verified_by],
        verified_at=ago(professional.days_ago),
    )

    applications = _seed_applications(by_key, questions, organiser, ago)
    invitation = _seed_invitation(by_key, groups, organiser, ago)
    _seed_notices(by_key, groups, ago)
    seed_gatherings(by_key)
    seed_aid(by_key)
    seed_directory(by_key)
    seed_support(by_key)
    seed_support_sessions()
    seed_buddies(by_key)
    seed_crisis_lines()
    seed_professionals(by_key["organiser"])
    _seed_audit(by_key, groups, applications, invitation, organiser, ago)
    return _counts(created=True)


def _key_of(by_key: dict[str, User], user_id: int) -> str:
    return next(key for key, user in by_key.items() if user.pk == user_id)


def _seed_applications(
    by_key: dict[str, User], questions: list[ApplicationQuestion], organiser: User, ago: Ago
) -> dict[str, Application]:
    """The three applications waiting for review, and the approved ones of recent members."""
    recent = [p for p in content.PEOPLE if p.days_ago < 100 and p.key != "taylor"]
    applications = Application.objects.bulk_create(
        [
            Application(
                user=by_key[a.key],
                status=Application.Status.QUESTION if a.question else Application.Status.PENDING,
            )
            for a in content.APPLICANTS
        ]
        + [
            Application(
                user=by_key[p.key],
                status=Application.Status.APPROVED,
                decided_by=organiser,
                decided_at=ago(p.days_ago),
            )
            for p in recent
        ]
    )
    keys = [a.key for a in content.APPLICANTS] + [p.key for p in recent]
    by_applicant = dict(zip(keys, applications, strict=True))
    applied = {by_applicant[a.key].pk: ago(a.days_ago) for a in content.APPLICANTS}
    applied |= {by_applicant[p.key].pk: ago(p.days_ago + 4) for p in recent}
    _backdate(Application, "created_at", applied)

    answers = []
    for a in content.APPLICANTS:
        for question, text in zip(questions, a.answers, strict=False):
            if text:
                answers.append(
                    ApplicationAnswer(application=by_applicant[a.key], question=question, text=text)
                )
    for p in recent:
        answers += [
            ApplicationAnswer(
                application=by_applicant[p.key],
                question=question,
                text=text,
            )
            for question, text in zip(
                questions,
                (
                    "Por una amiga de la red." if p.language == "es" else "A friend told me.",
                    "Conocer gente y echar una mano."
                    if p.language == "es"
                    else "Meeting people and helping out.",
                ),
                strict=False,
            )
        ]
    ApplicationAnswer.objects.bulk_create(answers)

    for a in content.APPLICANTS:
        if a.question:
            message = ApplicationMessage.objects.create(
                application=by_applicant[a.key],
                author=organiser,
                from_organisers=True,
                text=a.question,
            )
            ApplicationMessage.objects.filter(pk=message.pk).update(created_at=ago(a.days_ago - 1))
    return by_applicant


def _seed_invitation(
    by_key: dict[str, User], groups: dict[str, Group], organiser: User, ago: Ago
) -> Invitation:
    """One open invitation, already used once. Its token is random and shown nowhere: an
    organiser makes a new one to try the flow."""
    invitation = Invitation.objects.create(
        token_digest=hashlib.sha256(secrets.token_urlsafe(32).encode()).hexdigest(),
        created_by=organiser,
        note="Taller de fanzines de La Tabacalera",
        group=groups["cineclub-queer"],
        max_uses=5,
        uses=1,
        expires_at=ago(-21),
    )
    Invitation.objects.filter(pk=invitation.pk).update(created_at=ago(14))
    InvitationUse.objects.create(invitation=invitation, user=by_key["taylor"])
    return invitation


def _seed_notices(by_key: dict[str, User], groups: dict[str, Group], ago: Ago) -> None:
    organiser, member = by_key["organiser"], by_key["member"]
    review = _url("organise_applications", "organise_home")
    notices = [
        Notice(user=organiser, kind="application_received", url=review, read_at=None)
        for _applicant in content.APPLICANTS
    ]
    notices += [
        Notice(
            user=organiser,
            kind="invitation_used",
            params={"name": "Taylor"},
            url=_url("organise_invitations", "organise_home"),
            read_at=ago(11),
        ),
        Notice(
            user=member,
            kind="group_request_approved",
            params={"group": groups["circulo-trans"].name_es},
            url=_url("group_detail", args=["circulo-trans"]),
        ),
        Notice(
            user=member,
            kind="application_approved",
            params={"network": content.NETWORK["name"]},
            url=_url("home"),
            read_at=ago(320),
        ),
    ]
    for notice in notices:
        # In the demo nothing is emailed: mark them as already sent.
        notice.emailed_at = ago(0)
    created = Notice.objects.bulk_create(notices)
    recount_unread(user_ids=[n.user_id for n in created])
    days = [a.days_ago for a in content.APPLICANTS] + [12, 20, 329]
    _backdate(Notice, "created_at", {n.pk: ago(d) for n, d in zip(created, days, strict=True)})


def _seed_audit(
    by_key: dict[str, User],
    groups: dict[str, Group],
    applications: dict[str, Application],
    invitation: Invitation,
    organiser: User,
    ago: Ago,
) -> None:
    """A plausible history of organiser actions, oldest first."""
    dani, ines, rio, ernesto = by_key["dani"], by_key["ines"], by_key["rio"], by_key["ernesto"]
    code = CodeOfConduct.objects.get(version=1)
    entries: list[tuple[User, str, User | None, models.Model | None, dict[str, Any], float]] = [
        (organiser, "conduct.publish", None, code, {"version": 1}, 899),
        (organiser, "settings.update", None, NetworkSettings.current(), {"changed": ["name"]}, 898),
        *[
            (organiser, "area.add", None, area, {}, 897)
            for area in Area.objects.filter(name__in=content.AREAS)
        ],
        *[
            (dani, "question.add", None, question, {}, 840)
            for question in ApplicationQuestion.objects.order_by("position")
        ],
        (
            dani,
            "member.roles",
            rio,
            None,
            {
                "before": {"organiser": False, "facilitator": False},
                "after": {"organiser": False, "facilitator": True},
            },
            700,
        ),
        (
            dani,
            "member.verify_professional",
            ines,
            None,
            {"profession": content.PROFESSIONAL.profession},
            content.PROFESSIONAL.days_ago,
        ),
        *[
            (
                organiser,
                "application.approve",
                application.user,
                application,
                {},
                _days(by_key, application.user),
            )
            for key, application in applications.items()
            if application.status == Application.Status.APPROVED
        ],
        (
            rio,
            "group.approve_request",
            by_key["member"],
            groups["circulo-trans"],
            {},
            20,
        ),
        (
            organiser,
            "invitation.create",
            None,
            invitation,
            {"max_uses": 5, "group": groups["cineclub-queer"].pk, "emailed": False},
            14,
        ),
        (
            organiser,
            "application.ask",
            ernesto,
            applications["ernesto"],
            {},
            5,
        ),
    ]
    created = AuditEntry.objects.bulk_create(
        [
            audit_entry(actor=actor, action=action, target_user=person, target=t, detail=d)
            for actor, action, person, t, d, _ in entries
        ]
    )
    _backdate(
        AuditEntry,
        "created_at",
        {entry.pk: ago(row[5]) for entry, row in zip(created, entries, strict=True)},
    )


def _days(by_key: dict[str, User], user: User) -> float:
    key = _key_of(by_key, user.pk)
    return next(p.days_ago for p in content.PEOPLE if p.key == key)
