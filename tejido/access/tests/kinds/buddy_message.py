"""A message in an active buddy pair's private thread (sealed at rest): for the two sides
only, never organisers, never anyone in a block with a side, never any other member."""

from django.urls import reverse

from tejido.access.buddies import can_read_thread, thread_message_cards, visible_pairs
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User

FIELDS = {"message": "a message in the pair's private thread"}


def _build() -> KindWorld:
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.buddies import services
    from tejido.buddies.factories import BuddyPairFactory

    markers = {name: marker("buddymessage", name) for name in FIELDS}
    pair = BuddyPairFactory()
    services.post_message(actor=pair.buddy, pair=pair, body=markers["message"])
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "other_member": UserFactory(),
        "blocked": UserFactory(),
        "organiser": OrganiserFactory(),
        "seeker": pair.seeker,
        "buddy": pair.buddy,
    }
    BlockFactory(blocker=viewers["blocked"], blocked=pair.buddy)
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("buddies_pair", args=[pair.pk]),
        api=lambda relation: f"/buddies/pairs/{pair.pk}",
        extra={"pair": pair, "sees_everything": "seeker"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    from tejido.buddies.threads import messages_of

    pair = visible_pairs(viewer).filter(pk=world.extra["pair"].pk).first()
    if pair is None or not can_read_thread(viewer, pair):
        return ""
    return " ".join(
        repr(m) for m in thread_message_cards(viewer, list(messages_of(pair.thread_id)), {})
    )


register(
    PrivacyKind(
        name="buddy_message",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "other_member": "a vetted member",
            "blocked": "a member who blocked the buddy",
            "organiser": "a network organiser",
            "seeker": "one side of the pair",
            "buddy": "the other side, who wrote it",
        },
        fields=FIELDS,
        sees={"seeker": frozenset(FIELDS), "buddy": frozenset(FIELDS)},
        build=_build,
        policy=_policy,
    )
)
