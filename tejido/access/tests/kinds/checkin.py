"""A check-in a team member took: their first words and the member's reply (sealed at rest)
are for the two of them only. Organisers, who name the team, do not see it; nor does another
team member, nor anyone in a block with the member."""

from django.urls import reverse

from tejido.access.buddies import thread_message_cards
from tejido.access.checkins import can_read_checkin, checkin_cards, visible_checkins
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User

FIELDS = {
    "message": "the team member's words to the member",
    "reply": "the member's reply",
}


def _build() -> KindWorld:
    from datetime import timedelta

    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.checkins import services
    from tejido.checkins.models import CheckinChoice
    from tejido.core.clock import now

    markers = {name: marker("checkin", name) for name in FIELDS}
    organiser = OrganiserFactory()
    team_member, other_team_member, member = UserFactory(), UserFactory(), UserFactory()
    for person in (team_member, other_team_member):
        services.add_to_team(actor=organiser, member_id=person.pk)
    services.opt_in(actor=member, weeks=2)
    CheckinChoice.objects.filter(user=member).update(
        last_seen_on=services.today() - timedelta(weeks=3), due_since=now()
    )
    checkin = services.take(actor=team_member, member_id=member.pk, body=markers["message"])
    services.write_in(actor=member, checkin=checkin, body=markers["reply"])
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "other_member": UserFactory(),
        "blocked": UserFactory(),
        "organiser": organiser,
        "other_team_member": other_team_member,
        "team_member": team_member,
        "member": member,
    }
    BlockFactory(blocker=member, blocked=viewers["blocked"])
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("checkin_detail", args=[checkin.pk]),
        api=lambda relation: f"/check-ins/{checkin.pk}",
        extra={"checkin": checkin, "sees_everything": "member"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    from tejido.buddies.threads import messages_of

    checkin = visible_checkins(viewer).filter(pk=world.extra["checkin"].pk).first()
    if checkin is None or not can_read_checkin(viewer, checkin):
        return ""
    shown = [repr(card) for card in checkin_cards(viewer, [checkin], {})]
    messages = thread_message_cards(viewer, list(messages_of(checkin.thread_id)), {})
    return " ".join(shown + [repr(m) for m in messages])


register(
    PrivacyKind(
        name="checkin",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "other_member": "a vetted member",
            "blocked": "a member the member blocked",
            "organiser": "the organiser who named the team",
            "other_team_member": "another member of the check-in team",
            "team_member": "the team member who reached out",
            "member": "the member checked on",
        },
        fields=FIELDS,
        sees={"team_member": frozenset(FIELDS), "member": frozenset(FIELDS)},
        build=_build,
        policy=_policy,
    )
)
