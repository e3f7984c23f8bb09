"""Today in the network's time zone, where the checks are dated."""

from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings

from tejido.core.clock import now


def today() -> date:
    return now().astimezone(ZoneInfo(settings.TIME_ZONE)).date()
