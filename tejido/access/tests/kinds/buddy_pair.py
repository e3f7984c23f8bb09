"""An active buddy pair: that the two are paired is theirs alone. Each side's chosen name is
planted as a marker, so a page or answer that told anyone else of the pair would show it.
Organisers do not see pairs; someone the seeker blocked sees nothing of it."""

from django.urls import reverse

from tejido.access.buddies import pair_cards, visible_pairs
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User

FIELDS = {
    "seeker_name": "the chosen name of the one who looked for a buddy",
    "buddy_name": "the chosen name of their buddy",
}


def _build() -> KindWorld:
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.buddies import services
    from tejido.buddies.factories import BuddyProfileFactory

    markers = {name: marker("buddypair", name) for name in FIELDS}
    seeker = BuddyProfileFactory(user__profile__chosen_name=markers["seeker_name"]).user
    buddy = BuddyProfileFactory(
        seeking=False, offering=True, user__profile__chosen_name=markers["buddy_name"]
    ).user
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "other_member": UserFactory(),
        "blocked": UserFactory(),
        "organiser": OrganiserFactory(),
        "seeker": seeker,
        "buddy": buddy,
    }
    pair = services.propose(actor=seeker, other_id=buddy.pk, role="seeker")
    services.answer(actor=buddy, pair=pair, accept=True)
    BlockFactory(blocker=seeker, blocked=viewers["blocked"])
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("buddies_pair", args=[pair.pk]),
        api=lambda relation: f"/buddies/pairs/{pair.pk}",
        extra={"pair": pair, "sees_everything": "seeker"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    from tejido.buddies.selectors import names_of

    pair = visible_pairs(viewer).filter(pk=world.extra["pair"].pk).first()
    if pair is None or viewer is None:
        return ""
    names = names_of({pair.seeker_id, pair.buddy_id})
    return " ".join(repr(card) for card in pair_cards(viewer, [pair], names))


register(
    PrivacyKind(
        name="buddy_pair",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "other_member": "a vetted member",
            "blocked": "a member the seeker blocked",
            "organiser": "a network organiser",
            "seeker": "the one who looked for a buddy",
            "buddy": "their buddy",
        },
        fields=FIELDS,
        # Each side is shown the other (their own name is not the pair's to show).
        sees={"seeker": frozenset({"buddy_name"}), "buddy": frozenset({"seeker_name"})},
        build=_build,
        policy=_policy,
    )
)
