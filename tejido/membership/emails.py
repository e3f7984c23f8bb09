"""The email membership sends to an address that is not a member's yet: the invitation link,
rendered here and sent by the notifications layer."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext


def render_invitation_email(
    *, link: str, network_name: str, expires_at: datetime, language: str, time_zone: str = ""
) -> tuple[str, str]:
    """The subject and plain-text body of an invitation email, in `language`. The subject is
    neutral: an inbox preview on a shared device tells nothing about the network."""
    try:
        zone = ZoneInfo(time_zone or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(settings.TIME_ZONE)
    with translation.override(language):
        subject = gettext("Your invitation")
        expires = formats.date_format(timezone.localtime(expires_at, zone), "DATETIME_FORMAT")
        body = render_to_string(
            "membership/email/invitation.txt",
            {"link": link, "network_name": network_name, "expires": expires},
        )
    return subject, body
