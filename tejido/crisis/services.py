"""Every write about crisis lines: organisers add, change, mark checked and remove them, and a
file of lines is loaded (the demo, `load_crisis_lines`). Each write forgets the cached public
list, so the next page shows the change."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext

from tejido.access.base import AnyUser
from tejido.access.crisis import can_manage_crisis_lines
from tejido.accounts.choices import LANGUAGE_CODES
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.cache import forget
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.text import TextRule, clean_texts
from tejido.crisis import audit  # noqa: F401  (registers the audit labels)
from tejido.crisis.errors import BadLinesFile
from tejido.crisis.models import (
    CRISIS_LINES_CACHE_KEY,
    Country,
    CrisisLine,
    LineAudience,
    LoadedList,
)
from tejido.crisis.moments import today

NOTES_MAX = 2000
TEXTS = {
    "name_es": TextRule.of_column(CrisisLine, "name_es", name=True),
    "name_en": TextRule.of_column(CrisisLine, "name_en", name=True),
    "phone": TextRule.of_column(CrisisLine, "phone"),
    "sms": TextRule.of_column(CrisisLine, "sms"),
    "hours": TextRule.of_column(CrisisLine, "hours"),
    "notes_es": TextRule(NOTES_MAX, multiline=True),
    "notes_en": TextRule(NOTES_MAX, multiline=True),
}
# Web addresses: checked as text first (their length), then as an address.
URLS = {name: TextRule.of_column(CrisisLine, name) for name in ("chat_url", "source")}
_URL = URLValidator(schemes=["https", "http"])


def _organiser(actor: AnyUser | None) -> User:
    if not can_manage_crisis_lines(actor):
        raise NotFound()
    assert isinstance(actor, User)
    return actor


def _cleaned(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The line's fields checked, every problem reported at once."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    try:
        values.update(clean_texts({name: (rule, fields.get(name)) for name, rule in TEXTS.items()}))
    except InvalidInput as error:
        errors.update(error.detail)
    for name, rule in URLS.items():
        try:
            url = rule.clean(fields.get(name), field=name)
            if url:
                _URL(url)
        except InvalidInput as error:
            errors.update(error.detail)
        except ValidationError:
            errors[name] = gettext("Enter a web address that starts with https://.")
        else:
            values[name] = url
    country = str(fields.get("country") or "").upper()
    if country not in Country.values:
        errors["country"] = gettext("Choose a country from the list.")
    audience = fields.get("audience") or LineAudience.EVERYONE
    if audience not in LineAudience.values:
        errors["audience"] = gettext("Choose who the line is for from the list.")
    languages = list(dict.fromkeys(fields.get("languages") or []))
    if any(code not in LANGUAGE_CODES for code in languages):
        errors["languages"] = gettext("Choose the languages from the list.")
    if not errors and not (values["name_es"] or values["name_en"]):
        errors["name_en"] = gettext("Give the line a name in at least one language.")
    if not errors and not (values["phone"] or values["sms"] or values["chat_url"]):
        errors["phone"] = gettext("Give a phone number, a text number or a chat address.")
    if errors:
        raise InvalidInput(detail=errors)
    return {**values, "country": country, "audience": audience, "languages": languages}


def _forget() -> None:
    forget(CRISIS_LINES_CACHE_KEY)


def _locked(line_id: Any) -> CrisisLine:
    try:
        pk = int(line_id)
    except (TypeError, ValueError) as error:
        raise NotFound() from error
    found = CrisisLine.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def _taken(values: Mapping[str, Any], line_id: int | None) -> bool:
    same = CrisisLine.objects.filter(
        country=values["country"], name_en=values["name_en"], name_es=values["name_es"]
    )
    return same.exclude(pk=line_id).exists() if line_id else same.exists()


@transaction.atomic
def save_line(*, actor: AnyUser | None, line_id: int | None = None, **fields: Any) -> CrisisLine:
    """Add a line (no id) or change one: country, names and notes in Spanish and English,
    phone, sms, chat_url, hours, languages (codes), audience, source."""
    organiser = _organiser(actor)
    line = _locked(line_id) if line_id is not None else CrisisLine()
    values = _cleaned(fields)
    if _taken(values, line.pk):
        raise InvalidInput(
            detail={"name_en": gettext("This country already has a line with this name.")}
        )
    for name, value in values.items():
        setattr(line, name, value)
    line.save()
    action = "crisis.line_update" if line_id is not None else "crisis.line_create"
    record_action(actor=organiser, action=action, target=line)
    _forget()
    return line


@transaction.atomic
def mark_checked(*, actor: AnyUser | None, line_id: Any) -> CrisisLine:
    """An organiser checked the line on its official site today."""
    organiser = _organiser(actor)
    line = _locked(line_id)
    line.checked_on = today()
    line.checked_by = organiser
    line.save(update_fields=["checked_on", "checked_by", "updated_at"])
    record_action(actor=organiser, action="crisis.line_checked", target=line)
    _forget()
    return line


@transaction.atomic
def remove_line(*, actor: AnyUser | None, line_id: Any) -> None:
    organiser = _organiser(actor)
    line = _locked(line_id)
    record_action(actor=organiser, action="crisis.line_remove", target=line)
    line.delete()
    _forget()


# Loading a file of lines ----------------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    created: int
    updated: int


def _halves(text: str | None) -> tuple[str, str]:
    """The file's notes are "English / Spanish" in one text: (English, Spanish), or the whole
    text as English when it is not in two halves."""
    text = (text or "").strip()
    parts = text.split(" / ")
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    return text, ""


def _line_fields(entry: Any) -> dict[str, Any]:
    if not isinstance(entry, Mapping):
        raise BadLinesFile()
    notes_en, notes_es = _halves(entry.get("notes"))
    return {
        "country": entry.get("country"),
        "name_en": entry.get("name"),
        "name_es": entry.get("name_es"),
        "phone": entry.get("phone"),
        "sms": entry.get("sms"),
        "chat_url": entry.get("chat_url"),
        "hours": entry.get("hours"),
        "languages": entry.get("languages") or [],
        "audience": entry.get("audience"),
        "notes_en": notes_en,
        "notes_es": notes_es,
        "source": entry.get("source"),
    }


@transaction.atomic
def load_lines(data: Any) -> Loaded:
    """Load a file of lines (`{"about": …, "lines": [{country, name, name_es, phone, sms,
    chat_url, hours, languages, audience, notes, source}]}`) into the network. Loading the same
    file again changes nothing: a line is found again by its country and names. Its checks
    are kept: a loaded number is not checked until an organiser checks it. Every line is
    validated before any is written; a bad one refuses the file, naming it."""
    if not isinstance(data, Mapping) or not isinstance(data.get("lines"), list):
        raise BadLinesFile()
    cleaned = []
    for number, entry in enumerate(data["lines"], start=1):
        try:
            cleaned.append(_cleaned(_line_fields(entry)))
        except InvalidInput as error:
            raise BadLinesFile(
                gettext("Line %(number)d of the file: %(problems)s")
                % {"number": number, "problems": "; ".join(map(str, error.detail.values()))}
            ) from error
    created = updated = 0
    for values in cleaned:
        key = {name: values.pop(name) for name in ("country", "name_en", "name_es")}
        line, made = CrisisLine.objects.select_for_update().get_or_create(**key, defaults=values)
        if made:
            created += 1
            continue
        changed = [name for name, value in values.items() if getattr(line, name) != value]
        for name in changed:
            setattr(line, name, values[name])
        if changed:
            line.save(update_fields=[*changed, "updated_at"])
            updated += 1
    about = str(data.get("about") or "").strip()
    LoadedList.objects.filter(about=about).delete()
    LoadedList.objects.create(about=about, lines=len(cleaned))
    _forget()
    return Loaded(created=created, updated=updated)
