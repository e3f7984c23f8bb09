"""Professionals the network verified: who sees the listings, who keeps them, and the
viewer-shaped card.

Vetted members in good standing see the listed professionals; applicants, visitors and
suspended people see none (the list says who among a network's members seeks a lawyer for a
name change or gender-affirming care, and a hostile visitor could use it to find them).
Organisers see every listing, unlisted ones too.

A listing past its verify-again date stays on members' list for a grace of
GRACE_DAYS, marked "verification due", and is then hidden from them until an organiser
verifies it again. Members trust the word "verified": a professional nobody has checked for
a year and a month may have stopped practising, moved or lost their licence, so the listing
must not go on vouching for them; the grace keeps a lapse of a few days (an organiser on
holiday) from taking a good listing away from the members who rely on it, while the flag on
the organisers' list and overview asks for the check. How to reach a professional is on a
card for vetted members only."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from tejido.access.base import AnyUser, is_organiser, is_vetted, register_audience
from tejido.access.members import network_organisers
from tejido.accounts.choices import language_name
from tejido.accounts.models import User
from tejido.core.choices import label
from tejido.professionals.models import Professional

GRACE_DAYS = 30


def can_manage_professionals(actor: AnyUser | None) -> bool:
    """Add, edit, verify again and unlist professionals."""
    return is_organiser(actor)


def visible_professionals(viewer: AnyUser | None, *, today: date) -> QuerySet[Professional]:
    if is_organiser(viewer):
        return Professional.objects.all()
    if not is_vetted(viewer):
        return Professional.objects.none()
    return Professional.objects.filter(
        listed=True, verify_again_by__gte=today - timedelta(days=GRACE_DAYS)
    )


def can_see_professional(
    viewer: AnyUser | None, professional: Professional, *, today: date
) -> bool:
    return visible_professionals(viewer, today=today).filter(pk=professional.pk).exists()


@register_audience(Professional)
def audience_of_professional(professional: Professional) -> QuerySet[User]:
    """A listing's upkeep (its verification falling due) concerns the organisers."""
    return network_organisers()


@dataclass(frozen=True)
class ProfessionalCard:
    id: int
    name: str
    profession: str
    profession_label: str
    specialities: str
    languages: tuple[str, ...]
    language_codes: tuple[str, ...]
    cost: str
    cost_label: str
    cost_note: str
    area_name: str
    verified_on: date
    verify_again_by: date
    # Past its verify-again date (shown to members during the grace, flagged to organisers).
    due: bool
    # Vetted members only (None for anyone else).
    how_to_reach: str | None = None
    # Organisers only (None for everyone else).
    listed: bool | None = None
    verified_by: str | None = None


def professional_card_queryset(professionals: QuerySet[Professional]) -> QuerySet[Professional]:
    return professionals.select_related("area", "verified_by__profile")


def professional_cards(
    viewer: AnyUser | None, professionals: Iterable[Professional], *, today: date
) -> list[ProfessionalCard]:
    """Cards for professionals fetched through `professional_card_queryset`."""
    vetted = is_vetted(viewer)
    organiser = is_organiser(viewer)
    cards = []
    for p in professionals:
        profile = getattr(p.verified_by, "profile", None) if p.verified_by else None
        cards.append(
            ProfessionalCard(
                id=p.pk,
                name=p.name,
                profession=p.profession,
                profession_label=label(p, "profession"),
                specialities=p.specialities,
                languages=tuple(language_name(code) for code in p.language_codes),
                language_codes=tuple(p.language_codes),
                cost=p.cost,
                cost_label=label(p, "cost"),
                cost_note=p.cost_note,
                area_name=p.area.name if p.area is not None else "",
                verified_on=p.verified_on,
                verify_again_by=p.verify_again_by,
                due=p.verify_again_by < today,
                how_to_reach=p.how_to_reach if vetted else None,
                listed=p.listed if organiser else None,
                verified_by=(str(profile.chosen_name) if profile else "") if organiser else None,
            )
        )
    return cards
