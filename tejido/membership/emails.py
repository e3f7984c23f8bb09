"""Emails membership sends to addresses that are not members yet: the invitation link."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.mail import EmailMessage
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


def send_invitation_email(
    *,
    to: str,
    link: str,
    network_name: str,
    expires_at: datetime,
    language: str,
    time_zone: str = "",
) -> None:
    subject, body = render_invitation_email(
        link=link,
        network_name=network_name,
        expires_at=expires_at,
        language=language,
        time_zone=time_zone,
    )
    EmailMessage(subject=subject, body=body, to=[to]).send()
