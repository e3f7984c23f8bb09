"""A verified professional listed for members. The listing (its specialities) and how to reach
the professional are for vetted members in good standing; who verified them, for organisers.
Visitors, applicants and suspended people see nothing of it, in HTML or JSON."""

from django.urls import reverse

from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User

FIELDS = {
    "specialities": "the listing itself (members only): its specialities",
    "how_to_reach": "how to reach the professional",
    "verifier_name": "who verified them",
}


def _build() -> KindWorld:
    from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
    from tejido.professionals.factories import ProfessionalFactory

    markers = {name: marker("professional", name) for name in FIELDS}
    verifier = OrganiserFactory(profile__chosen_name=markers["verifier_name"])
    professional = ProfessionalFactory(
        specialities_es=markers["specialities"],
        specialities_en=markers["specialities"],
        how_to_reach=markers["how_to_reach"],
        verified_by=verifier,
    )
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "suspended": UserFactory(state=User.State.SUSPENDED),
        "member": UserFactory(),
        "organiser": OrganiserFactory(),
    }
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("professional_detail", args=[professional.pk]),
        api=lambda relation: f"/professionals/{professional.pk}",
        extra={"professional": professional, "sees_everything": "organiser"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    from tejido.core.errors import NotFound
    from tejido.professionals.selectors import get_professional

    try:
        return repr(get_professional(viewer=viewer, professional_id=world.extra["professional"].pk))
    except NotFound:
        return ""


MEMBERS = frozenset({"specialities", "how_to_reach"})
register(
    PrivacyKind(
        name="professional",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "suspended": "a suspended member",
            "member": "a vetted member",
            "organiser": "a network organiser",
        },
        fields=FIELDS,
        sees={"member": MEMBERS, "organiser": MEMBERS | {"verifier_name"}},
        build=_build,
        policy=_policy,
    )
)
