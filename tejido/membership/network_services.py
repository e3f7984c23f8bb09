"""Every write to how the network presents and organises itself: its settings, its areas and
the questions it asks applicants. Organisers only; each action writes one audit entry."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from tejido.access.base import AnyUser
from tejido.audit.services import record_action
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.text import TextRule, clean_texts
from tejido.membership.checks import require_organiser
from tejido.membership.models import ApplicationQuestion
from tejido.network.models import DEFAULT_REAPPLY_DAYS, Area, NetworkSettings

# Network settings ---------------------------------------------------------------------------

SETTINGS_TEXT_FIELDS = {
    "name": TextRule.of_column(NetworkSettings, "name", required=True, name=True),
    "tagline_es": TextRule.of_column(NetworkSettings, "tagline_es"),
    "tagline_en": TextRule.of_column(NetworkSettings, "tagline_en"),
    "mission_es": TextRule(5000, multiline=True),
    "mission_en": TextRule(5000, multiline=True),
    "how_to_join_es": TextRule(5000, multiline=True),
    "how_to_join_en": TextRule(5000, multiline=True),
    "organiser_contact": TextRule.of_column(NetworkSettings, "organiser_contact"),
}
AREA_NAME = TextRule.of_column(Area, "name", required=True, name=True)
QUESTION_TEXT = TextRule.of_column(ApplicationQuestion, "text_es", required=True)
QUESTION_HELP = TextRule.of_column(ApplicationQuestion, "help_es")
MAX_REAPPLY_DAYS = 3650


@transaction.atomic
def update_network_settings(
    *,
    actor: AnyUser,
    name: str,
    tagline_es: str = "",
    tagline_en: str = "",
    mission_es: str = "",
    mission_en: str = "",
    how_to_join_es: str = "",
    how_to_join_en: str = "",
    organiser_contact: str = "",
    quick_exit_url: str,
    applications_open: bool,
    reapply_after_days: int = DEFAULT_REAPPLY_DAYS,
) -> NetworkSettings:
    """The network's public face and behaviour. The quick-exit target must be an https URL:
    it is where a person in danger is sent, so it must not be an address on this site or one
    that a network observer could read."""
    organiser = require_organiser(actor)
    given = {
        "name": name,
        "tagline_es": tagline_es,
        "tagline_en": tagline_en,
        "mission_es": mission_es,
        "mission_en": mission_en,
        "how_to_join_es": how_to_join_es,
        "how_to_join_en": how_to_join_en,
        "organiser_contact": organiser_contact,
    }
    values: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    try:
        values.update(
            clean_texts({f: (rule, given[f]) for f, rule in SETTINGS_TEXT_FIELDS.items()})
        )
    except InvalidInput as error:
        errors.update(error.detail)
    exit_url = str(quick_exit_url or "").strip()
    try:
        URLValidator(schemes=["https"])(exit_url)
        if len(exit_url) > 200:
            raise ValidationError("too long")
    except ValidationError:
        errors["quick_exit_url"] = gettext("Enter a full address that starts with https://.")
    values["quick_exit_url"] = exit_url
    values["applications_open"] = bool(applications_open)
    if not isinstance(reapply_after_days, int) or not 0 <= reapply_after_days <= MAX_REAPPLY_DAYS:
        errors["reapply_after_days"] = gettext("Choose a number of days from 0 to %(max)d.") % {
            "max": MAX_REAPPLY_DAYS
        }
    values["reapply_after_days"] = reapply_after_days
    if errors:
        raise InvalidInput(detail=errors)
    NetworkSettings.current()
    network = NetworkSettings.objects.select_for_update().get(pk=1)
    changed = sorted(f for f, v in values.items() if getattr(network, f) != v)
    for field, value in values.items():
        setattr(network, field, value)
    network.save()
    record_action(
        actor=organiser, action="settings.update", target=network, detail={"changed": changed}
    )
    return network


# Areas --------------------------------------------------------------------------------------


def _area_name(name: str, *, exclude: int | None = None) -> str:
    clean = AREA_NAME.clean(name, field="name")
    taken = Area.objects.filter(name__iexact=clean)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise InvalidInput(detail={"name": gettext("There is already an area with this name.")})
    return clean


def _locked_area(area: Area) -> Area:
    locked = Area.objects.select_for_update().filter(pk=area.pk).first()
    if locked is None:
        raise NotFound()
    return locked


@transaction.atomic
def add_area(*, actor: AnyUser, name: str) -> Area:
    organiser = require_organiser(actor)
    clean = _area_name(name)
    last = Area.objects.aggregate(last=Max("position"))["last"]
    area = Area.objects.create(name=clean, position=(last or 0) + 1)
    record_action(actor=organiser, action="area.add", target=area)
    return area


@transaction.atomic
def rename_area(*, actor: AnyUser, area: Area, name: str) -> Area:
    organiser = require_organiser(actor)
    locked = _locked_area(area)
    clean = _area_name(name, exclude=locked.pk)
    old = locked.name
    locked.name = clean
    locked.save(update_fields=["name"])
    record_action(actor=organiser, action="area.rename", target=locked, detail={"from": old})
    return locked


def _move(items: list[Any], item_pk: int, direction: str) -> list[Any] | None:
    """The list with one item moved up or down, or None when it cannot move that way."""
    if direction not in ("up", "down"):
        raise InvalidInput(detail={"direction": gettext("Choose up or down.")})
    index = next(i for i, obj in enumerate(items) if obj.pk == item_pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return None
    items[index], items[other] = items[other], items[index]
    return items


@transaction.atomic
def move_area(*, actor: AnyUser, area: Area, direction: str) -> Area:
    organiser = require_organiser(actor)
    locked = _locked_area(area)
    ordered = _move(list(Area.objects.select_for_update()), locked.pk, direction)
    if ordered is not None:
        for position, obj in enumerate(ordered, start=1):
            obj.position = position
        Area.objects.bulk_update(ordered, ["position"])
    record_action(
        actor=organiser, action="area.move", target=locked, detail={"direction": direction}
    )
    return locked


@transaction.atomic
def delete_area(*, actor: AnyUser, area: Area) -> None:
    """Profiles and groups in the area keep existing, without an area."""
    organiser = require_organiser(actor)
    locked = _locked_area(area)
    # Recorded first: the entry keeps the area's name, which the page shows once it is gone.
    record_action(actor=organiser, action="area.delete", target=locked)
    locked.delete()


# Application questions ----------------------------------------------------------------------


def _question_fields(*, text_es: str, text_en: str, help_es: str, help_en: str) -> dict[str, str]:
    return clean_texts(
        {
            "text_es": (QUESTION_TEXT, text_es),
            "text_en": (QUESTION_TEXT, text_en),
            "help_es": (QUESTION_HELP, help_es),
            "help_en": (QUESTION_HELP, help_en),
        }
    )


def _locked_question(question: ApplicationQuestion) -> ApplicationQuestion:
    locked = ApplicationQuestion.objects.select_for_update().filter(pk=question.pk).first()
    if locked is None:
        raise NotFound()
    return locked


@transaction.atomic
def add_question(
    *,
    actor: AnyUser,
    text_es: str,
    text_en: str,
    help_es: str = "",
    help_en: str = "",
    required: bool = True,
) -> ApplicationQuestion:
    organiser = require_organiser(actor)
    values = _question_fields(text_es=text_es, text_en=text_en, help_es=help_es, help_en=help_en)
    last = ApplicationQuestion.objects.aggregate(last=Max("position"))["last"]
    question = ApplicationQuestion.objects.create(
        **values, required=bool(required), active=True, position=(last or 0) + 1
    )
    record_action(actor=organiser, action="question.add", target=question)
    return question


@transaction.atomic
def edit_question(
    *,
    actor: AnyUser,
    question: ApplicationQuestion,
    text_es: str,
    text_en: str,
    help_es: str = "",
    help_en: str = "",
    required: bool = True,
) -> ApplicationQuestion:
    organiser = require_organiser(actor)
    values = _question_fields(text_es=text_es, text_en=text_en, help_es=help_es, help_en=help_en)
    locked = _locked_question(question)
    for field, value in values.items():
        setattr(locked, field, value)
    locked.required = bool(required)
    locked.save()
    record_action(actor=organiser, action="question.edit", target=locked)
    return locked


@transaction.atomic
def move_question(
    *, actor: AnyUser, question: ApplicationQuestion, direction: str
) -> ApplicationQuestion:
    organiser = require_organiser(actor)
    locked = _locked_question(question)
    ordered = _move(list(ApplicationQuestion.objects.select_for_update()), locked.pk, direction)
    if ordered is not None:
        for position, obj in enumerate(ordered, start=1):
            obj.position = position
        ApplicationQuestion.objects.bulk_update(ordered, ["position"])
    record_action(
        actor=organiser,
        action="question.move",
        target=locked,
        detail={"direction": direction},
    )
    return locked


@transaction.atomic
def set_question_active(
    *, actor: AnyUser, question: ApplicationQuestion, active: bool
) -> ApplicationQuestion:
    """Stop asking a question (its past answers stay with their applications), or ask it again."""
    organiser = require_organiser(actor)
    locked = _locked_question(question)
    locked.active = bool(active)
    locked.save(update_fields=["active"])
    record_action(
        actor=organiser,
        action="question.activate" if active else "question.deactivate",
        target=locked,
    )
    return locked
