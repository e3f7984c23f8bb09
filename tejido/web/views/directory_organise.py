"""The directory for organisers: the review queue (suggested edits, out-of-date notes,
recommendations, what needs verifying again), making and editing organisations, services,
places and businesses, verifying them, and acting on a business after incident reports.
Anyone else gets the 404 of a page that does not exist."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.core.errors import DomainError
from tejido.directory.business_selectors import business_for_edit, list_businesses_due
from tejido.directory.business_services import save_business, set_business_standing, verify_business
from tejido.directory.community_services import handle_suggestion, review_recommendation
from tejido.directory.errors import AlreadyReviewed
from tejido.directory.history_selectors import HistoryLine, listing_history
from tejido.directory.listing_services import (
    save_location,
    save_organization,
    save_service,
    verify_service,
)
from tejido.directory.review_selectors import (
    count_stale_services,
    list_open_suggestions,
    list_pending_recommendations,
    location_for_edit,
    locations_list,
    organization_for_edit,
    organizations_list,
    service_for_edit,
)
from tejido.directory.selectors import list_attributes, list_categories
from tejido.network.selectors import list_areas
from tejido.web.forms.directory_organise import (
    BusinessForm,
    LocationForm,
    OrganizationForm,
    ServiceForm,
    StandingForm,
)
from tejido.web.forms.errors import add_domain_error
from tejido.web.views.organise_common import organisers_only, page_number


def _areas(request: HttpRequest) -> list[tuple[int, str]]:
    return [(area.pk, area.name) for area in list_areas(viewer=request.user)]


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    save: Callable[[], Any],
    saved: str,
    to: Callable[[Any], str],
    history: list[HistoryLine] | None = None,
) -> HttpResponse:
    """A listing's form: on a valid POST, save (a service's error goes on the form) and go to
    the listing; otherwise show the form (400 when it was sent with errors), and under it
    the listing's history when it exists."""
    if request.method == "POST" and form.is_valid():
        try:
            listing = save()
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, saved)
            return redirect(to(listing))
    return render(
        request,
        "directory/organise_form.html",
        {"form": form, "title": title, "history": history},
        status=400 if form.is_bound else 200,
    )


def _bound(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _history(request: HttpRequest, kind: str, listing_id: Any) -> list[HistoryLine] | None:
    if listing_id is None:
        return None
    return listing_history(viewer=request.user, kind=kind, listing_id=listing_id)


@organisers_only
@require_safe
def review_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/review.html",
        {
            "suggestions": list_open_suggestions(viewer=request.user, page=page_number(request)),
            "recommendations": list_pending_recommendations(viewer=request.user),
            "stale_count": count_stale_services(viewer=request.user),
            "businesses_due": list_businesses_due(viewer=request.user),
        },
    )


