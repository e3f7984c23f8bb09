"""The matching's reasons in words (tejido.aid.reasons), in English and Spanish."""

import pytest
from django.utils import translation

from tejido.aid import matching
from tejido.aid.reasons import PHRASES, explain, language_label, phrases


def test_every_reason_the_matching_gives_has_words():
    fixed = set(matching.REASON_CODES) - {matching.LANGUAGE_REASON}
    assert set(PHRASES) == fixed


def test_a_match_explained_in_english(translations):
    with translation.override("en"):
        assert explain(("same_area", "language:es", "time_overlap", "urgent_week")) == (
            "same area, speaks Spanish, free at the same time, needed this week"
        )
        assert explain(("neighbouring_area", "near", "urgent_today", "waiting_long")) == (
            "neighbouring area, nearby, needed today, waiting for days"
        )


def test_a_match_explained_in_spanish(translations):
    with translation.override("es"):
        assert explain(("same_area", "language:es", "time_overlap", "urgent_week")) == (
            "misma zona, idioma común: Español, coinciden en horario, se necesita esta semana"
        )
        assert explain(("neighbouring_area", "near", "urgent_today", "waiting_long")) == (
            "zona vecina, cerca, se necesita hoy, lleva días esperando"
        )


@pytest.mark.parametrize(
    ("code", "english", "spanish"),
    [
        ("ar", "Arabic", "Árabe"),  # the profiles' list of languages
        ("lse", "Spanish Sign Language", "Lengua de signos española"),
        ("sw", "Swahili", "Suajili"),  # not on that list: Django's language info
        ("tlh", "tlh", "tlh"),  # unknown to both: the code itself
    ],
)
def test_languages_are_named_in_the_current_language(translations, code, english, spanish):
    with translation.override("en"):
        assert language_label(code) == english
        assert explain((f"language:{code}",)) == f"speaks {english}"
    with translation.override("es"):
        assert language_label(code) == spanish
        assert explain((f"language:{code}",)) == f"idioma común: {spanish}"


def test_unknown_codes_are_left_out_and_the_order_is_kept(translations):
    with translation.override("en"):
        assert phrases(("waiting_long", "this_week", "same_area")) == [
            "waiting for days",
            "same area",
        ]
        assert explain(()) == ""
