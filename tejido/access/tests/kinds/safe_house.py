"""An organisers-only listing (a safe house) at an organisers-only place: its name, its
description, its place's name and street never leave the organisers' views, and the public
directory, search and the API never hint that it exists."""

from django.urls import reverse

from tejido.access.directory import visible_services
from tejido.access.directory_cards import service_card_queryset, service_detail
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User
from tejido.core.clock import now

FIELDS = {
    "name": "the safe house's name",
    "description": "its description",
    "place_name": "the name of its place",
    "street": "its street",
}


def _build() -> KindWorld:
    from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
    from tejido.directory.factories import (
        AddressFactory,
        LocationFactory,
        ServiceAtLocationFactory,
        ServiceFactory,
    )
    from tejido.directory.models import Visibility

    markers = {name: marker("safehouse", name) for name in FIELDS}
    service = ServiceFactory(
        name=markers["name"], description=markers["description"], visibility=Visibility.ORGANISERS
    )
    place = LocationFactory(visibility=Visibility.ORGANISERS, name=markers["place_name"])
    AddressFactory(location=place, address_1=markers["street"])
    ServiceAtLocationFactory(service=service, location=place)
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "organiser": OrganiserFactory(),
    }
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


register(
    PrivacyKind(
        name="safe_house",
        relations={
            "anonymous": "not logged in (the public directory)",
            "applicant": "applied, not vetted yet",
            "member": "a vetted member",
            "organiser": "a network organiser",
        },
        fields=FIELDS,
        sees={"organiser": frozenset(FIELDS)},
        build=_build,
        policy=_policy,
    )
)
