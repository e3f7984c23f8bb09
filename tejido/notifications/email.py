"""Every email Tejido sends is built here, with one sender and one set of headers, and sent by
the task worker (tejido.notifications.tasks); nothing else calls send_mail. Each is rendered in
its recipient's language.

A member's notice email carries the notice's subject and text and a link back to Tejido. In
discreet mode the subject is neutral, the sender's name is `DISCREET_SENDER_NAME`, and the body
says only that there is something new, with a link to the notifications page: neither the
network's name nor what happened nor the path of the thing it is about appears in it.

The email goes to the member alone and holds nothing but what their notice says: never another
member's address, and nothing a feature did not put in the notice's params.
"""

from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import NoReverseMatch, reverse
from django.utils import translation
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


def sender_name(*, discreet: bool = False) -> str:
    """The name our emails come from: the network's, or the neutral one in discreet mode."""
    name = settings.DISCREET_SENDER_NAME if discreet else NetworkSettings.current().name
    # A display name is a header value: no line breaks may reach it.
    return " ".join(str(name).split())


def sender(*, discreet: bool = False) -> str:
    """The From header: our address under `sender_name`, quoted as the header needs."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    return str(Address(display_name=sender_name(discreet=discreet), addr_spec=address))


def _path(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def notice_message(notice: Notice) -> EmailMultiAlternatives:
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
        return build_message(
            to=user.email, subject=subject, body=body + "\n", discreet=user.discreet_mode
        )


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def build_message(
    *, to: str, subject: str, body: str, html: str = "", discreet: bool = False
) -> EmailMultiAlternatives:
    """The one way an email is put together: to one recipient only (nobody learns anybody
    else's address), a one-line subject, our sender (neutral in discreet mode) and the
    machine-sent headers."""
    message = EmailMultiAlternatives(
        subject=_one_line(subject),
        body=body,
        from_email=sender(discreet=discreet),
        to=[to],
        headers=dict(_HEADERS),
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message
