"""The directory, for everyone: services by category with search and filters, one service,
one organisation, welcoming businesses and one business. Visitors without an account see the
public listings only (the public directory); members see theirs too. Members suggest an edit,
say a listing is out of date, recommend a service or a business, and vouch for a business.
The organisers' pages are in directory_organise.py."""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.access.directory import can_manage_directory
from tejido.access.directory_cards import ServiceCard
from tejido.core.errors import DomainError
from tejido.directory.business_selectors import get_business, list_businesses
from tejido.directory.business_services import vouch_for, withdraw_vouch
from tejido.directory.community_services import (
    find_listing,
    listing_path,
    recommend,
    suggest,
)
from tejido.directory.errors import AlreadyRecommended, AlreadyVouched
from tejido.directory.models import translated
from tejido.directory.reports import report_path
from tejido.directory.selectors import (
    ServiceFilters,
    get_organization,
    get_service,
    list_filter_terms,
    list_services,
)
from tejido.network.selectors import list_areas
from tejido.web.card_cache import cached_cards
from tejido.web.forms.directory import (
    BusinessSearchForm,
    DirectorySearchForm,
    RecommendationForm,
    SuggestionForm,
)
from tejido.web.forms.directory_organise import StandingForm
from tejido.web.forms.errors import add_domain_error
from tejido.web.views.members import vetted_only

# The words each kind of listing has in a path.
PATH_KINDS = {"service": "services", "organization": "organizations", "business": "businesses"}


def _areas(request: HttpRequest) -> list[tuple[int, str]]:
    return [(area.pk, area.name) for area in list_areas(viewer=request.user)]


def _service_items(cards: Sequence[ServiceCard]) -> list[SafeString]:
    """The list items of `cards`: each shows its card alone, "open now" and "not verified
    lately" as the card has them at this moment."""
    return cached_cards("service-item", "directory/_service_item.html", cards)


@require_safe
def directory_home(request: HttpRequest) -> HttpResponse:
    categories, attributes = list_filter_terms()
    form = DirectorySearchForm(
        request.GET, categories=categories, attributes=attributes, areas=_areas(request)
    )
    filters = form.filters()
    manage = can_manage_directory(request.user)
    if manage and request.GET.get("stale") == "1":
        filters = replace(filters, stale=True)
    page = list_services(viewer=request.user, filters=filters, page=request.GET.get("page"))
    return render(
        request,
        "directory/home.html",
        {
            "form": form,
            "page": page,
            "items": _service_items(page.items),
            "categories": categories,
            "filtered": filters.any,
            "stale": filters.stale,
            "can_manage": manage,
        },
    )


@require_safe
def directory_service(request: HttpRequest, service_id: UUID) -> HttpResponse:
    detail = get_service(viewer=request.user, service_id=service_id)
    return render(
        request,
        "directory/service.html",
        {"detail": detail, "card": detail.card, "can_manage": can_manage_directory(request.user)},
    )


@require_safe
def directory_organization(request: HttpRequest, organization_id: UUID) -> HttpResponse:
    organization = get_organization(viewer=request.user, organization_id=organization_id)
    services = list_services(
        viewer=request.user,
        filters=ServiceFilters(organization=organization.id),
        page=request.GET.get("page"),
    )
    return render(
        request,
        "directory/organization.html",
        {
            "organization": organization,
            "page": services,
            "items": _service_items(services.items),
            "can_manage": can_manage_directory(request.user),
        },
    )


@require_safe
def directory_businesses(request: HttpRequest) -> HttpResponse:
    form = BusinessSearchForm(request.GET, areas=_areas(request))
    filters = form.filters()
    page = list_businesses(viewer=request.user, filters=filters, page=request.GET.get("page"))
    return render(
        request,
        "directory/businesses.html",
        {
            "form": form,
            "page": page,
            "filtered": filters.any,
            "can_manage": can_manage_directory(request.user),
        },
    )


