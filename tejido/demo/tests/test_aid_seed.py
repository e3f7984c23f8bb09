"""The demo network's mutual aid board is alive, in both languages: open requests and offers
of several kinds (one anonymous, one for organisers only), a match in progress with its thread,
one fulfilled with both follow-ups answered, a microgrant fund with its ledger, areas that say
where they lie; and its pages show it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from tejido.accounts.models import User
from tejido.aid.models import (
    AidOffer,
    AidRequest,
    AreaPlace,
    EntryKind,
    FollowUp,
    Fund,
    Match,
    Message,
    RequestState,
)
from tejido.demo import content

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def test_the_board_is_alive(seeded):
    open_requests = AidRequest.objects.filter(state=RequestState.OPEN)
    assert len({r.category for r in open_requests}) >= 5
    assert open_requests.filter(anonymous=True).exists()
    assert open_requests.filter(visibility="organisers", category="housing").exists()
    assert AidOffer.objects.values("category").distinct().count() >= 6
    assert AidRequest.objects.filter(state=RequestState.IN_PROGRESS).count() == 1
    fulfilled = AidRequest.objects.get(state=RequestState.FULFILLED, category="tech")
    assert fulfilled.fulfilled_at > fulfilled.matched_at > fulfilled.opened_at
    answers = FollowUp.objects.filter(match__request=fulfilled, answered_at__isnull=False)
    assert answers.count() == 2
    assert all(answer.feedback for answer in answers)
    assert Message.objects.filter(match__request__state=RequestState.IN_PROGRESS).count() == 2
    fund = Fund.objects.get()
    assert fund.balance > 0
    assert set(fund.entries.values_list("kind", flat=True)) == set(EntryKind.values)
    assert AreaPlace.objects.count() == len(content.AREAS)
    # Both languages: requests written in English and in Spanish.
    titles = [r.title for r in AidRequest.objects.all()]
    assert "Groceries for this week" in titles
    assert "Compañía para una cita en el centro de salud" in titles


def test_its_pages_show_it(seeded):
    member = User.objects.get(email=f"member@{content.DEMO_DOMAIN}")
    client = Client()
    client.force_login(member)
    board = client.get("/aid/").content.decode()
    assert "Groceries for this week" in board
    assert "Necesito un sitio donde dormir" not in board  # for organisers only
    clinic = AidRequest.objects.get(requester=member)
    page = client.get(f"/aid/requests/{clinic.pk}/").content.decode()
    assert "Te acompaño a citas médicas" in page
    organiser = User.objects.get(email=content.ORGANISER_EMAIL)
    client.force_login(organiser)
    queue = client.get("/aid/dispatch/").content.decode()
    assert "Necesito un sitio donde dormir" in queue
    match = Match.objects.get(request__state=RequestState.IN_PROGRESS)
    assert client.get(f"/aid/matches/{match.pk}/").status_code == 200
