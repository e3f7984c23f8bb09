"""The aid board's lists cost the same number of SQL queries whatever their length: the board of
requests and of offers, my requests and offers (with suggestions), a request's page, the
dispatch queue, a fund's ledger, the figures, the home page; and the API's lists."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.tokens import create_token
from tejido.aid.factories import (
    AidOfferFactory,
    AidRequestFactory,
    FundFactory,
    MatchFactory,
    MessageFactory,
)
from tejido.aid.fund_services import record_received
from tejido.core.clock import now
from tejido.core.testing import FRAME_QUERIES
from tejido.network.factories import AreaFactory

pytestmark = pytest.mark.django_db

SIZES = [3, 12]


def _world(viewer, size: int) -> None:
    """`size` open requests and offers of others (food, in areas, some anonymous), the viewer's
    own requests, offers and matches, and `size` requests for organisers only."""
    areas = [AreaFactory() for _ in range(3)]
    for number in range(size):
        area = areas[number % 3]
        AidRequestFactory(area=area, languages=["es"], anonymous=number % 2 == 0)
        AidRequestFactory(category="housing", visibility="organisers", area=area)
        AidOfferFactory(area=area, languages=["es", "en"])
        AidOfferFactory(category="housing", area=area)
        mine = AidRequestFactory(requester=viewer, opened_at=now() - timedelta(days=number + 2))
        MatchFactory(request=mine)
        AidOfferFactory(helper=viewer, category="housing")
        MessageFactory(match=MatchFactory(helper=viewer))


def _client(login, viewer):
    client = login(viewer)
    client.get(reverse("aid_board"))  # the conduct gate remembers the acceptance in the session
    return client


# The frame, then: the filter's areas; the page's rows (and one more: the board is not
# counted); who may dispatch (none); the cards' requesters (theirs and shared groups) and my
# matches on them.
BOARD_QUERIES = FRAME_QUERIES + 5


@pytest.mark.parametrize("size", SIZES)
def test_the_board(login, django_assert_num_queries, size):
    viewer = UserFactory()
    _world(viewer, size)
    client = _client(login, viewer)
    with django_assert_num_queries(BOARD_QUERIES):
        response = client.get(reverse("aid_board"))
    assert response.content.decode().count('href="/aid/requests/') >= min(size, 20)


# The frame, then the filter's areas, the page's rows (not counted), the helpers' cards.
OFFERS_QUERIES = FRAME_QUERIES + 4


@pytest.mark.parametrize("size", SIZES)
def test_the_offers(login, django_assert_num_queries, size):
    viewer = UserFactory()
    _world(viewer, size)
    client = _client(login, viewer)
    with django_assert_num_queries(OFFERS_QUERIES):
        client.get(reverse("aid_offers"))


# The frame, then: my requests; the offers for them (the offers scored, where areas lie (2),
# the blocks, the chosen offers and their helpers (2)); my offers and the requests for them
# (the same, and my matches on them); the matches I help in and their people; my
# follow-ups; the past requests and offers, and their people. Nobody helps with their own
# request, so no query looks for the viewer's matches on their own requests, and the
# viewer's own card needs no look-up of shared groups (twice: running and past requests).
MINE_QUERIES = FRAME_QUERIES + 21


@pytest.mark.parametrize("size", SIZES)
def test_my_requests_and_offers(login, django_assert_num_queries, size):
    viewer = UserFactory()
    _world(viewer, size)
    client = _client(login, viewer)
    with django_assert_num_queries(MINE_QUERIES):
        client.get(reverse("aid_mine"))


# The frame, then: the request; its matches and their people (2); its requester, the viewer
# (their own card: no shared groups to look up, no matches of theirs on it); the suggestions
# (the offers scored, where areas lie (2), the blocks, the chosen offers and their helpers
# (2)); the follow-ups; the report link's kind.
DETAIL_QUERIES = FRAME_QUERIES + 13


@pytest.mark.parametrize("size", SIZES)
def test_a_request_page(login, django_assert_num_queries, size):
    viewer = UserFactory()
    _world(viewer, size)
    request = AidRequestFactory(requester=viewer, area=AreaFactory())
    for _ in range(size):
        MatchFactory(request=request)
    client = _client(login, viewer)
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(reverse("aid_request_detail", args=[request.pk]))


# The frame, then: the filter's areas; the page's count and rows; the suggestions for the
# whole page at once (as on a request's page); the cards' requesters and my matches. An
# organiser sees what is for a shared group anyway: no look-up of shared groups for people.
DISPATCH_QUERIES = FRAME_QUERIES + 11


@pytest.mark.parametrize("size", SIZES)
def test_the_dispatch_queue(login, django_assert_num_queries, size):
    organiser = OrganiserFactory()
    _world(UserFactory(), size)
    client = _client(login, organiser)
    with django_assert_num_queries(DISPATCH_QUERIES):
        client.get(reverse("aid_dispatch"))


# The frame, then the fund, the page's count and rows, who recorded them (an organiser: no
# shared groups to look up).
LEDGER_QUERIES = FRAME_QUERIES + 4


@pytest.mark.parametrize("size", SIZES)
def test_a_fund_ledger(login, django_assert_num_queries, size):
    organiser = OrganiserFactory()
    fund = FundFactory()
    for _ in range(size):
        record_received(actor=OrganiserFactory(), fund=fund, amount=Decimal("10"))
    client = _client(login, organiser)
    with django_assert_num_queries(LEDGER_QUERIES):
        client.get(reverse("aid_fund_detail", args=[fund.pk]))


# The frame, then the requests of the period and the open offers.
FIGURES_QUERIES = FRAME_QUERIES + 2


@pytest.mark.parametrize("size", SIZES)
def test_the_figures(login, django_assert_num_queries, size):
    _world(UserFactory(), size)
    client = _client(login, OrganiserFactory())
    with django_assert_num_queries(FIGURES_QUERIES):
        client.get(reverse("aid_figures"))


# The home page's own (gatherings, groups, invitations) and the aid board's part: my
# requests and my own card (no shared groups, none of my matches), the matches I help in and
# their people, the kinds of help I offer, the requests of those kinds I could help with
# (their requesters' cards and shared groups, my matches on them: they are scored on my
# board, not here), my follow-ups; the directory's services verified lately; and my next
# circle session.
HOME_QUERIES = FRAME_QUERIES + 15 + 1 + 1


@pytest.mark.parametrize("size", SIZES)
def test_the_home_page(login, django_assert_num_queries, size):
    viewer = UserFactory()
    _world(viewer, size)
    AidOfferFactory(helper=viewer)  # food, as the open requests others made
    client = _client(login, viewer)
    with django_assert_num_queries(HOME_QUERIES):
        html = client.get(reverse("home")).content.decode()
    assert 'id="aid-home-could-help"' in html


# The token, the page's count and rows, the cards' requesters (2) and my matches on them.
API_LIST_QUERIES = 6


@pytest.mark.parametrize("size", SIZES)
def test_the_api_board(client, django_assert_num_queries, size):
    viewer = UserFactory()
    _world(viewer, size)
    _token, secret = create_token(actor=viewer, name="queries")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client.get("/api/v1/aid/requests", **headers)
    with django_assert_num_queries(API_LIST_QUERIES):
        response = client.get("/api/v1/aid/requests", **headers)
    assert response.status_code == 200
