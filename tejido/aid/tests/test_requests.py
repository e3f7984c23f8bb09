"""Opening, editing, closing and expiring requests and offers, through the services on the real
database: defaults by category, sealed text, the board's rules and the daily limit."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection

from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.aid import rules
from tejido.aid.errors import BadWindows, NotUnderWay, RequestFinished, TooManyRequests
from tejido.aid.factories import AidOfferFactory, AidRequestFactory, MatchFactory
from tejido.aid.models import AidOffer, AidRequest, Match, MatchState, OfferState, RequestState
from tejido.aid.services import (
    close_offer,
    close_request,
    edit_offer,
    edit_request,
    expire_offer_now,
    expire_request_now,
    mark_fulfilled,
    open_offer,
    open_request,
)
from tejido.audit.models import AuditEntry
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.network.factories import AreaFactory
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


def _stored(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_a_sensitive_request_is_for_organisers_by_default_and_sealed():
    request = open_request(
        actor=UserFactory(), category="housing", title="Un sofá tres noches", description="Urge"
    )
    assert request.visibility == AidRequest.Visibility.ORGANISERS
    assert request.state == RequestState.OPEN
    assert request.expires_at - request.opened_at == rules.OPEN_FOR["week"]
    stored = _stored("aid_aidrequest", "title", request.pk)
    assert stored.startswith("sealed:")
    assert "sofá" not in stored
    assert _stored("aid_aidrequest", "description", request.pk).startswith("sealed:")
    # Nothing of it reaches the search index.
    assert _stored("aid_aidrequest", "search_words", request.pk) == ""


def test_a_plain_request_is_for_every_member_and_searchable():
    area = AreaFactory()
    request = open_request(
        actor=UserFactory(),
        category="food",
        title="Compra para la semana",
        area=area,
        languages=["es", "en", "es"],
        urgency="today",
    )
    assert request.visibility == AidRequest.Visibility.MEMBERS
    assert request.languages == ["en", "es"]
    assert request.expires_at - request.opened_at == rules.OPEN_FOR["today"]
    assert request.search_words == "compra para la semana"
    request.visibility = AidRequest.Visibility.HELPERS
    request.save(update_fields=["visibility"])
    assert _stored("aid_aidrequest", "search_words", request.pk) == ""


def test_time_windows_are_checked_and_kept_in_order():
    start = now().replace(microsecond=0) + timedelta(days=2)
    later = (start + timedelta(days=1), start + timedelta(days=1, hours=2))
    request = open_request(
        actor=UserFactory(),
        category="transport",
        title="Acompañamiento",
        windows=[later, (start, start + timedelta(hours=3))],
    )
    assert request.windows[0][0] == start.isoformat()
    for bad in (
        [(start, start)],
        [(start, start + timedelta(days=40))],
        [(now() - timedelta(days=2), now() - timedelta(days=1))],
        [(start,)],
        [(start, start + timedelta(hours=1))] * 6,
        "tomorrow",
    ):
        with pytest.raises(BadWindows):
            open_request(actor=UserFactory(), category="food", title="x", windows=bad)


def test_bad_input_is_refused_with_every_problem_named():
    with pytest.raises(InvalidInput) as caught:
        open_request(actor=UserFactory(), category="nope", title="")
    assert "title" in caught.value.detail
    with pytest.raises(InvalidInput) as caught:
        open_request(actor=UserFactory(), category="nope", title="Algo")
    assert set(caught.value.detail) == {"category"}
    with pytest.raises(InvalidInput) as caught:
        open_request(actor=UserFactory(), category="food", title="Algo\u200b")
    assert set(caught.value.detail) == {"title"}
    for fields in (
        {"visibility": "public"},
        {"languages": ["klingon"]},
        {"urgency": "yesterday"},
        {"area": 3},
        {"expires_at": now() - timedelta(days=1)},
        {"expires_at": "soon"},
        {"amount": "10"},
    ):
        with pytest.raises(InvalidInput):
            open_request(actor=UserFactory(), category="food", title="Algo", **fields)
    assert not AidRequest.objects.exists()


def test_a_money_request_needs_an_amount_and_a_purpose():
    member = UserFactory()
    for fields in ({}, {"amount": "0"}, {"amount": "12.345"}, {"amount": "1e9"}, {"amount": "x"}):
        with pytest.raises(InvalidInput):
            open_request(actor=member, category="money", title="Abono", purpose="Bus", **fields)
    with pytest.raises(InvalidInput) as caught:
        open_request(actor=member, category="money", title="Abono", amount="40")
    assert set(caught.value.detail) == {"purpose"}
    request = open_request(
        actor=member, category="money", title="Abono", amount="40.50", purpose="Bus"
    )
    assert request.amount == Decimal("40.50")
    assert _stored("aid_aidrequest", "purpose", request.pk).startswith("sealed:")
    # Another category drops the money fields.
    edit_request(actor=member, request=request, category="food", amount=None)
    request.refresh_from_db()
    assert (request.amount, request.purpose) == (None, "")


def test_only_vetted_members_ask_or_offer():
    for person in (ApplicantFactory(), UserFactory(state="suspended")):
        with pytest.raises(NotFound):
            open_request(actor=person, category="food", title="Algo")
        with pytest.raises(NotFound):
            open_offer(actor=person, category="food", title="Algo")


def test_a_member_opens_a_bounded_number_of_requests_a_day():
    member = UserFactory()
    for n in range(rules.REQUESTS_PER_DAY):
        open_request(actor=member, category="food", title=f"Petición {n}")
    with pytest.raises(TooManyRequests) as caught:
        open_request(actor=member, category="food", title="Una más")
    assert str(rules.REQUESTS_PER_DAY) in str(caught.value.message)
    with time_machine.travel(now() + timedelta(days=1, minutes=1)):
        open_request(actor=member, category="food", title="Al día siguiente")


def test_editing_an_open_request_and_not_a_finished_one():
    request = AidRequestFactory()
    member = request.requester
    edit_request(actor=member, request=request, title="Otra cosa", urgency="today")
    request.refresh_from_db()
    assert (request.title, request.urgency) == ("Otra cosa", "today")
    with pytest.raises(NotFound):
        edit_request(actor=UserFactory(), request=request, title="No es mío")
    close_request(actor=member, request=request)
    with pytest.raises(RequestFinished):
        edit_request(actor=member, request=request, title="Tarde")


def test_closing_ends_live_matches_and_organisers_leave_a_trace():
    request = AidRequestFactory()
    match = MatchFactory(request=request)
    organiser = OrganiserFactory()
    close_request(actor=organiser, request=request)
    request.refresh_from_db()
    assert request.state == RequestState.CLOSED
    assert request.ended_at is not None
    assert Match.objects.get(pk=match.pk).state == MatchState.WITHDRAWN
    assert Notice.objects.filter(user=match.helper, kind="aid_request_closed").exists()
    assert AuditEntry.objects.filter(action="aid.request_closed", target_id=request.pk).exists()
    with pytest.raises(RequestFinished):
        close_request(actor=organiser, request=request)


def test_only_a_request_under_way_is_fulfilled():
    request = AidRequestFactory()
    with pytest.raises(NotUnderWay):
        mark_fulfilled(actor=request.requester, request=request)


def test_a_request_expires_at_its_moment_only():
    request = AidRequestFactory()
    MatchFactory(request=request)
    moment = request.expires_at.isoformat()
    assert not expire_request_now(request_id=request.pk, expires_at=moment)
    with time_machine.travel(request.expires_at + timedelta(seconds=1)):
        assert not expire_request_now(request_id=request.pk, expires_at="2001-01-01T00:00:00")
        assert expire_request_now(request_id=request.pk, expires_at=moment)
        assert not expire_request_now(request_id=request.pk, expires_at=moment)
    request.refresh_from_db()
    assert request.state == RequestState.EXPIRED
    assert Notice.objects.filter(user=request.requester, kind="aid_request_expired").exists()
    assert not Match.objects.filter(state=MatchState.PROPOSED).exists()
    assert not expire_request_now(request_id=999_999, expires_at=moment)


def test_offers_open_edit_close_and_expire():
    helper = UserFactory()
    offer = open_offer(actor=helper, category="tech", title="Arreglo móviles")
    assert offer.visibility == AidOffer.Visibility.MEMBERS
    assert offer.expires_at - offer.opened_at == rules.OFFER_OPEN_FOR
    with pytest.raises(InvalidInput):
        open_offer(actor=helper, category="tech", title="x", visibility="helpers")
    edit_offer(actor=helper, offer=offer, description="Android sobre todo")
    assert AidOffer.objects.get(pk=offer.pk).search_words == "arreglo moviles android sobre todo"
    asked = MatchFactory(offer=offer, helper=helper, proposed_by="requester")
    close_offer(actor=helper, offer=offer)
    assert AidOffer.objects.get(pk=offer.pk).state == OfferState.CLOSED
    assert Match.objects.get(pk=asked.pk).state == MatchState.DECLINED
    later = AidOfferFactory()
    with time_machine.travel(later.expires_at + timedelta(seconds=1)):
        assert expire_offer_now(offer_id=later.pk, expires_at=later.expires_at.isoformat())
    assert AidOffer.objects.get(pk=later.pk).state == OfferState.EXPIRED
