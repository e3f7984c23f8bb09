"""The one rule for free text that people type, used by every service (forms and API schemas
check only shape and read their limits from the services' rules).

Every text is NFC-normalised and stripped, and may hold no NUL or other control character;
single-line text has its runs of whitespace collapsed to one space, multi-line text keeps
its newlines and tabs. A name (chosen names, group names, event names) is single-line and
also refuses characters that do not show: zero-width and bidirectional controls, other
format characters, private-use and unassigned code points, the invisible fillers and
variation selectors where they change nothing. Otherwise "Marisol\u200b" would show as a
second "Marisol" beside the real one.

`fold` is the plain form of a text that search and sorting use (see tejido.core.search), and
`fold` of a name is also its skeleton: two names with the same fold differ only by case,
accents, punctuation or look-alike letters (Cyrillic "\u0430" for Latin "a"), after Unicode's
confusables data (UTS #39) as the confusable-homoglyphs package ships it.
"""

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext, gettext_lazy

from tejido.core.errors import InvalidInput

# Code points that render as nothing, beyond the categories refused below: Unicode's
# Default_Ignorable_Code_Point (DerivedCoreProperties.txt) less what the categories cover,
# and the blank fillers that look like a space but are letters or symbols.
_VARIATION_SELECTORS = frozenset([*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])
_INVISIBLE = frozenset(
    [
        *(0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180E, 0x180F),
        *(0x2800, 0x3164, 0xFFA0),
    ]
)
_ZERO_WIDTH_JOINER = "\u200d"
# Categories a name may not hold: control, format, private use, surrogate, unassigned,
# line and paragraph separators.
_NAME_REFUSED = frozenset(["Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"])
# More marks than this on one letter is "zalgo" text that spills over its neighbours.
MAX_MARKS_ON_A_LETTER = 4

_LINE_ENDINGS = re.compile(r"\r\n?")
REQUIRED = gettext_lazy("This field is required.")


@dataclass(frozen=True)
class TextRule:
    """How one field's text is checked: its longest length, whether it must be given,
    whether it may span lines, and whether it is a name."""

    max_length: int
    required: bool = False
    multiline: bool = False
    name: bool = False
    required_message: Any = REQUIRED

    @classmethod
    def of_column(cls, model: type[Model], column: str, **options: Any) -> "TextRule":
        """The rule for text stored in `model.column`, as long as the column allows."""
        max_length = model._meta.get_field(column).max_length  # type: ignore[union-attr]
        assert max_length, f"{model.__name__}.{column} has no max_length"
        return cls(max_length, **options)

    def clean(self, value: Any, *, field: str) -> str:
        """The cleaned text, or InvalidInput naming `field` with a translated message."""
        problem, text = _check(self, value)
        if problem:
            raise InvalidInput(detail={field: problem})
        return text


def _check(rule: TextRule, value: Any) -> tuple[str, str]:
    """(a translated problem or "", the cleaned text)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        return gettext("Enter text."), ""
    text = unicodedata.normalize("NFC", value)
    if rule.multiline:
        text = _LINE_ENDINGS.sub("\n", text).strip()
        allowed_controls = "\n\t"
    else:
        text = " ".join(text.split())
        allowed_controls = ""
    if any(_is_refused_control(char, allowed_controls) for char in text):
        return gettext("This text contains a character that is not allowed."), ""
    if rule.name and text:
        problem = _name_problem(text)
        if problem:
            return problem, ""
    if rule.required and not text:
        return str(rule.required_message), ""
    if len(text) > rule.max_length:
        return gettext("Keep this to %(max)d characters or fewer.") % {"max": rule.max_length}, ""
    return "", text


def _is_refused_control(char: str, allowed: str) -> bool:
    category = unicodedata.category(char)
    return (category == "Cc" and char not in allowed) or category == "Cs"


def _name_problem(name: str) -> str:
    previous = ""
    marks = 0
    for index, char in enumerate(name):
        category = unicodedata.category(char)
        if ord(char) in _VARIATION_SELECTORS:
            # An emoji's presentation (U+FE0F after a symbol); after a letter it shows nothing.
            ok = unicodedata.category(previous or " ") == "So"
        elif char == _ZERO_WIDTH_JOINER:
            # Joins emoji into one ("🏳️‍🌈"); anywhere else it is invisible.
            following = name[index + 1 : index + 2]
            ok = unicodedata.category(previous or " ") in ("So", "Sk") and (
                unicodedata.category(following or " ") == "So"
            )
        else:
            ok = category not in _NAME_REFUSED and ord(char) not in _INVISIBLE
        if not ok:
            return gettext("A name cannot contain invisible or formatting characters.")
        marks = marks + 1 if category.startswith("M") else 0
        if marks > MAX_MARKS_ON_A_LETTER:
            return gettext("This name has too many accents on one letter.")
        previous = char if ord(char) not in _VARIATION_SELECTORS else previous
    if all(unicodedata.category(char)[0] in "MZ" for char in name):
        return gettext("A name needs at least one letter, number or symbol.")
    if unicodedata.category(name[0]).startswith("M"):
        return gettext("A name cannot start with an accent on its own.")
    return ""


def clean_text(
    value: Any, *, field: str, max_length: int, required: bool = False, multiline: bool = False
) -> str:
    return TextRule(max_length, required=required, multiline=multiline).clean(value, field=field)


def clean_name(value: Any, *, field: str, max_length: int, required: bool = True) -> str:
    """A name: single-line text with nothing invisible in it (see the module's docstring)."""
    return TextRule(max_length, required=required, name=True).clean(value, field=field)


def clean_texts(fields: Mapping[str, tuple[TextRule, Any]]) -> dict[str, str]:
    """Several fields at once, `{field: (rule, value)}`; every problem is reported together."""
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    for field, (rule, value) in fields.items():
        problem, values[field] = _check(rule, value)
        if problem:
            errors[field] = problem
    if errors:
        raise InvalidInput(detail=errors)
    return values


# Plain words for search, sorting and look-alike names -----------------------------------


@lru_cache(maxsize=1)
def _look_alikes() -> dict[int, str]:
    """Each non-ASCII letter or digit that Unicode lists as confusable with exactly one ASCII
    letter or digit (Cyrillic "\u0430" → "a", fullwidth and mathematical letters too), as a
    str.translate table. The data is loaded on first use: about 1 MB of JSON."""
    from confusable_homoglyphs.utils import load

    table: dict[int, str] = {}
    for char, glyphs in load("confusables.json").items():
        if len(char) == 1 and not char.isascii() and len(glyphs) == 1:
            target = glyphs[0]["c"]
            if len(target) == 1 and target.isascii() and target.isalnum():
                table[ord(char)] = target
    return table


_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """`text` as plain words: look-alikes mapped to Latin, compatibility forms decomposed,
    accents removed, case folded, split on anything that is not a letter or digit and joined
    by single spaces. "Álex Peña" → "alex pena"; "M\u0430risol" (Cyrillic) → "marisol"."""
    decomposed = unicodedata.normalize("NFKD", text).translate(_look_alikes())
    plain = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    plain = unicodedata.normalize("NFKD", plain.casefold())
    plain = "".join(c for c in plain if not unicodedata.category(c).startswith("M"))
    return " ".join(word for word in _NOT_WORD.split(plain) if word)
