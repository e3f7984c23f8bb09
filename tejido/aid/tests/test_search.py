"""The board's search through tejido.core.search, on whichever database the suite runs: accents
and case aside, word prefixes, and never the words of a request sealed from some members."""

import pytest

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.aid.factories import AidOfferFactory, AidRequestFactory
from tejido.aid.models import OFFER_SEARCH, REQUEST_SEARCH
from tejido.aid.selectors import BoardFilters, list_board_offers, list_board_requests
from tejido.core.search import search_index_is_complete

pytestmark = pytest.mark.django_db


def _titles(page) -> list[str]:
    return [card.title for card in page]


def test_the_indexes_are_complete():
    assert search_index_is_complete(REQUEST_SEARCH)
    assert search_index_is_complete(OFFER_SEARCH)


def test_requests_are_found_by_word_prefixes_whatever_their_accents():
    AidRequestFactory(title="Acompañamiento al médico", description="Cita en Móstoles")
    AidRequestFactory(title="Comida")
    member = UserFactory()
    for query in ("acompanamiento", "MEDI", "mostoles cita", "ACOMPAÑ"):
        found = list_board_requests(viewer=member, filters=BoardFilters(query=query))
        assert _titles(found) == ["Acompañamiento al médico"], query
    assert not list_board_requests(viewer=member, filters=BoardFilters(query="!!!"))


def test_a_request_not_open_to_all_is_never_found_by_its_words():
    AidRequestFactory(title="Vivienda urgente", visibility="organisers", category="housing")
    AidRequestFactory(title="Vivienda compartida", visibility="helpers", category="housing")
    organiser = OrganiserFactory()
    assert not list_board_requests(viewer=organiser, filters=BoardFilters(query="vivienda"))
    assert len(list_board_requests(viewer=organiser, filters=BoardFilters(category="housing"))) == 2


def test_offers_are_found_by_their_words():
    AidOfferFactory(title="Arreglo ordenadores", description="Y móviles Android")
    AidOfferFactory(title="Cocino los domingos")
    found = list_board_offers(viewer=UserFactory(), filters=BoardFilters(query="movil"))
    assert _titles(found) == ["Arreglo ordenadores"]
