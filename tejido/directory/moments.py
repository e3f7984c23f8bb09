"""The directory's idea of today: the date in the network's time zone, where opening hours
and verification dates are kept."""

from datetime import date

from tejido.core.clock import now
from tejido.directory.models.hours import network_zone


def today() -> date:
    return now().astimezone(network_zone()).date()
