"""The shape rules of circles and intake: text lengths, the choices, and how many questions a
circle may ask. Forms and API schemas read their limits from here."""

from typing import Any

from django.utils.translation import gettext

from tejido.accounts.choices import LANGUAGE_CODES
from tejido.core.errors import InvalidInput
from tejido.core.text import TextRule
from tejido.support.models import CircleKind, CircleTheme

NAME_MAX = 120
DESCRIPTION_MAX = 4000
QUESTION_MAX = 300
MAX_QUESTIONS = 8
ANSWER_MAX = 2000
AGREEMENT_MAX = 8000
MIN_PLACES, MAX_PLACES = 2, 100
# How long a circle keeps facilitator notes: at least a day, at most two years.
MIN_RETENTION_DAYS, MAX_RETENTION_DAYS = 1, 730

CIRCLE_TEXT_RULES = {
    "name_es": TextRule(NAME_MAX, name=True),
    "name_en": TextRule(NAME_MAX, name=True),
    "description_es": TextRule(DESCRIPTION_MAX, multiline=True),
    "description_en": TextRule(DESCRIPTION_MAX, multiline=True),
}
QUESTION_RULE = TextRule(QUESTION_MAX)
ANSWER_RULE = TextRule(ANSWER_MAX, required=True, multiline=True)
AGREEMENT_RULE = TextRule(AGREEMENT_MAX, multiline=True)


def circle_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A circle's fields, checked; every problem reported together."""
    errors: dict[str, Any] = {}
    clean: dict[str, Any] = {}
    for name, value in fields.items():
        try:
            clean[name] = _field(name, value)
        except InvalidInput as error:
            errors.update(error.detail)
    if errors:
        raise InvalidInput(detail=errors)
    return clean


def require_a_name(name_es: str, name_en: str) -> None:
    if not (name_es or name_en):
        problem = gettext("Give the circle a name in at least one language.")
        raise InvalidInput(detail={"name_es": problem})


def _field(name: str, value: Any) -> Any:
    if name in CIRCLE_TEXT_RULES:
        return CIRCLE_TEXT_RULES[name].clean(value, field=name)
    if name == "theme":
        return _choice(name, value, CircleTheme.values, gettext("Choose one of the themes."))
    if name == "kind":
        return _choice(name, value, CircleKind.values, gettext("Choose peer support or therapy."))
    if name == "language":
        return _choice(name, value, LANGUAGE_CODES, gettext("Choose one of the languages."))
    if name == "size_limit":
        problem = gettext("A circle has between %(low)s and %(high)s places.")
        return _whole_number(name, value, MIN_PLACES, MAX_PLACES, problem)
    if name == "retention_days":
        problem = gettext("Notes are kept between %(low)s and %(high)s days.")
        return _whole_number(name, value, MIN_RETENTION_DAYS, MAX_RETENTION_DAYS, problem)
    if name in ("is_listed", "show_names_to_members"):
        return bool(value)
    raise TypeError(f"Circles have no field {name!r}.")


def _whole_number(name: str, value: Any, low: int, high: int, problem: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(detail={name: problem % {"low": low, "high": high}})
    return value


def _choice(name: str, value: Any, allowed: Any, problem: str) -> str:
    if value not in allowed:
        raise InvalidInput(detail={name: problem})
    return str(value)


def questions(spanish: list[str], english: list[str]) -> list[dict[str, str]]:
    """Questions given as two lists, one per language, paired in order (a question may be in
    one language only); blank ones are dropped."""
    cleaned: list[dict[str, str]] = []
    for index in range(max(len(spanish), len(english))):
        es = QUESTION_RULE.clean(spanish[index] if index < len(spanish) else "", field="questions")
        en = QUESTION_RULE.clean(english[index] if index < len(english) else "", field="questions")
        if es or en:
            cleaned.append({"es": es, "en": en})
    if len(cleaned) > MAX_QUESTIONS:
        problem = gettext("A circle asks at most %(n)s questions.") % {"n": MAX_QUESTIONS}
        raise InvalidInput(detail={"questions": problem})
    return cleaned
