"""An occurrence's date as a notice shows it: in the reader's time zone, written out in both
languages so the notice reads right in whichever one they use when they open it."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import formats, timezone, translation

from tejido.accounts.models import User
from tejido.core.models import bilingual
from tejido.gatherings.models import Occurrence


def _zone(user: User) -> ZoneInfo:
    try:
        return ZoneInfo(user.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def written_moment(user: User, moment: datetime) -> dict[str, str]:
    local = timezone.localtime(moment, _zone(user))
    written = {}
    for language in ("es", "en"):
        with translation.override(language):
            written[language] = formats.date_format(local, "DATETIME_FORMAT")
    return written


def occurrence_params(user: User, occurrence: Occurrence) -> dict[str, Any]:
    """The params every gatherings notice carries: the event's title and the occurrence's
    start. Never the place."""
    return {
        "event": bilingual(occurrence.event, "title"),
        "when": written_moment(user, occurrence.starts_at),
    }
