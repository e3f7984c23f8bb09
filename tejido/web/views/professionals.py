"""Verified professionals: members' list and page (vetted members only; anyone else gets the
same 404 as for a page that does not exist) and the organisers' pages to list, change, verify
again and unlist them."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.access.professionals import can_manage_professionals
from tejido.core.errors import DomainError
from tejido.network.selectors import list_areas
from tejido.professionals.selectors import (
    get_professional,
    list_professionals,
    professional_for_edit,
)
from tejido.professionals.services import save_professional, set_listed, verify_again
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.professionals import ProfessionalForm, ProfessionalSearchForm, VerifyForm
from tejido.web.views.members import vetted_only
from tejido.web.views.organise_common import done, page_number

View = Callable[..., HttpResponse]


def _keepers_only(view: View) -> View:
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage_professionals(request.user):
            raise Http404()
        return view(request, *args, **kwargs)

    return guarded


def _areas(request: HttpRequest) -> list[tuple[int, str]]:
    return [(area.pk, area.name) for area in list_areas(viewer=request.user)]


@require_safe
@vetted_only
def professional_list(request: HttpRequest) -> HttpResponse:
    form = ProfessionalSearchForm(request.GET, areas=_areas(request))
    filters = form.filters()
    return render(
        request,
        "professionals/list.html",
        {
            "form": form,
            "page": list_professionals(
                viewer=request.user, filters=filters, page=page_number(request)
            ),
            "filtered": filters.any,
        },
    )


@require_safe
@vetted_only
def professional_detail(request: HttpRequest, professional_id: int) -> HttpResponse:
    found = get_professional(viewer=request.user, professional_id=professional_id)
    return render(
        request,
        "professionals/detail.html",
        {
            "card": found.card,
            "can_manage": found.can_manage,
            "verify_form": VerifyForm() if found.can_manage else None,
        },
    )


@_keepers_only
@require_safe
def organise_professionals(request: HttpRequest) -> HttpResponse:
    form = ProfessionalSearchForm(request.GET, areas=_areas(request))
    due = request.GET.get("due") == "1"
    filters = form.filters(due=due)
    return render(
        request,
        "professionals/organise_list.html",
        {
            "form": form,
            "page": list_professionals(
                viewer=request.user, filters=filters, page=page_number(request)
            ),
            "filtered": filters.any,
            "due": due,
        },
    )


@_keepers_only
@require_http_methods(["GET", "HEAD", "POST"])
def professional_form(request: HttpRequest, professional_id: int | None = None) -> HttpResponse:
    initial = (
        professional_for_edit(viewer=request.user, professional_id=professional_id)
        if professional_id
        else {}
    )
    form = ProfessionalForm(request.POST or None, initial=initial, areas=_areas(request))
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_professional(
                actor=request.user,
                professional_id=professional_id,
                **form.professional_fields(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(request, _("The listing was saved."), "professional_detail", saved.pk)
    title = _("Edit the listing") if professional_id else _("List a verified professional")
    return render(
        request,
        "professionals/organise_form.html",
        {"form": form, "title": title, "new": not professional_id},
        status=400 if form.errors else 200,
    )


@_keepers_only
@require_POST
def professional_verify(request: HttpRequest, professional_id: int) -> HttpResponse:
    form = VerifyForm(request.POST)
    again = form.cleaned_data.get("verify_again_by") if form.is_valid() else None
    verify_again(actor=request.user, professional_id=professional_id, verify_again_by=again)
    return done(request, _("Verified again today."), "professional_detail", professional_id)


@_keepers_only
@require_POST
def professional_listing(request: HttpRequest, professional_id: int) -> HttpResponse:
    listed = request.POST.get("listed") == "1"
    set_listed(actor=request.user, professional_id=professional_id, listed=listed)
    text = _("The professional is on members' list.") if listed else _("Taken off members' list.")
    return done(request, text, "professional_detail", professional_id)


urlpatterns = [
    path("support/professionals/", professional_list, name="professional_list"),
    path(
        "support/professionals/<int:professional_id>/",
        professional_detail,
        name="professional_detail",
    ),
    path("organise/professionals/", organise_professionals, name="organise_professionals"),
    path("organise/professionals/new/", professional_form, name="organise_professional_new"),
    path(
        "organise/professionals/<int:professional_id>/",
        professional_form,
        name="organise_professional_edit",
    ),
    path(
        "organise/professionals/<int:professional_id>/verify/",
        professional_verify,
        name="organise_professional_verify",
    ),
    path(
        "organise/professionals/<int:professional_id>/listing/",
        professional_listing,
        name="organise_professional_listing",
    ),
]
