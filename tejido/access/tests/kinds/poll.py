"""A group's poll on the next film: its title is for the group's members and network
organisers; who voted for what is for nobody, not even the poll's creator or organisers (a
voter's name is planted as the marker, and must never appear beside the counts)."""

from datetime import timedelta

from django.urls import reverse

from tejido.access.films import poll_cards, visible_polls
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User
from tejido.core.clock import now

FIELDS = {"title": "a group's poll's title", "voter": "who voted (a voter's name)"}


def _build() -> KindWorld:
    from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
    from tejido.gatherings.factories import FilmFactory
    from tejido.gatherings.film_services import create_poll, vote
    from tejido.groups.factories import GroupFactory, GroupMembershipFactory

    markers = {name: marker("poll", name) for name in FIELDS}
    group = GroupFactory()
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "group_member": UserFactory(),
        "group_organiser": UserFactory(),
        "organiser": OrganiserFactory(),
    }
    voter = UserFactory(profile__chosen_name=markers["voter"])
    for person, role in (
        (viewers["group_member"], "member"),
        (viewers["group_organiser"], "organiser"),
        (voter, "member"),
    ):
        GroupMembershipFactory(group=group, user=person, role=role)
    poll = create_poll(
        actor=viewers["group_organiser"],
        title_es=markers["title"],
        title_en=markers["title"],
        group=group,
        closes_at=now() + timedelta(days=7),
        films=[FilmFactory(), FilmFactory()],
    )
    first, second = poll.options.order_by("pk")
    vote(actor=voter, poll=poll, option=first)
    vote(actor=viewers["group_member"], poll=poll, option=second)
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("poll_detail", args=[poll.pk]),
        api=lambda relation: f"/polls/{poll.pk}",
        extra={"poll": poll},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    polls = list(visible_polls(viewer).filter(pk=world.extra["poll"].pk))
    return str(poll_cards(viewer, polls, now=now()))


register(
    PrivacyKind(
        name="poll",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "member": "a vetted member outside the group",
            "group_member": "a member of the poll's group who voted",
            "group_organiser": "the group's organiser, who opened the poll",
            "organiser": "a network organiser",
        },
        fields=FIELDS,
        sees={
            "group_member": frozenset({"title"}),
            "group_organiser": frozenset({"title"}),
            "organiser": frozenset({"title"}),
        },
        build=_build,
        policy=_policy,
    )
)
