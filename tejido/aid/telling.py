"""How the aid board tells people something: every notice through the notifications layer,
about a request or a match, so it reaches only that thing's audience (tejido.access.aid), with
params that name at most the kind of help and never for a sensitive category."""

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext

from tejido.accounts.models import User
from tejido.aid.models import AidRequest, Match
from tejido.core.choices import label
from tejido.notifications.services import notify

LANGUAGES = ("es", "en")


def what(request: AidRequest) -> dict[str, str]:
    """The request as a notice names it, in both languages: by its kind of help, unless the
    kind is sensitive."""
    named = {}
    for language in LANGUAGES:
        with translation.override(language):
            if request.sensitive:
                named[language] = gettext("the request for help")
            else:
                named[language] = gettext("the request for help (%(category)s)") % {
                    "category": label(request, "category")
                }
    return named


def written_amount(amount: Decimal, currency: str) -> dict[str, str]:
    written = {}
    for language in LANGUAGES:
        with translation.override(language):
            written[language] = f"{formats.number_format(amount, 2, use_l10n=True)} {currency}"
    return written


def request_path(request: AidRequest) -> str:
    return reverse("aid_request_detail", args=[request.pk])


def match_path(match: Match) -> str:
    return reverse("aid_match_detail", args=[match.pk])


def tell_request(user: User, kind: str, request: AidRequest, **extra: Any) -> None:
    notify(
        user=user,
        kind=kind,
        about=request,
        params={"what": what(request), **extra},
        url=request_path(request),
    )


def tell_match(user: User, kind: str, match: Match, **extra: Any) -> None:
    notify(
        user=user,
        kind=kind,
        about=match,
        params={"what": what(match.request), **extra},
        url=match_path(match),
    )
