"""An open request for help seen by vetted helpers only, from a requester who stays anonymous:
its title and description are for its requester, the helpers of its category (members with an
open offer in it) and organisers; who asked, for the requester and organisers only; the
private thread of a helper's offer on it, for that helper and the requester (not organisers:
they did not dispatch it). Someone in a block with the requester sees nothing of it."""

from django.urls import reverse

from tejido.access.aid import visible_matches, visible_requests
from tejido.access.aid_cards import match_cards, message_cards, request_cards
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User

FIELDS = {
    "title": "the request itself: its title",
    "description": "its description (sealed)",
    "requester_name": "who asked (an anonymous requester's chosen name)",
    "message": "a message of the requester in a helper's private thread",
}


def _build() -> KindWorld:
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.aid.factories import AidOfferFactory
    from tejido.aid.match_services import offer_help, post_message
    from tejido.aid.services import open_request

    markers = {name: marker("aidrequest", name) for name in FIELDS}
    requester = UserFactory(profile__chosen_name=markers["requester_name"])
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "suspended": UserFactory(),
        "other_member": UserFactory(),
        "helper": UserFactory(),
        "proposing_helper": UserFactory(),
        "blocked": UserFactory(),
        "requester": requester,
        "organiser": OrganiserFactory(),
    }
    for relation in ("suspended", "helper", "proposing_helper", "blocked"):
        AidOfferFactory(helper=viewers[relation], category="food")
    request = open_request(
        actor=requester,
        category="food",
        title=markers["title"],
        description=markers["description"],
        visibility="helpers",
        anonymous=True,
    )
    match = offer_help(actor=viewers["proposing_helper"], request=request, message="Puedo")
    post_message(actor=requester, match=match, body=markers["message"])
    BlockFactory(blocker=requester, blocked=viewers["blocked"])
    suspended = viewers["suspended"]
    assert suspended is not None
    suspended.state = User.State.SUSPENDED
    suspended.save(update_fields=["state"])
    in_thread = ("requester", "proposing_helper")
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: (
            reverse("aid_match_detail", args=[match.pk])
            if relation in in_thread
            else reverse("aid_request_detail", args=[request.pk])
        ),
        api=lambda relation: (
            f"/aid/matches/{match.pk}" if relation in in_thread else f"/aid/requests/{request.pk}"
        ),
        extra={"request": request, "match": match, "sees_everything": "requester"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    requests = list(visible_requests(viewer).filter(pk=world.extra["request"].pk))
    shown = [repr(card) for card in request_cards(viewer, requests)]
    matches = list(visible_matches(viewer).filter(pk=world.extra["match"].pk))
    for card, match in zip(match_cards(viewer, matches), matches, strict=True):
        shown.append(repr(card))
        if card.can_read_thread:
            shown += [repr(m) for m in message_cards(viewer, match, match.messages.all())]
    return " ".join(shown)


THE_REQUEST = frozenset({"title", "description"})
register(
    PrivacyKind(
        name="aid_request",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "suspended": "a suspended member who offered help of its kind",
            "other_member": "a vetted member who offers no help of its kind",
            "helper": "a vetted helper of its kind (an open offer of food)",
            "proposing_helper": "a helper who offered to help with it, in its private thread",
            "blocked": "a helper of its kind whom the requester blocked",
            "requester": "who asked (anonymously)",
            "organiser": "a network organiser, who did not dispatch it",
        },
        fields=FIELDS,
        sees={
            "helper": THE_REQUEST,
            "proposing_helper": THE_REQUEST | {"message"},
            "requester": frozenset(FIELDS),
            "organiser": THE_REQUEST | {"requester_name"},
        },
        build=_build,
        policy=_policy,
    )
)