@organisers_only
@require_POST
def review_suggestion(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    try:
        handle_suggestion(
            actor=request.user,
            suggestion_id=suggestion_id,
            applied=request.POST.get("outcome") == "applied",
        )
    except AlreadyReviewed as error:
        messages.info(request, str(error.message))
    else:
        messages.success(request, _("Done. The member who wrote it has been told it was read."))
    return redirect("directory_review")


@organisers_only
@require_POST
def review_recommendation_view(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    approve = request.POST.get("decision") == "approve"
    try:
        review_recommendation(
            actor=request.user, recommendation_id=recommendation_id, approve=approve
        )
    except AlreadyReviewed as error:
        messages.info(request, str(error.message))
    else:
        messages.success(
            request,
            _("The recommendation is shown to members.")
            if approve
            else _("The recommendation was declined."),
        )
    return redirect("directory_review")


@organisers_only
@require_http_methods(["GET", "HEAD", "POST"])
def organization_form(request: HttpRequest, organization_id: UUID | None = None) -> HttpResponse:
    initial = (
        organization_for_edit(viewer=request.user, organization_id=organization_id)
        if organization_id
        else {}
    )
    form = OrganizationForm(_bound(request), initial=initial)
    return _form_page(
        request,
        form,
        title=_("Edit the organisation") if organization_id else _("New organisation"),
        save=lambda: save_organization(
            actor=request.user, organization_id=organization_id, **form.cleaned_data
        ),
        saved=_("The organisation was saved."),
        to=lambda organization: reverse("directory_organization", args=[organization.pk]),
        history=_history(request, "organization", organization_id),
    )


@organisers_only
@require_http_methods(["GET", "HEAD", "POST"])
def service_form(request: HttpRequest, service_id: UUID | None = None) -> HttpResponse:
    if service_id:
        initial = ServiceForm.initial_from(
            service_for_edit(viewer=request.user, service_id=service_id)
        )
    else:
        initial = {"organization_id": request.GET.get("organization", "")[:40]}
    form = ServiceForm(
        _bound(request),
        initial=initial,
        organizations=organizations_list(viewer=request.user),
        categories=list_categories(),
        attributes=list_attributes(),
        locations=locations_list(viewer=request.user),
    )
    return _form_page(
        request,
        form,
        title=_("Edit the service") if service_id else _("New service"),
        save=lambda: save_service(
            actor=request.user, service_id=service_id, **form.service_fields()
        ),
        saved=_("The service was saved. Search finds it at once."),
        to=lambda service: reverse("directory_service", args=[service.pk]),
        history=_history(request, "service", service_id),
    )


@organisers_only
@require_POST
def service_verify(request: HttpRequest, service_id: UUID) -> HttpResponse:
    verify_service(actor=request.user, service_id=service_id)
    messages.success(request, _("Marked as verified today."))
    return redirect("directory_service", service_id=service_id)


@organisers_only
@require_safe
def places(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/places.html", {"places": locations_list(viewer=request.user)})


@organisers_only
@require_http_methods(["GET", "HEAD", "POST"])
def location_form(request: HttpRequest, location_id: UUID | None = None) -> HttpResponse:
    initial = location_for_edit(viewer=request.user, location_id=location_id) if location_id else {}
    form = LocationForm(
        _bound(request),
        initial=initial,
        organizations=organizations_list(viewer=request.user),
        areas=_areas(request),
    )
    return _form_page(
        request,
        form,
        title=_("Edit the place") if location_id else _("New place"),
        save=lambda: save_location(
            actor=request.user, location_id=location_id, **form.location_fields()
        ),
        saved=_("The place was saved. Choose it on a service to show it there."),
        to=lambda location: reverse("directory_places"),
        history=_history(request, "location", location_id),
    )


@organisers_only
@require_http_methods(["GET", "HEAD", "POST"])
def business_form(request: HttpRequest, business_id: int | None = None) -> HttpResponse:
    initial = business_for_edit(viewer=request.user, business_id=business_id) if business_id else {}
    form = BusinessForm(_bound(request), initial=initial, areas=_areas(request))
    return _form_page(
        request,
        form,
        title=_("Edit the business") if business_id else _("New welcoming business"),
        save=lambda: save_business(
            actor=request.user, business_id=business_id, **form.business_fields()
        ),
        saved=_("The business was saved."),
        to=lambda business: reverse("directory_business", args=[business.pk]),
        history=_history(request, "business", business_id),
    )


@organisers_only
@require_POST
def business_verify(request: HttpRequest, business_id: int) -> HttpResponse:
    verify_business(actor=request.user, business_id=business_id)
    messages.success(request, _("Marked as verified today; to be verified again in six months."))
    return redirect("directory_business", business_id=business_id)


@organisers_only
@require_POST
def business_standing(request: HttpRequest, business_id: int) -> HttpResponse:
    form = StandingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the listing."))
        return redirect("directory_business", business_id=business_id)
    set_business_standing(actor=request.user, business_id=business_id, **form.cleaned_data)
    messages.success(
        request, _("Done. Its open reports were closed and the people who sent them told.")
    )
    return redirect("directory_business", business_id=business_id)


urlpatterns = [
    path("directory/review/", review_queue, name="directory_review"),
    path(
        "directory/review/suggestions/<int:suggestion_id>/",
        review_suggestion,
        name="directory_review_suggestion",
    ),
    path(
        "directory/review/recommendations/<int:recommendation_id>/",
        review_recommendation_view,
        name="directory_review_recommendation",
    ),
    path(
        "directory/organise/organizations/new/",
        organization_form,
        name="directory_organization_new",
    ),
    path(
        "directory/organise/organizations/<uuid:organization_id>/",
        organization_form,
        name="directory_organization_edit",
    ),
    path("directory/organise/services/new/", service_form, name="directory_service_new"),
    path(
        "directory/organise/services/<uuid:service_id>/",
        service_form,
        name="directory_service_edit",
    ),
    path(
        "directory/organise/services/<uuid:service_id>/verify/",
        service_verify,
        name="directory_service_verify",
    ),
    path("directory/organise/places/", places, name="directory_places"),
    path("directory/organise/places/new/", location_form, name="directory_place_new"),
    path(
        "directory/organise/places/<uuid:location_id>/", location_form, name="directory_place_edit"
    ),
    path("directory/organise/businesses/new/", business_form, name="directory_business_new"),
    path(
        "directory/organise/businesses/<int:business_id>/",
        business_form,
        name="directory_business_edit",
    ),
    path(
        "directory/organise/businesses/<int:business_id>/verify/",
        business_verify,
        name="directory_business_verify",
    ),
    path(
        "directory/organise/businesses/<int:business_id>/standing/",
        business_standing,
        name="directory_business_standing",
    ),
]
