"""Emails, always rendered in the recipient's language.

A member's notice email carries the notice's subject and text and a link back to Tejido. In
discreet mode the subject is neutral, the sender's name is `DISCREET_SENDER_NAME`, and the body
says only that there is something new, with a link to the notifications page: neither the
network's name nor what happened nor the path of the thing it is about appears in it.

The email goes to the member alone and holds nothing but what their notice says: never another
member's address, and nothing a feature did not put in the notice's params.
"""

from email.utils import parseaddr, quote
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from tejido.accounts.models import User
from tejido.network.models import NetworkSettings
from tejido.notifications.kinds import GENERIC, kind_for
from tejido.notifications.models import Notice

# Mail clients and auto-responders: this is a machine-sent message, do not answer it.
_HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}


def absolute_url(path: str) -> str:
    """A link to a path of ours on the public site address."""
    if not path.startswith("/") or path.startswith("//"):
        path = "/"
    return f"{settings.SITE_URL}{path}"


def sender(*, discreet: bool = False) -> str:
    """The From header: our address, under the network's name or the neutral discreet one."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    name = settings.DISCREET_SENDER_NAME if discreet else NetworkSettings.current().name
    # Django encodes a non-ASCII name itself; here it is only kept to one safe, quoted line.
    name = " ".join(str(name).split())
    if any(char in name for char in '()<>@,;:\\".[]'):
        name = f'"{quote(name)}"'
    return f"{name} <{address or settings.DEFAULT_FROM_EMAIL}>" if name else address


def _path(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def notice_message(notice: Notice) -> EmailMessage:
    """The email for one notice, in its member's language, honouring discreet mode."""
    user: User = notice.user
    with translation.override(user.language):
        if user.discreet_mode:
            subject = str(GENERIC.subject)
            link = absolute_url(_path("notice_list") or "/")
            body = "\n\n".join(
                [_("There is something new for you."), _("See it here: %(link)s") % {"link": link}]
            )
        else:
            kind = kind_for(notice.kind)
            subject = kind.render_subject(notice.params)
            link = absolute_url(notice.url or _path("notice_list") or "/")
            paragraphs = [kind.render_text(notice.params), _("Open it: %(link)s") % {"link": link}]
            settings_path = _path("settings_edit")
            if settings_path:
                paragraphs.append(
                    "-- \n"
                    + _(
                        "To receive emails with a neutral subject and sender, turn on discreet "
                        "mode in your settings: %(link)s"
                    )
                    % {"link": absolute_url(settings_path)}
                )
            body = "\n\n".join(paragraphs)
        return EmailMessage(
            subject=_one_line(subject),
            body=body + "\n",
            from_email=sender(discreet=user.discreet_mode),
            to=[user.email],
            headers=dict(_HEADERS),
        )


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def render_email(
    *,
    subject: Promise | str,
    text: Promise | str,
    params: dict[str, Any] | None = None,
    language: str | None = None,
) -> tuple[str, str]:
    """Subject and body of an email to someone who is not (yet) a member, rendered in
    `language` (the site's default when not given). Params fill %(name)s placeholders."""
    values = params or {}
    with translation.override(language or settings.LANGUAGE_CODE):
        return _one_line(str(subject) % values), str(text) % values + "\n"


def send_email(
    *,
    to: str,
    subject: Promise | str,
    text: Promise | str,
    params: dict[str, Any] | None = None,
    language: str | None = None,
) -> int:
    """Send a plain-text email now to an address that is not a member's (an invitation, a
    reply to an applicant). One recipient per message: nobody learns anybody else's address.
    Use `queue_email` from a service so it goes out only if the transaction commits."""
    rendered_subject, body = render_email(
        subject=subject, text=text, params=params, language=language
    )
    return deliver(to=to, subject=rendered_subject, body=body)


def deliver(*, to: str, subject: str, body: str, discreet: bool = False) -> int:
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=sender(discreet=discreet),
        to=[to],
        headers=dict(_HEADERS),
    )
    return message.send()


def render_member_email(
    *, user: User, subject: Promise | str, text: Promise | str, params: dict[str, Any] | None = None
) -> tuple[str, str]:
    """Subject and body of an email about a member's own account, in their language; in
    discreet mode the subject is the neutral one (the sender is, when delivered)."""
    if user.discreet_mode:
        subject = GENERIC.subject
    return render_email(subject=subject, text=text, params=params, language=user.language)