@require_safe
def directory_business(request: HttpRequest, business_id: int) -> HttpResponse:
    business = get_business(viewer=request.user, business_id=business_id)
    return render(
        request,
        "directory/business.html",
        {
            "business": business,
            "card": business.card,
            "report_url": report_path(business.card.id) if business.can_report else "",
            # Already recommended, by the viewer (a member who may not recommend it again).
            "recommended": not business.can_recommend,
            "standing_form": StandingForm() if business.can_manage else None,
        },
    )


def _listing_context(listing: Any, kind: str) -> dict[str, Any]:
    return {
        "listing_name": translated(listing, "name"),
        "listing_url": listing_path(listing),
        "kind": kind,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def directory_suggest(request: HttpRequest, kind: str, listing_id: Any) -> HttpResponse:
    """Suggest an edit to a listing, or say it is out of date."""
    listing = find_listing(request.user, kind, listing_id)
    initial = {"kind": "edit" if request.GET.get("kind") == "edit" else "outdated"}
    form = SuggestionForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            suggest(
                actor=request.user,
                listing_kind=kind,
                listing_id=listing_id,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Thank you. The organisers will check the listing and update it."),
            )
            return redirect(listing_path(listing))
    return render(
        request,
        "directory/suggest.html",
        {"form": form, **_listing_context(listing, kind)},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def directory_recommend(request: HttpRequest, kind: str, listing_id: Any) -> HttpResponse:
    listing = find_listing(request.user, kind, listing_id)
    form = RecommendationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            recommend(
                actor=request.user,
                listing_kind=kind,
                listing_id=listing_id,
                note=form.cleaned_data["note"],
            )
        except AlreadyRecommended as error:
            messages.info(request, str(error.message))
            return redirect(listing_path(listing))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you for your recommendation. Members will see it once an organiser "
                    "has read it."
                ),
            )
            return redirect(listing_path(listing))
    return render(
        request,
        "directory/recommend.html",
        {"form": form, **_listing_context(listing, kind)},
        status=400 if form.is_bound else 200,
    )


@require_POST
@vetted_only
def directory_vouch(request: HttpRequest, business_id: int) -> HttpResponse:
    """Vouch for a business ("withdraw" takes one's vouch back)."""
    try:
        if request.POST.get("withdraw"):
            withdraw_vouch(actor=request.user, business_id=business_id)
            messages.success(request, _("You no longer vouch for this business."))
        else:
            vouch_for(actor=request.user, business_id=business_id)
            messages.success(
                request,
                _("Thank you: you vouch for this business. Only organisers see who vouched."),
            )
    except AlreadyVouched as error:
        messages.info(request, str(error.message))
    return redirect("directory_business", business_id=business_id)


CONVERTERS = {"service": "uuid", "organization": "uuid", "business": "int"}


def _listing_paths(view: Any, action: str, kinds: tuple[str, ...]) -> list[Any]:
    """/directory/<kinds>/<id>/<action>/ for each kind, named directory_<action>_<kind>."""
    return [
        path(
            f"directory/{PATH_KINDS[kind]}/<{CONVERTERS[kind]}:listing_id>/{action}/",
            view,
            {"kind": kind},
            name=f"directory_{action}_{kind}",
        )
        for kind in kinds
    ]


urlpatterns = [
    path("directory/", directory_home, name="directory"),
    path("directory/services/<uuid:service_id>/", directory_service, name="directory_service"),
    path(
        "directory/organizations/<uuid:organization_id>/",
        directory_organization,
        name="directory_organization",
    ),
    path("directory/businesses/", directory_businesses, name="directory_businesses"),
    path("directory/businesses/<int:business_id>/", directory_business, name="directory_business"),
    path("directory/businesses/<int:business_id>/vouch/", directory_vouch, name="directory_vouch"),
    *_listing_paths(directory_suggest, "suggest", ("service", "organization", "business")),
    *_listing_paths(directory_recommend, "recommend", ("service", "business")),
]
