"""A small network with a unique marker string planted in every protected field, and the table
of who may see each marker.

People (their key is how the sweep names them):
- organiser: a network organiser.
- member: a vetted member in no group with anyone.
- shared: a vetted member of group G, with the four subjects.
- facilitator: a vetted facilitator and verified professional (the verification's method is a
  marker), in no group.
- blocked: a vetted member of group G, blocked by `blocker`.
- blocker: a vetted member of group G whose every profile field is for all members; they
  blocked `blocked`, so the two must not see each other anywhere (the blocker sees the blocked
  person's name only on their own list of blocks, to undo it).
- s_only, s_org, s_shared: vetted members of group G with every profile field at the audience
  "only me", "organisers", "members of a group I am in".
- s_fac: a vetted member of group G with every profile field at the audience "facilitators of
  my circles", in a support circle `facilitator` facilitates (proof/world_support.py).
- applicant: signed up through the real sign-up page, applied (answers are markers), was asked
  a question by the organisers (a marker) and replied (a marker).
- suspended: suspended by the organiser with a reason (a marker).

Every person's email address and chosen name are markers; so are an invitation's note, an
audit entry's details and an API token's secret.

Reports (what the reporter wrote is for organisers only, the reporter included once it is sent;
an organiser's note is for organisers; a warning's message for organisers and the member
warned):
- `blocked` reported `blocker` before the block; the organiser warned `blocker` (a marker). The
  reported person has since blocked the reporter, so the reporter's name (already a marker only
  the blocker's list of blocks may show them) proves that nothing about the report, the
  warning or its notice names the reporter to the person reported.
- `member` reported `shared`; the organiser dismissed it with a note (a marker).
- `shared` reported `facilitator`; it is still open, for the queue's forms and API writes.
- `member` reported `suspended`, whom the organiser suspended from the report.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core import mail
from django.test import Client
from django.utils import translation

from proof.forms import fill, find_form
from proof.world_aid import plant_aid
from proof.world_buddies import plant_buddies
from proof.world_directory import plant_directory
from proof.world_gatherings import Moment, plant_gatherings
from proof.world_support import plant_support
from proof.world_support_sessions import plant_support_sessions
from tejido.accounts.models import ApiToken, Audience, Profile, User
from tejido.notifications.kinds import kind_for

PERSONS = (
    "organiser",
    "member",
    "shared",
    "facilitator",
    "blocked",
    "blocker",
    "s_only",
    "s_org",
    "s_shared",
    "s_fac",
    "applicant",
    "suspended",
    "declined",
)
# Who the sweep looks through the eyes of (the three plain subjects add nothing as viewers that
# `shared` does not cover).
VIEWERS = (
    "anonymous",
    "applicant",
    "member",
    "shared",
    "blocked",
    "blocker",
    "suspended",
    "facilitator",
    "organiser",
)
VETTED = frozenset(
    {
        "organiser",
        "member",
        "shared",
        "facilitator",
        "blocked",
        "blocker",
        "s_only",
        "s_org",
        "s_shared",
        "s_fac",
    }
)
GROUP_G = frozenset({"shared", "blocked", "blocker", "s_only", "s_org", "s_shared", "s_fac"})
BLOCKS = frozenset({("blocker", "blocked")})
SUBJECT_AUDIENCE = {
    "s_only": Audience.ONLY_ME,
    "s_org": Audience.ORGANISERS,
    "s_shared": Audience.SHARED_GROUP,
    "blocker": Audience.MEMBERS,
    "s_fac": Audience.FACILITATORS,
}
# Who facilitates a support circle that whom has a place in (the audience "facilitators of my
# circles"), for the subjects whose fields are for them.
FACILITATES = frozenset({("facilitator", "s_fac")})
TEXT_FIELDS = (
    "pronouns",
    "bio",
    "interests",
    "skills",
    "accessibility_needs",
    "dietary_needs",
    "identity_tags",
)
# Where organisers legitimately see what only organisers handle (application answers, email
# addresses, notes, reasons): the organiser pages and the organisers' API operations.
ORGANISER_AREA = ("/organise/", "/api/v1/applications", "/api/v1/organise/")
PASSWORD = "a long unusual passphrase 7391"


def invitation_used_subject(recipient: User) -> str:
    with translation.override(recipient.language):
        return kind_for("invitation_used").render_subject({})


def in_block(a: str, b: str) -> bool:
    return (a, b) in BLOCKS or (b, a) in BLOCKS


def shares_group(a: str, b: str) -> bool:
    return a in GROUP_G and b in GROUP_G


@dataclass(frozen=True)
class Marker:
    """A unique string planted in one protected field, and who may see it.

    `viewers` may see it on every surface (pages, API, their own email); the `owner` sees it
    everywhere too. With `organiser_area`, the organiser also sees it on organiser pages and
    the organisers' API operations, read or written (and nowhere else: not in member pages,
    other API operations or email). `also` lists (viewer, path prefix) pairs where one more
    viewer may see it on that page only. `moments` lists (moment, viewers) pairs: at that
    moment of the sweep (see world_gatherings.Moment), those viewers may see it too. On the
    paths `not_on` starts, nobody but the owner may see it, whatever else allows it."""

    value: str
    kind: str
    label: str
    owner: str | None = None
    viewers: frozenset[str] = frozenset()
    organiser_area: bool = False
    also: tuple[tuple[str, str], ...] = ()
    # A value from a list everyone picks from (an area): seeing it as an <option> of a form
    # says nothing about anyone.
    listed: bool = False
    moments: tuple[tuple[str, frozenset[str]], ...] = ()
    not_on: tuple[str, ...] = ()

    def allowed(self, viewer: str, surface: str, path: str, moment: str = "") -> bool:
        if viewer == self.owner:
            return True
        if self.not_on and surface != "email" and path.startswith(self.not_on):
            return False
        if viewer in self.viewers:
            return True
        if any(viewer in who for name, who in self.moments if name == moment):
            return True
        if (
            self.organiser_area
            and viewer == "organiser"
            and surface != "email"
            and path.startswith(ORGANISER_AREA)
        ):
            return True
        return any(viewer == who and path.startswith(prefix) for who, prefix in self.also)


@dataclass
class World:
    people: dict[str, User]
    markers: list[Marker]
    groups: dict[str, Any]
    tokens: dict[str, str]
    ids: dict[str, list[int]] = field(default_factory=dict)
    strings: dict[str, list[str]] = field(default_factory=dict)
    flows: list[str] = field(default_factory=list)

    outsider: str = ""
    # Private calendar feeds by whose they are: fetched by the sweep as their owner only.
    feeds: dict[str, list[str]] = field(default_factory=dict)
    # Later moments at which the sweep fetches a few addresses again.
    moments: list[Moment] = field(default_factory=list)

    def key_for_email(self, address: str) -> str:
        """Whose mailbox an address is: a person's key, the invited outsider, or anyone."""
        for key, user in self.people.items():
            if user.email.lower() == address.lower():
                return key
        if address.lower() == self.outsider.lower():
            return "outsider"
        return "anonymous"


