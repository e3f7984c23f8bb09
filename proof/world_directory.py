"""The directory's part of the sweep's world (proof/world.py): listings whose protected fields
hold markers.

- A safe house: an organisers-only service at an organisers-only place; its name, its
  description, its place's name and street are for the organiser alone (the public
  directory, search, the HSDS API and the members' API never show them).
- A public service offered at a public place and at an organisers-only one: the hidden
  place's street is for the organiser alone, the public one's for everyone.
- A service for members only: its description is for vetted members.
- `member` says the public service is out of date (the text is for the organiser, on the
  review queue), and recommends it (waiting for review: the note is for the organiser and
  `member`).
- `shared` reports an incident at a business (the report's text is for organisers, in the
  moderation area); the organiser warns the business with a note (organisers only) and it
  stays listed; `blocked` vouches for it.

Who vouched, who reported and who recommended are names, which members see elsewhere; that
no listing shows them is proved by the privacy table's kinds (tejido/access/tests/kinds/)."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from tejido.accounts.models import User

Add = Callable[..., str]
MISSING = UUID("00000000-0000-4000-8000-000000000000")


def plant_directory(
    *, people: dict[str, User], add: Add, mk: Callable[[str], str], vetted: frozenset[str]
) -> dict[str, list[Any]]:
    """Plant the listings; returns their ids (and one that does not exist) by kind."""
    from tejido.directory.business_services import save_business, set_business_standing, vouch_for
    from tejido.directory.community_services import recommend, suggest
    from tejido.directory.listing_services import save_location, save_organization, save_service
    from tejido.directory.models import Standing, Visibility
    from tejido.moderation.report_services import report

    organiser = people["organiser"]
    organisers = frozenset({"organiser"})

    def place(name: str, visibility: str, street: str) -> Any:
        return save_location(
            actor=organiser,
            name=name,
            visibility=visibility,
            address_1=street,
            city="Madrid",
            state_province="Madrid",
            postal_code="28001",
        )

    collective = save_organization(
        actor=organiser, name="Colectivo Barrio", description="Apoyo mutuo.", visibility="public"
    )
    safe_name = add(
        mk("safehouse"), "directory listing", "the safe house's name", viewers=organisers
    )
    safe_about = add(
        mk("safeabout"), "directory listing", "the safe house's description", viewers=organisers
    )
    safe_place_name = add(
        mk("safeplace"), "directory place", "the safe house's place name", viewers=organisers
    )
    safe_street = add(
        mk("safestreet"), "directory address", "the safe house's street", viewers=organisers
    )
    safe_place = place(safe_place_name, Visibility.ORGANISERS, safe_street)
    safe_house = save_service(
        actor=organiser,
        organization_id=collective.pk,
        name=safe_name,
        description=safe_about,
        visibility=Visibility.ORGANISERS,
        location_ids=[safe_place.pk],
    )
    hidden_street = add(
        mk("hiddenstreet"),
        "directory address",
        "a public service's organisers-only place",
        viewers=organisers,
    )
    hidden_place = place("Piso de acogida", Visibility.ORGANISERS, hidden_street)
    open_place = place("Local abierto", Visibility.PUBLIC, "Calle Mayor 1")
    public = save_service(
        actor=organiser,
        organization_id=collective.pk,
        name="Asesoría abierta",
        visibility=Visibility.PUBLIC,
        location_ids=[open_place.pk, hidden_place.pk],
    )
    members_about = add(
        mk("membersabout"),
        "directory listing",
        "a members-only service's description",
        viewers=vetted,
    )
    members_only = save_service(
        actor=organiser,
        organization_id=collective.pk,
        name="Acompañamiento",
        description=members_about,
        visibility=Visibility.MEMBERS,
    )
    outdated = add(
        mk("outdated"),
        "directory suggestion",
        "a member's out-of-date note",
        also=(("organiser", "/directory/review"),),
    )
    suggestion = suggest(
        actor=people["member"],
        listing_kind="service",
        listing_id=public.pk,
        kind="outdated",
        text=outdated,
    )
    pending = add(
        mk("pendingnote"),
        "directory recommendation",
        "a recommendation waiting for review",
        viewers=frozenset({"organiser", "member"}),
    )
    recommendation = recommend(
        actor=people["member"], listing_kind="service", listing_id=public.pk, note=pending
    )
    business = save_business(
        actor=organiser, name="Peluquería del barrio", kind="hair", visibility=Visibility.PUBLIC
    )
    vouch_for(actor=people["blocked"], business_id=business.pk)
    report_text = add(
        mk("incident"),
        "incident report",
        "what a member reported about a business",
        organiser_area=True,
    )
    incident = report(
        actor=people["shared"],
        kind="business",
        target_id=business.pk,
        reason="hate",
        text=report_text,
    )
    standing_note = add(
        mk("standingnote"),
        "business standing note",
        "why organisers warned a business",
        viewers=organisers,
    )
    set_business_standing(
        actor=organiser, business_id=business.pk, standing=Standing.WARNED, note=standing_note
    )
    # The HSDS records' UUIDs as text, as they travel in addresses and JSON bodies.
    return {
        "service": [str(s.pk) for s in (public, members_only, safe_house)] + [str(MISSING)],
        "organization": [str(collective.pk), str(MISSING)],
        "location": [str(p.pk) for p in (open_place, hidden_place, safe_place)] + [str(MISSING)],
        "business": [business.pk, 999_999],
        "suggestion": [suggestion.pk, 999_999],
        "recommendation": [recommendation.pk, 999_999],
        "incident": [incident.pk],
        # A suggestion's or recommendation's listing: a service, an organisation, a business.
        "listing": [str(public.pk), str(safe_house.pk), str(collective.pk), business.pk],
    }
