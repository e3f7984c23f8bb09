"""An offer of help for organisers only: its helper, the organisers and the requester who asked
its helper through it see it; other members (one in a block with the helper above all) do
not."""

from django.urls import reverse

from tejido.access.aid import visible_offers
from tejido.access.aid_cards import offer_cards
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User

FIELDS = {
    "title": "the offer itself: its title",
    "description": "its description",
    "helper_name": "who offers (the helper's chosen name)",
}


def _build() -> KindWorld:
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.aid.factories import AidRequestFactory, MatchFactory
    from tejido.aid.services import open_offer

    markers = {name: marker("aidoffer", name) for name in FIELDS}
    helper = UserFactory(profile__chosen_name=markers["helper_name"])
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "blocked": UserFactory(),
        "matched_requester": UserFactory(),
        "helper": helper,
        "organiser": OrganiserFactory(),
    }
    offer = open_offer(
        actor=helper,
        category="tech",
        title=markers["title"],
        description=markers["description"],
        visibility="organisers",
    )
    request = AidRequestFactory(requester=viewers["matched_requester"], category="tech")
    MatchFactory(request=request, helper=helper, offer=offer, proposed_by="requester")
    BlockFactory(blocker=helper, blocked=viewers["blocked"])
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("aid_offer_detail", args=[offer.pk]),
        api=lambda relation: f"/aid/offers/{offer.pk}",
        extra={"offer": offer, "sees_everything": "helper"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    offers = list(visible_offers(viewer).filter(pk=world.extra["offer"].pk))
    return " ".join(repr(card) for card in offer_cards(viewer, offers))


EVERYTHING = frozenset(FIELDS)
register(
    PrivacyKind(
        name="aid_offer",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "member": "a vetted member",
            "blocked": "a vetted member whom the helper blocked",
            "matched_requester": "a requester who asked its helper through it",
            "helper": "who offers it",
            "organiser": "a network organiser",
        },
        fields=FIELDS,
        sees={"matched_requester": EVERYTHING, "helper": EVERYTHING, "organiser": EVERYTHING},
        build=_build,
        policy=_policy,
    )
)
