"""Requests and offers as reportable kinds: a member reports one they may see from its page,
and organisers find it in the moderation queue by its kind of help, with a link to it. A
warning or a suspension applies to whoever posted it; the report never names an anonymous
requester to the reporter (organisers know them anyway)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tejido.access.aid import visible_offers, visible_requests
from tejido.access.reportables import ReportableKind, register
from tejido.aid.models import AidOffer, AidRequest
from tejido.core.choices import label


def _describe(item: AidRequest | AidOffer) -> str:
    return f"{label(item, 'category')}: {item.title}"


REQUEST = register(
    ReportableKind(
        name="aid_request",
        label=_("Request for help"),
        model=AidRequest,
        visible=visible_requests,
        owner=lambda request: request.requester,
        describe=_describe,
        url=lambda request: reverse("aid_request_detail", args=[request.pk]),
        related=("requester",),
    )
)
OFFER = register(
    ReportableKind(
        name="aid_offer",
        label=_("Offer of help"),
        model=AidOffer,
        visible=visible_offers,
        owner=lambda offer: offer.helper,
        describe=_describe,
        url=lambda offer: reverse("aid_offer_detail", args=[offer.pk]),
        related=("helper",),
    )
)
