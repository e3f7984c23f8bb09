"""An organisers-only housing request from an anonymous requester, dispatched to a helper:
both sides shared contact details, the helper wrote in the thread and answered the follow-up.
The request and its thread are for the two sides and the organisers (they dispatched it); who
asked is revealed to the helper once both shared contact details; the contact details are for
the two sides only, the helper's feedback for the helper and the organisers."""

from django.urls import reverse

from tejido.access.aid import can_read_thread, visible_matches, visible_requests
from tejido.access.aid_cards import follow_up_cards, match_cards, message_cards, request_cards
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User

FIELDS = {
    "title": "the request itself: its title",
    "description": "its description (sealed)",
    "requester_name": "who asked (an anonymous requester's chosen name)",
    "requester_contact": "the requester's contact details",
    "helper_contact": "the helper's contact details",
    "message": "a message in the private thread",
    "feedback": "the helper's answer to the follow-up",
}


def _build() -> KindWorld:
    from datetime import timedelta

    import time_machine

    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.aid.factories import AidOfferFactory
    from tejido.aid.match_services import (
        answer_follow_up,
        ask_follow_up,
        dispatch,
        post_message,
        share_contact,
    )
    from tejido.aid.models import FOLLOW_UP_DAYS, FollowUp
    from tejido.aid.services import open_request

    markers = {name: marker("aidmatch", name) for name in FIELDS}
    requester = UserFactory(profile__chosen_name=markers["requester_name"])
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "other_member": UserFactory(),
        "helper_of_kind": UserFactory(),
        "blocked": UserFactory(),
        "matched_helper": UserFactory(),
        "requester": requester,
        "organiser": OrganiserFactory(),
        "other_organiser": OrganiserFactory(),
    }
    for relation in ("helper_of_kind", "blocked"):
        AidOfferFactory(helper=viewers[relation], category="housing")
    offer = AidOfferFactory(helper=viewers["matched_helper"], category="housing")
    request = open_request(
        actor=requester,
        category="housing",
        title=markers["title"],
        description=markers["description"],
        anonymous=True,
    )
    organiser, helper = viewers["organiser"], viewers["matched_helper"]
    assert organiser is not None
    assert helper is not None
    match = dispatch(actor=organiser, request=request, offer=offer)
    post_message(actor=helper, match=match, body=markers["message"])
    share_contact(actor=requester, match=match, contact=markers["requester_contact"])
    share_contact(actor=helper, match=match, contact=markers["helper_contact"])
    request.refresh_from_db()
    assert request.matched_at is not None
    with time_machine.travel(request.matched_at + timedelta(days=FOLLOW_UP_DAYS)):
        ask_follow_up(match_id=match.pk, matched_at=request.matched_at.isoformat())
    answer_follow_up(
        actor=helper,
        follow_up=FollowUp.objects.get(user=helper),
        happened=True,
        feedback=markers["feedback"],
    )
    BlockFactory(blocker=requester, blocked=viewers["blocked"])
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("aid_match_detail", args=[match.pk]),
        api=lambda relation: f"/aid/matches/{match.pk}",
        extra={"request": request, "match": match, "sees_everything": "matched_helper"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    match = visible_matches(viewer).filter(pk=world.extra["match"].pk).first()
    if match is None:
        return ""
    card = match_cards(viewer, [match])[0]
    revealed = frozenset({match.request_id}) if card.contacts else frozenset()
    requests = visible_requests(viewer).filter(pk=match.request_id)
    shown = [repr(card), *(repr(c) for c in request_cards(viewer, requests, revealed=revealed))]
    if can_read_thread(viewer, match):
        shown += [repr(m) for m in message_cards(viewer, match, match.messages.all())]
    shown += [
        repr(f) for f in follow_up_cards(viewer, match.follow_ups.select_related("match__request"))
    ]
    return " ".join(shown)


THE_REQUEST = frozenset({"title", "description", "requester_name", "message"})
CONTACTS = frozenset({"requester_contact", "helper_contact"})
register(
    PrivacyKind(
        name="aid_match",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "other_member": "a vetted member",
            "helper_of_kind": "another helper of its kind (housing), not matched",
            "blocked": "a helper of its kind whom the requester blocked",
            "matched_helper": "the helper it was dispatched to",
            "requester": "who asked (anonymously)",
            "organiser": "the organiser who dispatched it",
            "other_organiser": "another network organiser",
        },
        fields=FIELDS,
        sees={
            "matched_helper": frozenset(FIELDS),
            "requester": THE_REQUEST | CONTACTS,
            "organiser": THE_REQUEST | {"feedback"},
            "other_organiser": THE_REQUEST | {"feedback"},
        },
        build=_build,
        policy=_policy,
    )
)