class _Counter:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, label: str) -> str:
        self.n += 1
        # Letters and digits only: survives HTML escaping, JSON and case changes unaltered.
        return f"zq{self.n:03d}{label.replace('_', '')}qz"


def sees_member(viewer: str, subject: str) -> bool:
    """Whether `viewer` may see that `subject` exists (their name, their card)."""
    if viewer == subject:
        return True
    return viewer in VETTED and subject in VETTED and not in_block(viewer, subject)


def sees_field(viewer: str, subject: str, audience: str) -> bool:
    """The field audience rules, written out independently of tejido.access."""
    if viewer == subject:
        return True
    if not sees_member(viewer, subject):
        return False
    if audience == Audience.MEMBERS:
        return True
    if audience == Audience.SHARED_GROUP:
        return viewer == "organiser" or shares_group(viewer, subject)
    if audience == Audience.ORGANISERS:
        return viewer == "organiser"
    if audience == Audience.FACILITATORS:
        return (viewer, subject) in FACILITATES
    return False


def build_world(*, capture: Callable[..., Any], block_pages: tuple[str, ...] = ()) -> World:
    """Plant everything. `capture` is pytest-django's django_capture_on_commit_callbacks, so that
    email queued after commit is sent into mail.outbox. `block_page` is the path prefix of a
    member's own list of blocks (page and API)."""
    from tejido.accounts.factories import OrganiserFactory, UserFactory
    from tejido.accounts.services import block_member
    from tejido.accounts.tokens import create_token
    from tejido.audit.services import record_action
    from tejido.core.clock import now
    from tejido.groups.factories import GroupFactory, GroupMembershipFactory
    from tejido.groups.models import Group, GroupMembership
    from tejido.groups.services import request_to_join
    from tejido.membership.factories import ApplicationQuestionFactory
    from tejido.membership.member_services import verify_professional
    from tejido.membership.models import Application
    from tejido.membership.services import (
        accept_conduct,
        ask_applicant,
        create_invitation,
        publish_conduct,
        reply_to_application,
        submit_application,
    )
    from tejido.moderation.report_services import (
        dismiss_report,
        report,
        suspend_from_report,
        warn_member,
    )
    from tejido.network.models import Area

    mk = _Counter()
    markers: list[Marker] = []
    people: dict[str, User] = {}
    flows: list[str] = []

    def add(value: str, kind: str, label: str, **rules: Any) -> str:
        markers.append(Marker(value=value, kind=kind, label=label, **rules))
        return value

    # --- people -------------------------------------------------------------------------
    for key in PERSONS:
        if key in ("applicant", "declined"):
            continue
        email = mk(f"mail{key}") + "@example.org"
        name = mk(f"name{key}")
        factory = OrganiserFactory if key == "organiser" else UserFactory
        user = factory(email=email, profile__chosen_name=name, profile__pronouns="")
        people[key] = user
    people["facilitator"].is_facilitator = True
    people["facilitator"].save(update_fields=["is_facilitator"])

    organiser = people["organiser"]
    with capture(execute=True):
        publish_conduct(actor=organiser, text_es="Nos cuidamos.", text_en="We look after us.")
    for key in VETTED - {"organiser"}:
        accept_conduct(actor=people[key])
    flows.append("conduct published and accepted")

    # The applicant comes in through the real sign-up page.
    questions = [ApplicationQuestionFactory(), ApplicationQuestionFactory(required=False)]
    applicant_email = mk("mailapplicant") + "@example.org"
    applicant_name = mk("nameapplicant")
    signup = Client()
    page = signup.get("/accounts/signup/")
    form = find_form(page.content.decode(), containing="password1")
    with capture(execute=True):
        response = signup.post(
            "/accounts/signup/",
            fill(
                form,
                {
                    "email": applicant_email,
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                    "chosen_name": applicant_name,
                },
            ),
        )
    assert response.status_code in (302, 303), "sign-up did not go through"
    applicant = User.objects.get(email=applicant_email)
    people["applicant"] = applicant
    flows.append("sign-up (allauth page)")

    # --- names and addresses: who may see whom ----------------------------------------------
    def plant_identity(key: str, user: User) -> None:
        add(user.email, "email address", f"{key}'s email", owner=key, organiser_area=True)
        name = Profile.objects.get(user=user).chosen_name
        seers = frozenset(v for v in VIEWERS if v != key and sees_member(v, key))
        also: tuple[tuple[str, str], ...] = ()
        if key == "blocked":
            also = tuple(("blocker", page) for page in block_pages)
        if key == "applicant":
            # When a write of the sweep has the applicant join with the organiser's invitation,
            # the organiser is emailed their name: by then they are a member, whom every member
            # sees. Only that email, by its subject in the organiser's language.
            also = (("organiser", invitation_used_subject(people["organiser"])),)
        add(
            name,
            "chosen name",
            f"{key}'s chosen name",
            owner=key,
            viewers=seers,
            organiser_area=True,
            also=also,
        )

    for key, user in list(people.items()):
        plant_identity(key, user)

    # --- profile fields at each audience ------------------------------------------------------
    for subject, audience in SUBJECT_AUDIENCE.items():
        values: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            value = mk(f"{name[:6]}{audience[:4]}")
            values[name] = value
            values[f"{name}_audience"] = audience
            seers = frozenset(
                v for v in VIEWERS if v != subject and sees_field(v, subject, audience)
            )
            add(
                value,
                f"profile {name}",
                f"{subject}'s {name} ({audience})",
                owner=subject,
                viewers=seers,
            )
        area = Area.objects.create(name=mk(f"area{audience[:4]}"), position=900)
        values["area"] = area
        values["area_audience"] = audience
        markers.append(
            Marker(
                value=area.name,
                kind="profile area",
                label=f"{subject}'s area ({audience})",
                owner=subject,
                viewers=frozenset(
                    v for v in VIEWERS if v != subject and sees_field(v, subject, audience)
                ),
                listed=True,
                # Organisers keep the list of areas itself (and where each lies, for matching).
                also=(("organiser", "/organise/areas/"), ("organiser", "/aid/areas/")),
            )
        )
        language = mk(f"lang{audience[:4]}")
        values["languages"] = [language]
        values["languages_audience"] = audience
        seers = frozenset(v for v in VIEWERS if v != subject and sees_field(v, subject, audience))
        add(
            language,
            "profile languages",
            f"{subject}'s languages ({audience})",
            owner=subject,
            viewers=seers,
        )
        Profile.objects.filter(user=people[subject]).update(**values)
    flows.append("profiles planted at every audience")
    # An area that is no marker, for members to choose in the API write sweep.
    plain_area = Area.objects.create(name="Centro", position=901)

    # --- groups --------------------------------------------------------------------------------
    group_g = GroupFactory(slug="garden", join_policy=Group.JoinPolicy.OPEN)
    for key in sorted(GROUP_G):
        GroupMembershipFactory(group=group_g, user=people[key])
    # A group run by `shared`, by request: `member` asks to join (a notice to its organiser).
    group_r = GroupFactory(slug="by-request", join_policy=Group.JoinPolicy.REQUEST)
    GroupMembershipFactory(
        group=group_r, user=people["shared"], role=GroupMembership.Role.ORGANISER
    )
    with capture(execute=True):
        request_to_join(actor=people["member"], group=group_r)
    flows.append("join request")

    # A hidden group run by `shared`: nobody else but network organisers may learn its name.
    hidden_name = add(
        mk("hiddengroup"),
        "hidden group",
        "a hidden group's name",
        viewers=frozenset({"shared", "organiser"}),
    )
    group_h = GroupFactory(slug="hidden", listed=False, name_es=hidden_name, name_en=hidden_name)
    GroupMembershipFactory(
        group=group_h, user=people["shared"], role=GroupMembership.Role.ORGANISER
    )
    flows.append("hidden group")

    # --- reports: what the reporter wrote, for organisers only ---------------------------------
    def send_report(reporter: str, reported: str) -> Any:
        text = add(
            mk(f"report{reporter[:4]}"),
            "report text",
            f"{reporter}'s report about {reported}",
            organiser_area=True,
        )
        with capture(execute=True):
            return report(
                actor=people[reporter],
                kind="member",
                target_id=people[reported].pk,
                reason="harassment",
                text=text,
            )

    # Before the block: the person who will be blocked reports the one who will block them.
    warned_report = send_report("blocked", "blocker")
    dismissed_report = send_report("member", "shared")
    open_report = send_report("shared", "facilitator")
    suspension_report = send_report("member", "suspended")
    report_note = add(
        mk("reportnote"), "report note", "an organiser's note on a report", organiser_area=True
    )
    with capture(execute=True):
        dismiss_report(actor=organiser, report_id=dismissed_report.pk, note=report_note)
    flows.append("reports sent, one dismissed with a note")

    # --- the block ------------------------------------------------------------------------------
    with capture(execute=True):
        block_member(actor=people["blocker"], target=people["blocked"])
    flows.append("block")

    # After the block, the blocked person asks to join a group the blocker runs: the blocker
    # must not see the request (its other organisers, here the network's, decide it).
    group_b = GroupFactory(slug="kept-apart", join_policy=Group.JoinPolicy.REQUEST)
    GroupMembershipFactory(
        group=group_b, user=people["blocker"], role=GroupMembership.Role.ORGANISER
    )
    with capture(execute=True):
        request_to_join(actor=people["blocked"], group=group_b)
    flows.append("join request across a block")

    # After the block, the organiser warns the person reported by someone they now block.
    warning = add(
        mk("warning"),
        "warning message",
        "a warning's message",
        owner="blocker",
        organiser_area=True,
    )
    with capture(execute=True):
        warn_member(actor=organiser, report_id=warned_report.pk, message=warning)
    flows.append("a member warned after a report, across a block")

    # --- gatherings: hidden places at each moment, invitation-only and group events ----------
    feeds: list[str] = []
    moments: list[Moment] = []
    gathering_ids = plant_gatherings(
        people=people,
        add=add,
        mk=mk,
        capture=capture,
        group_g=group_g,
        vetted=VETTED,
        group_members=GROUP_G,
        feeds=feeds,
        moments=moments,
        name_seers=lambda key: frozenset(v for v in VIEWERS if v != key and sees_member(v, key)),
    )
    flows.append(
        "gatherings: places before and after their reveal, invitation and group events, "
        "votes in a film poll"
    )
    aid_ids = plant_aid(people=people, add=add, mk=mk, capture=capture, vetted=VETTED)
    flows.append("aid board: sealed requests, threads, contacts, follow-up feedback, a microgrant")
    # --- support circles: a hidden circle's name, sealed intake answers ------------------------
    support_ids = plant_support(people=people, add=add, mk=mk, capture=capture)
    flows.append("support circles: a hidden circle, intake answers, a block inside a circle")
    # --- support circles: a circle's sessions and a facilitator's note ---
    session_ids = plant_support_sessions(people=people, add=add, mk=mk, capture=capture)
    flows.append("support circles: a circle's sessions (title, place) and a facilitator's note")
    # --- end of support circles' sessions ---
    # Peer buddies and check-ins (issue 13).
    buddies_ids = plant_buddies(people=people, add=add, mk=mk, capture=capture)
    flows.append("buddies and check-ins: a pair's thread, a block, a check-in's thread")

    # --- directory: a safe house, hidden places, what members add, an incident report -------
    with capture(execute=True):
        directory_ids = plant_directory(people=people, add=add, mk=mk, vetted=VETTED)
    incident_ids = directory_ids.pop("incident")
    flows.append("directory: safe house, hidden places, suggestions, recommendations, incidents")

    # --- application: answers, a question from organisers, the applicant's reply ---------------
    answers = {
        q.pk: add(
            mk(f"answer{i}"),
            "application answer",
            f"applicant's answer {i}",
            owner="applicant",
            organiser_area=True,
        )
        for i, q in enumerate(questions)
    }
    with capture(execute=True):
        application = submit_application(actor=applicant, answers=answers)
    question = add(
        mk("askedq"),
        "application message",
        "organisers' question to the applicant",
        owner="applicant",
        organiser_area=True,
    )
    with capture(execute=True):
        ask_applicant(actor=organiser, application=application, question=question)
    applicant.refresh_from_db()
    reply = add(
        mk("replyq"),
        "application message",
        "applicant's reply",
        owner="applicant",
        organiser_area=True,
    )
    with capture(execute=True):
        reply_to_application(actor=applicant, text=reply)
    flows.append("application: submit, question, reply")

    # A second applicant, declined with a message only they (and organisers) may read.
    from tejido.accounts.factories import ApplicantFactory
    from tejido.membership.services import decline_application

    declined = ApplicantFactory(
        email=mk("maildeclined") + "@example.org", profile__chosen_name=mk("namedeclined")
    )
    people["declined"] = declined
    plant_identity("declined", declined)
    with capture(execute=True):
        declined_application = submit_application(
            actor=declined, answers={q.pk: "Hola" for q in questions}
        )
    decline_message = add(
        mk("declinemsg"),
        "application message",
        "decline message",
        owner="declined",
        organiser_area=True,
    )
    with capture(execute=True):
        decline_application(
            actor=organiser, application=declined_application, message=decline_message
        )
    flows.append("application declined with a message")

    # A member asks for a password reset: allauth's email speaks only of their account.
    reset = Client()
    with capture(execute=True):
        reset.post("/accounts/password/reset/", {"email": people["member"].email})
    flows.append("password reset")

    # --- invitation with a note, sent by email to someone outside -------------------------------
    note = add(mk("invnote"), "invitation note", "invitation note", organiser_area=True)
    outsider = mk("mailoutsider") + "@example.org"
    add(outsider, "email address", "an invited outsider's address", owner="outsider")
    with capture(execute=True):
        invitation = create_invitation(
            actor=organiser,
            max_uses=3,
            expires_at=now() + timedelta(days=7),
            group=group_g,
            note=note,
            email=outsider,
        )
    flows.append("invitation emailed")

    # --- professional verification and suspension -------------------------------------------
    method = add(
        mk("method"),
        "verification method",
        "how the professional was checked",
        owner="facilitator",
        organiser_area=True,
    )
    with capture(execute=True):
        verify_professional(
            actor=organiser, member=people["facilitator"], profession="Psicóloga", method=method
        )
    # The suspended person's token is made while they are a member; it must stop working.
    tokens: dict[str, str] = {}
    for key in sorted(VETTED | {"suspended"}):
        _token, plaintext = create_token(actor=people[key], name="sweep")
        tokens[key] = plaintext
        # The part after the shown prefix is the secret: nobody may ever see it again.
        add(plaintext[12:], "API token secret", f"{key}'s API token secret")
    reason = add(mk("reason"), "suspension reason", "suspension reason", organiser_area=True)
    with capture(execute=True):
        suspend_from_report(actor=organiser, report_id=suspension_report.pk, reason=reason)
    flows.append("professional verified, member suspended from a report")

    # --- an audit entry with details ------------------------------------------------------------
    detail = add(mk("auditdetail"), "audit detail", "an audit entry's details", organiser_area=True)
    entry = record_action(
        actor=organiser,
        action="member.roles",
        target_user=people["member"],
        detail={"note": detail},
    )

    for user in people.values():
        user.refresh_from_db()

    from tejido.notifications.models import Notice

    groups = {"garden": group_g, "by-request": group_r, "kept-apart": group_b}
    world = World(
        people=people,
        markers=markers,
        groups=groups,
        tokens=tokens,
        flows=flows,
        outsider=outsider,
        feeds={"member": feeds},
        moments=moments,
    )
    world.ids = {
        "member": [u.pk for u in people.values()] + [999_999],
        "application": [application.pk, declined_application.pk, 999_999],
        "invitation": [invitation.invitation.pk, 999_999],
        "question": [q.pk for q in questions] + [999_999],
        "notice": [*Notice.objects.values_list("pk", flat=True), 999_999],
        "token": [*ApiToken.objects.values_list("pk", flat=True), 999_999],
        "audit": [entry.pk, 999_999],
        "report": [
            open_report.pk,
            warned_report.pk,
            dismissed_report.pk,
            suspension_report.pk,
            *incident_ids,
            999_999,
        ],
        **gathering_ids,
        **aid_ids,
        **support_ids,
        **buddies_ids,
        **directory_ids,
        # Support circles' sessions: their dates first (the sweep fills 40 combinations).
        "occurrence": [*session_ids.pop("occurrence"), *gathering_ids["occurrence"]],
        **session_ids,
        # The plain area first: it is what a member picks for themselves in a write.
        "area": [
            plain_area.pk,
            *Area.objects.exclude(pk=plain_area.pk).values_list("pk", flat=True),
            999_999,
        ],
    }
    world.strings = {
        "slug": [group_g.slug, group_r.slug, group_b.slug, "no-such-group"],
        "token": [invitation.token, "not-a-real-invitation-token"],
    }
    assert Application.objects.filter(user=applicant).exists()
    world.flows.append(f"{len(mail.outbox)} emails sent")
    return world
