"""A welcoming business listed for members, warned after an incident report. The business is
for vetted members; why it was warned and who vouched for it, for organisers; an approved
recommendation for members but one in a block with its author; who reported the incident and
what they wrote, for nobody on the business (organisers read it in the moderation queue, the
report's own kind)."""

from django.urls import reverse

from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User
from tejido.core.clock import now

FIELDS = {
    "description": "the business itself (members only): its description",
    "standing_note": "why organisers warned it",
    "voucher_name": "who vouched for it",
    "recommendation_note": "an approved recommendation's note",
    "recommender_name": "who wrote the recommendation",
    "reporter_name": "who reported an incident there",
    "report_text": "what the reporter wrote",
}


def _build() -> KindWorld:
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.directory.business_services import set_business_standing
    from tejido.directory.factories import BusinessFactory, RecommendationFactory, VouchFactory
    from tejido.directory.models import Review, Standing, Visibility
    from tejido.moderation.report_services import report

    markers = {name: marker("business", name) for name in FIELDS}
    business = BusinessFactory(visibility=Visibility.MEMBERS, description=markers["description"])
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "voucher": UserFactory(profile__chosen_name=markers["voucher_name"]),
        "recommender": UserFactory(profile__chosen_name=markers["recommender_name"]),
        "reporter": UserFactory(profile__chosen_name=markers["reporter_name"]),
        "blocked": UserFactory(),
        "organiser": OrganiserFactory(),
    }
    VouchFactory(business=business, member=viewers["voucher"])
    RecommendationFactory(
        author=viewers["recommender"],
        service=None,
        business=business,
        note=markers["recommendation_note"],
        review=Review.APPROVED,
        reviewed_at=now(),
    )
    BlockFactory(blocker=viewers["blocked"], blocked=viewers["recommender"])
    report(
        actor=viewers["reporter"],
        kind="business",
        target_id=business.pk,
        reason="hate",
        text=markers["report_text"],
    )
    set_business_standing(
        actor=viewers["organiser"],
        business_id=business.pk,
        standing=Standing.WARNED,
        note=markers["standing_note"],
    )
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("directory_business", args=[business.pk]),
        api=lambda relation: f"/directory/businesses/{business.pk}",
        extra={"business": business, "sees_everything": "organiser"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    from tejido.core.errors import NotFound
    from tejido.directory.business_selectors import get_business

    try:
        return repr(get_business(viewer=viewer, business_id=world.extra["business"].pk))
    except NotFound:
        return ""


MEMBERS = frozenset({"description", "recommendation_note", "recommender_name"})
register(
    PrivacyKind(
        name="business",
        relations={
            "anonymous": "not logged in (the public directory)",
            "applicant": "applied, not vetted yet",
            "member": "a vetted member",
            "voucher": "vouched for it",
            "recommender": "wrote the approved recommendation",
            "reporter": "reported an incident there",
            "blocked": "a member in a block with the recommender",
            "organiser": "a network organiser",
        },
        fields=FIELDS,
        sees={
            "member": MEMBERS,
            "voucher": MEMBERS,
            "recommender": frozenset({"description", "recommendation_note"}),
            "reporter": MEMBERS,
            "blocked": frozenset({"description"}),
            "organiser": MEMBERS | {"standing_note", "voucher_name"},
        },
        build=_build,
        policy=_policy,
    )
)
