"""The one rule for free text and names, and the plain words search and sorting use."""

import pytest
from django.utils import translation

from tejido.core.errors import InvalidInput
from tejido.core.text import TextRule, clean_name, clean_text, clean_texts, fold

NAME = TextRule(80, required=True, name=True)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _problem(rule: TextRule, value) -> str:
    with pytest.raises(InvalidInput) as caught:
        rule.clean(value, field="f")
    return caught.value.detail["f"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("  Ana   María\t ", "Ana María"),
        ("Ana\nMaría", "Ana María"),
        ("Ana\u00a0\u2003María", "Ana María"),
        ("Jose\u0301", "José"),  # NFC: one character, as typed on another keyboard
        (None, ""),
    ],
)
def test_single_line_text_is_normalised_and_collapsed(given, expected):
    assert clean_text(given, field="f", max_length=80) == expected


def test_multi_line_text_keeps_its_lines_and_tabs():
    text = clean_text("  one\r\n\ttwo\rthree  ", field="f", max_length=80, multiline=True)
    assert text == "one\n\ttwo\nthree"


@pytest.mark.parametrize("given", ["a\x00b", "a\x07b", "a\x1bb", "a\ud800b", "a\x7fb"])
def test_control_characters_and_lone_surrogates_are_refused(given):
    for multiline in (False, True):
        rule = TextRule(80, multiline=multiline)
        assert _problem(rule, given) == "This text contains a character that is not allowed."


def test_length_required_and_type():
    assert clean_text("x" * 80, field="f", max_length=80) == "x" * 80
    assert _problem(TextRule(80), "x" * 81) == "Keep this to 80 characters or fewer."
    assert _problem(TextRule(80, required=True), "   ") == "This field is required."
    assert _problem(TextRule(80), 42) == "Enter text."


@pytest.mark.parametrize(
    "given",
    [
        "Marisol\u200b",  # zero-width space
        "Mari\u200dsol",  # zero-width joiner between letters
        "Sol\u200d\U0001f308",  # and between a letter and an emoji
        "\u202eMarisol",  # right-to-left override
        "Marisol\u2066",  # isolate
        "Mari\u00adsol",  # soft hyphen
        "Marisol\ufeff",  # byte order mark
        "Marisol\ufe0f",  # a variation selector after a letter
        "Mari\u034fsol",  # combining grapheme joiner
        "Marisol\u3164",  # Hangul filler
        "\u115fMarisol",
        "Marisol\u1160",
        "Marisol\uffa0",
        "Marisol\u2800",  # Braille blank
        "Mari\u180esol",  # Mongolian vowel separator
        "Marisol\ue000",  # private use
        "Marisol\U000e0041",  # tag character
        "Marisol\u0378",  # unassigned
    ],
)
def test_names_refuse_what_does_not_show(given):
    assert _problem(NAME, given) == "A name cannot contain invisible or formatting characters."


@pytest.mark.parametrize("given", ["\u0301\u0301", "\u0301 \u0302", "\u3000"])
def test_a_name_needs_something_that_shows(given):
    assert _problem(NAME, given) in (
        "A name needs at least one letter, number or symbol.",
        "This field is required.",
    )


def test_a_name_may_not_start_with_a_lone_accent_nor_pile_them_up():
    assert _problem(NAME, "\u0301Ana") == "A name cannot start with an accent on its own."
    assert _problem(NAME, "Ana" + "\u0301\u0302\u0303\u0304\u0306\u0308") == (
        "This name has too many accents on one letter."
    )


@pytest.mark.parametrize(
    "given",
    ["Álex Peña", "Nguyễn", "O'Brien", "Zoë 🏳️‍🌈", "⚧️ Kai", "Kim 👩🏽‍🦰", "李小龍", "Ана", "🌈"],
)
def test_names_as_people_write_them_are_kept(given):
    assert clean_name(given, field="f", max_length=80) == given


def test_clean_texts_reports_every_field_together():
    with pytest.raises(InvalidInput) as caught:
        clean_texts({"a": (TextRule(5, required=True), ""), "b": (NAME, "x\u200b")})
    assert set(caught.value.detail) == {"a", "b"}
    assert clean_texts({"a": (TextRule(5), " hi ")}) == {"a": "hi"}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Álex Peña", "alex pena"),
        ("  LÉA--Martín ", "lea martin"),
        ("O'Brien", "o brien"),
        ("François Çelik", "francois celik"),
        ("Straße", "strasse"),
        ("M\u0430risol", "marisol"),  # a Cyrillic a
        ("\uff2d\uff41\uff52\uff49\uff53\uff4f\uff4c", "marisol"),  # fullwidth
        ("ﬁona", "fiona"),  # ligature
        ("🌈", ""),
        ("snake_case", "snake case"),
    ],
)
def test_fold_gives_plain_words(given, expected):
    assert fold(given) == expected


def test_the_messages_are_in_spanish_too(translations):
    with translation.override("es"):
        problem = _problem(NAME, "Marisol\u200b")
    assert problem == "Un nombre no puede tener caracteres invisibles ni de formato."
