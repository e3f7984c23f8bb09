"""The organisers' figures of the board, through the services on the real database: a request
records when it found someone and when it was fulfilled (each way it can be: the requester
says so, after it was under way or straight away, or answers the follow-up yes), and the
figures give, by kind of help, how many were opened, matched and fulfilled and the median
times to match and to fulfil, leaving out a kind with fewer than three and requests opened
before the figures' days."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.aid.match_selectors import FIGURES_DAYS, get_figures
from tejido.aid.match_services import answer_follow_up, answer_match, ask_follow_up, offer_help
from tejido.aid.models import AidRequest, FollowUp, RequestState
from tejido.aid.services import mark_fulfilled, mark_started, open_request
from tejido.core.errors import NotFound

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR, DAY = timedelta(hours=1), timedelta(days=1)


def _at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def _open(category: str, title: str) -> AidRequest:
    with _at(START):
        return open_request(
            actor=UserFactory(), category=category, title=title, visibility="members"
        )


def _matched(request: AidRequest, helper, after: timedelta) -> AidRequest:
    with _at(START + after):
        match = offer_help(actor=helper, request=request)
        answer_match(actor=request.requester, match=match, accept=True)
    request.refresh_from_db()
    return request


def _row(figures, category: str):
    label = str(AidRequest.Category(category).label)
    return next(row for row in figures.rows if row.label == label)


def test_matching_and_fulfilling_are_recorded_and_the_figures_give_their_medians():
    helper = UserFactory()
    # Four requests for company to a clinic and one that never finds anyone.
    first, second, third, fourth = (_open("transport", f"Acompañamiento {n}") for n in range(4))
    _open("transport", "Nadie todavía")
    for request, after in (
        (first, HOUR),
        (second, 3 * HOUR),
        (third, 5 * HOUR),
        (fourth, 10 * HOUR),
    ):
        request = _matched(request, helper, after)
        assert request.state == RequestState.MATCHED
        assert request.matched_at == START + after
        assert request.fulfilled_at is None

    # The first was under way before the requester said it happened.
    with _at(START + 2 * HOUR):
        mark_started(actor=helper, request=first)
    with _at(START + DAY):
        mark_fulfilled(actor=first.requester, request=first)
    # The second is said done straight from matched.
    with _at(START + 2 * DAY):
        mark_fulfilled(actor=second.requester, request=second)
    # The third's requester answers the follow-up yes.
    with _at(START + 4 * DAY):
        third.refresh_from_db()
        ask_follow_up(match_id=third.matches.get().pk, matched_at=third.matched_at.isoformat())
        answer_follow_up(
            actor=third.requester,
            follow_up=FollowUp.objects.get(user=third.requester),
            happened=True,
        )
    # The fourth is under way, not fulfilled.
    with _at(START + DAY):
        mark_started(actor=fourth.requester, request=fourth)

    for request, done in ((first, DAY), (second, 2 * DAY), (third, 4 * DAY)):
        request.refresh_from_db()
        assert request.state == RequestState.FULFILLED
        assert request.fulfilled_at == START + done
        assert request.started_at is not None
    first.refresh_from_db()
    assert first.started_at == START + 2 * HOUR
    fourth.refresh_from_db()
    assert (fourth.state, fourth.fulfilled_at) == (RequestState.IN_PROGRESS, None)

    # Two legal requests, both matched: too few to show.
    for n in range(2):
        _matched(_open("legal", f"Cambio de nombre {n}"), helper, HOUR)
    # One opened (and matched) long before the figures' days is not counted.
    long_ago = START - timedelta(days=FIGURES_DAYS + 30)
    with _at(long_ago):
        old = open_request(actor=UserFactory(), category="transport", title="Hace mucho")
    with _at(long_ago + 20 * HOUR):
        answer_match(actor=old.requester, match=offer_help(actor=helper, request=old), accept=True)

    with _at(START + 10 * DAY):
        figures = get_figures(viewer=OrganiserFactory())
    transport = _row(figures, "transport")
    assert transport.counts == (5, 4, 3)
    # Medians of 1, 3, 5 and 10 hours to match, and of 1, 2 and 4 days to fulfil.
    assert transport.spans == (4 * HOUR, 2 * DAY)
    legal = _row(figures, "legal")
    # Two is "fewer than 3"; none fulfilled is a plain 0.
    assert legal.counts == (None, None, 0)
    assert legal.spans == (None, None)
    # Every kind together: seven opened, six matched (1, 1, 1, 3, 5, 10 hours), three fulfilled.
    assert figures.total.counts == (7, 6, 3)
    assert figures.total.spans == (2 * HOUR, 2 * DAY)


def test_with_fewer_than_three_fulfilled_no_median_is_given():
    helper = UserFactory()
    requests = [_matched(_open("food", f"Compra {n}"), helper, HOUR) for n in range(3)]
    with _at(START + DAY):
        mark_fulfilled(actor=requests[0].requester, request=requests[0])
        mark_fulfilled(actor=requests[1].requester, request=requests[1])
    with _at(START + 2 * DAY):
        food = _row(get_figures(viewer=OrganiserFactory()), "food")
    assert food.counts == (3, 3, None)
    assert food.spans == (HOUR, None)


def test_only_organisers_read_the_figures():
    with pytest.raises(NotFound):
        get_figures(viewer=UserFactory())
    with pytest.raises(NotFound):
        get_figures(viewer=None)
