"""A welcoming business in the JSON API: its directions in words, its opening hours as lines
of days and times (as a service's), the note about them, and whether it is open now by the
network's clock; the free-text opening hours it had are gone."""

import json
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tejido.directory.factories import BusinessFactory, BusinessHoursFactory

pytestmark = pytest.mark.django_db

TUESDAY_NOON = datetime(2026, 3, 3, 12, 0, tzinfo=ZoneInfo("Europe/Madrid"))


def test_the_api_gives_the_hours_directions_and_open_now(api, make_user):
    business = BusinessFactory(
        name="Farmacia del Puente",
        directions="Frente al puente.",
        hours_note="Guardia los domingos.",
    )
    BusinessHoursFactory(business=business, byday="MO,TU", opens_at=time(9), closes_at=time(14))
    client = api(make_user())
    with time_machine.travel(TUESDAY_NOON, tick=False):
        body = json.loads(client.get(f"/directory/businesses/{business.pk}").content)
        listed = json.loads(client.get("/directory/businesses").content)
    assert body["directions"] == "Frente al puente."
    assert body["hours_note"] == "Guardia los domingos."
    assert body["hours"] == [
        {
            "days": ["MO", "TU"],
            "opens_at": "09:00:00",
            "closes_at": "14:00:00",
            "description": "",
            "notes": "",
        }
    ]
    assert body["open_now"] is True
    assert listed["items"][0]["open_now"] is True
    assert "opening_hours" not in body
