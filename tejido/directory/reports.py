"""Welcoming businesses as a reportable kind: a member who had a bad experience at a business
reports an incident from its page; organisers read it in the moderation queue and act on the
listing (warn the business, suspend or revoke it: tejido.directory.business_services), which
closes its open reports. No member answers for a business, so nobody is warned or suspended
from the report, and the reporter stays anonymous to the business and to every other member
as to anyone reported."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tejido.access.directory import visible_businesses
from tejido.access.reportables import ReportableKind, register
from tejido.directory.models import Business

KIND = "business"


def report_path(business_id: int) -> str:
    """Where the "Report an incident" link points."""
    return reverse("report_form", args=[KIND, business_id])


BUSINESS = register(
    ReportableKind(
        name=KIND,
        label=_("Welcoming business"),
        model=Business,
        visible=visible_businesses,
        owner=lambda business: None,
        describe=lambda business: business.shown("name"),
        url=lambda business: reverse("directory_business", args=[business.pk]),
    )
)
