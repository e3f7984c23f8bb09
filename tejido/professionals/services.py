"""Every write about professionals: organisers list one (having checked their credentials),
change the listing, verify it again and take it off the list or put it back. Each write is
recorded in the audit log and keeps the listing's search words."""

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from tejido.access.base import AnyUser
from tejido.access.professionals import can_manage_professionals
from tejido.accounts.choices import LANGUAGE_CODES
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.text import TextRule, clean_texts, fold
from tejido.network.models import Area
from tejido.professionals import audit  # noqa: F401  (registers the audit labels)
from tejido.professionals.errors import AlreadyThere
from tejido.professionals.models import VERIFIED_FOR_DAYS, Cost, Profession, Professional
from tejido.professionals.moments import today

SPECIALITIES_MAX = 2000
TEXTS = {
    "name": TextRule.of_column(Professional, "name", required=True, name=True),
    "specialities_es": TextRule(SPECIALITIES_MAX, multiline=True),
    "specialities_en": TextRule(SPECIALITIES_MAX, multiline=True),
    "cost_note_es": TextRule.of_column(Professional, "cost_note_es"),
    "cost_note_en": TextRule.of_column(Professional, "cost_note_en"),
    "how_to_reach": TextRule(1000, required=True, multiline=True),
}


def _organiser(actor: AnyUser | None) -> User:
    if not can_manage_professionals(actor):
        raise NotFound()
    assert isinstance(actor, User)
    return actor


def _locked(professional_id: Any) -> Professional:
    try:
        pk = int(professional_id)
    except (TypeError, ValueError) as error:
        raise NotFound() from error
    found = Professional.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


# The words a profession is found by, in both languages and both grammatical genders, so a
# search does not depend on the catalogue's one label.
PROFESSION_WORDS = {
    Profession.THERAPIST: "therapist terapeuta therapy terapia",
    Profession.PSYCHOLOGIST: "psychologist psicologo psicologa psychology psicologia",
    Profession.LAWYER: "lawyer attorney abogado abogada legal",
    Profession.DOCTOR: "doctor doctora medico medica physician",
}


def _words(professional: Professional) -> str:
    """What search finds a listing by: its name, specialities and profession."""
    texts = [professional.name, professional.specialities_es, professional.specialities_en]
    return fold(" ".join([*texts, PROFESSION_WORDS[Profession(professional.profession)]]))


def _cleaned(fields: dict[str, Any], verify_again_by: Any, verified_on: date) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    try:
        values.update(clean_texts({name: (rule, fields.get(name)) for name, rule in TEXTS.items()}))
    except InvalidInput as error:
        errors.update(error.detail)
    if fields.get("profession") not in Profession.values:
        errors["profession"] = gettext("Choose a profession from the list.")
    if fields.get("cost") not in Cost.values:
        errors["cost"] = gettext("Choose what it costs from the list.")
    languages = list(dict.fromkeys(fields.get("languages") or []))
    if not languages or any(code not in LANGUAGE_CODES for code in languages):
        errors["languages"] = gettext("Choose at least one language from the list.")
    again = verify_again_by or verified_on + timedelta(days=VERIFIED_FOR_DAYS)
    if not isinstance(again, date) or again <= verified_on:
        errors["verify_again_by"] = gettext("Choose a date after the verification.")
    if errors:
        raise InvalidInput(detail=errors)
    return {
        **values,
        "profession": fields["profession"],
        "cost": fields["cost"],
        "languages": f" {' '.join(languages)} ",
        "verify_again_by": again,
    }


@transaction.atomic
def save_professional(
    *,
    actor: AnyUser | None,
    professional_id: int | None = None,
    area_id: int | None = None,
    verify_again_by: date | None = None,
    **fields: Any,
) -> Professional:
    """List a professional whose credentials the actor checked today (no id), or change a
    listing: name, profession, specialities_es/_en, languages (codes), cost, cost_note_es/_en,
    how_to_reach, area, verify_again_by (a year after the verification when not given)."""
    organiser = _organiser(actor)
    created = professional_id is None
    professional = (
        Professional(verified_on=today(), verified_by=organiser)
        if created
        else _locked(professional_id)
    )
    values = _cleaned(fields, verify_again_by, professional.verified_on)
    for name, value in values.items():
        setattr(professional, name, value)
    professional.area = Area.objects.filter(pk=area_id).first() if area_id is not None else None
    professional.words = _words(professional)
    professional.sort_name = fold(professional.name)[:120]
    professional.save()
    action = "professionals.create" if created else "professionals.update"
    record_action(actor=organiser, action=action, target=professional)
    return professional


@transaction.atomic
def verify_again(
    *, actor: AnyUser | None, professional_id: Any, verify_again_by: date | None = None
) -> Professional:
    """The actor checked the professional's credentials again today; next by
    `verify_again_by` (a year on when not given)."""
    organiser = _organiser(actor)
    professional = _locked(professional_id)
    day = today()
    again = verify_again_by or day + timedelta(days=VERIFIED_FOR_DAYS)
    if again <= day:
        raise InvalidInput(detail={"verify_again_by": gettext("Choose a date after today.")})
    professional.verified_on = day
    professional.verified_by = organiser
    professional.verify_again_by = again
    professional.save(update_fields=["verified_on", "verified_by", "verify_again_by", "updated_at"])
    record_action(actor=organiser, action="professionals.verify", target=professional)
    return professional


@transaction.atomic
def set_listed(*, actor: AnyUser | None, professional_id: Any, listed: bool) -> Professional:
    """Take a professional off members' list (they stay on the organisers'), or put them back."""
    organiser = _organiser(actor)
    professional = _locked(professional_id)
    if professional.listed == listed:
        raise AlreadyThere()
    professional.listed = listed
    professional.save(update_fields=["listed", "updated_at"])
    action = "professionals.relist" if listed else "professionals.unlist"
    record_action(actor=organiser, action=action, target=professional)
    return professional
