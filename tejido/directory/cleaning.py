"""How the directory's services check what organisers type into a listing: every problem is
reported at once, by field, and nothing is written until all is well. Forms and API schemas
check only the shape; the rules are here."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db.models import TextChoices
from django.utils.translation import gettext

from tejido.core.errors import InvalidInput
from tejido.core.text import TextRule
from tejido.directory.models import LANGUAGES
from tejido.directory.models.organizations import NAME_LENGTH, Organization

NAME = TextRule(NAME_LENGTH, required=True, name=True)
OPTIONAL_NAME = TextRule(NAME_LENGTH, name=True)
LONG_TEXT = TextRule(6000, multiline=True)
SHORT_TEXT = TextRule(NAME_LENGTH)
# The longest web address and email address, as the listings' columns hold them.
LINK = Organization._meta.get_field("website").max_length or 500
EMAIL = Organization._meta.get_field("email").max_length or NAME_LENGTH


@dataclass
class Cleaner:
    """Collects each field's cleaned value or its problem."""

    values: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)

    def text(self, fields: Mapping[str, Any], name: str, rule: TextRule) -> None:
        try:
            self.values[name] = rule.clean(fields.get(name, ""), field=name)
        except InvalidInput as error:
            self.problems.update(error.detail)

    def texts(self, fields: Mapping[str, Any], rules: Mapping[str, TextRule]) -> None:
        for name, rule in rules.items():
            if name in fields:
                self.text(fields, name, rule)

    def choice(self, fields: Mapping[str, Any], name: str, choices: type[TextChoices]) -> None:
        if name not in fields:
            return
        if fields[name] in choices.values:
            self.values[name] = fields[name]
        else:
            self.problems[name] = gettext("Choose one of the options.")

    def url(self, fields: Mapping[str, Any], name: str) -> None:
        if name not in fields:
            return
        value = str(fields[name] or "").strip()
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.problems[name] = gettext("Enter a web address that starts with https://.")
                return
            if len(value) > LINK:
                self.problems[name] = gettext("That address is too long.")
                return
        self.values[name] = value

    def email(self, fields: Mapping[str, Any], name: str) -> None:
        if name not in fields:
            return
        value = str(fields[name] or "").strip()
        if value:
            try:
                EmailValidator()(value)
            except ValidationError:
                self.problems[name] = gettext("Enter an email address.")
                return
            if len(value) > EMAIL:
                self.problems[name] = gettext("That address is too long.")
                return
        self.values[name] = value

    def number(
        self, fields: Mapping[str, Any], name: str, *, lowest: int = 0, highest: int = 150
    ) -> None:
        if name not in fields:
            return
        value = fields[name]
        if value in (None, ""):
            self.values[name] = None
            return
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = lowest - 1
        if not lowest <= number <= highest:
            self.problems[name] = gettext(
                "Enter a whole number from %(lowest)s to %(highest)s."
            ) % {"lowest": lowest, "highest": highest}
            return
        self.values[name] = number

    def amount(self, fields: Mapping[str, Any], name: str) -> None:
        if name not in fields:
            return
        value = fields[name]
        if value in (None, ""):
            self.values[name] = None
            return
        try:
            amount = Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            amount = Decimal(-1)
        if not amount.is_finite() or amount < 0 or amount >= Decimal(10) ** 10:
            self.problems[name] = gettext("Enter an amount such as 0 or 12.50.")
            return
        self.values[name] = amount.quantize(Decimal("0.01"))

    def day(self, fields: Mapping[str, Any], name: str) -> None:
        if name not in fields:
            return
        value = fields[name]
        if value is None or isinstance(value, date):
            self.values[name] = value
        else:
            self.problems[name] = gettext("Enter a date.")

    def translations(
        self, fields: Mapping[str, Any], rules: Mapping[str, TextRule], *, kept: dict[str, Any]
    ) -> None:
        """`<field>_<language>` entries (name_en, description_es …) into `translations`, on
        top of those `kept` (the listing's, for the fields not given)."""
        given = [f"{name}_{lang}" for name in rules for lang in LANGUAGES]
        if not any(key in fields for key in given):
            return
        merged: dict[str, dict[str, str]] = {
            lang: dict((kept or {}).get(lang) or {}) for lang in LANGUAGES
        }
        for name, rule in rules.items():
            for lang in LANGUAGES:
                key = f"{name}_{lang}"
                if key not in fields:
                    continue
                try:
                    merged[lang][name] = rule.clean(fields[key], field=key)
                except InvalidInput as error:
                    self.problems.update(error.detail)
        self.values["translations"] = {
            lang: {k: v for k, v in texts.items() if v}
            for lang, texts in merged.items()
            if any(texts.values())
        }

    def done(self) -> dict[str, Any]:
        if self.problems:
            raise InvalidInput(detail=self.problems)
        return self.values


def apply_changes(obj: Any, values: Mapping[str, Any]) -> list[str]:
    """Set `values` on `obj`; the names of the fields whose value it changed, for the
    listing's history (the moment of the last change is not one)."""
    changed = [
        name
        for name, value in values.items()
        if name != "last_modified" and getattr(obj, name, None) != value
    ]
    for name, value in values.items():
        setattr(obj, name, value)
    return changed


def unknown(ids: Iterable[Any], known: Iterable[Any]) -> bool:
    return bool(set(ids) - set(known))
