"""A service listed for members only, offered at two places: one for members, one for
organisers only (a safe flat). The service itself is for vetted members; the organisers-only
place (its name and street) for organisers; an approved recommendation (its note and who
wrote it) for members, never someone in a block with its author; who said the listing was
out of date, for nobody on the listing (organisers read it in their review queue)."""

from django.urls import reverse

from tejido.access.directory import visible_services
from tejido.access.directory_cards import service_card_queryset, service_detail
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User
from tejido.core.clock import now

FIELDS = {
    "description": "the listing itself (members only): its description",
    "members_street": "the street of its place for members",
    "hidden_place_name": "the name of its organisers-only place",
    "hidden_street": "the street of its organisers-only place",
    "recommendation_note": "an approved recommendation's note",
    "recommender_name": "who wrote the recommendation",
    "reporter_name": "who reported the listing out of date",
}


def _build() -> KindWorld:
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.directory.community_services import suggest
    from tejido.directory.factories import (
        AddressFactory,
        LocationFactory,
        RecommendationFactory,
        ServiceAtLocationFactory,
        ServiceFactory,
    )
    from tejido.directory.models import Review, Visibility

    markers = {name: marker("listing", name) for name in FIELDS}
    service = ServiceFactory(visibility=Visibility.MEMBERS, description=markers["description"])
    for visibility, name, street in (
        (Visibility.MEMBERS, "Local", markers["members_street"]),
        (Visibility.ORGANISERS, markers["hidden_place_name"], markers["hidden_street"]),
    ):
        place = LocationFactory(visibility=visibility, name=name)
        AddressFactory(location=place, address_1=street)
        ServiceAtLocationFactory(service=service, location=place)
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "recommender": UserFactory(profile__chosen_name=markers["recommender_name"]),
        "reporter": UserFactory(profile__chosen_name=markers["reporter_name"]),
        "blocked": UserFactory(),
        "organiser": OrganiserFactory(),
    }
    RecommendationFactory(
        author=viewers["recommender"],
        service=service,
        note=markers["recommendation_note"],
        review=Review.APPROVED,
        reviewed_at=now(),
    )
    BlockFactory(blocker=viewers["recommender"], blocked=viewers["blocked"])
    suggest(
        actor=viewers["reporter"],
        listing_kind="service",
        listing_id=service.pk,
        kind="outdated",
        text="Ya no abre los lunes.",
    )
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("directory_service", args=[service.pk]),
        api=lambda relation: f"/directory/services/{service.pk}",
        extra={"service": service, "sees_everything": "organiser"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    found = (
        service_card_queryset(viewer, visible_services(viewer), detail=True)
        .filter(pk=world.extra["service"].pk)
        .first()
    )
    return repr(service_detail(viewer, found, now=now())) if found is not None else ""


MEMBERS = frozenset({"description", "members_street"})
RECOMMENDATION = frozenset({"recommendation_note", "recommender_name"})
register(
    PrivacyKind(
        name="listing",
        relations={
            "anonymous": "not logged in (the public directory)",
            "applicant": "applied, not vetted yet",
            "member": "a vetted member",
            "recommender": "wrote the approved recommendation",
            "reporter": "reported the listing out of date",
            "blocked": "a member in a block with the recommender",
            "organiser": "a network organiser",
        },
        fields=FIELDS,
        sees={
            "member": MEMBERS | RECOMMENDATION,
            "recommender": MEMBERS | {"recommendation_note"},
            "reporter": MEMBERS | RECOMMENDATION,
            "blocked": MEMBERS,
            "organiser": MEMBERS | RECOMMENDATION | {"hidden_place_name", "hidden_street"},
        },
        build=_build,
        policy=_policy,
    )
)
