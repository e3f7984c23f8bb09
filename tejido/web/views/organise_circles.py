"""Organiser area: every support circle, hidden and archived ones too, without rosters or
intake answers; creating a circle, changing and archiving it, naming and removing its
facilitators, and keeping two members apart."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.core.errors import DomainError
from tejido.support import circle_services
from tejido.support.circle_selectors import get_circle, get_circle_page, list_all_circles
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.support import CircleForm, KeepApartForm, MemberNumberForm, NewCircleForm
from tejido.web.views.members import me
from tejido.web.views.organise_common import done, organisers_only

FORM_METHODS = ["GET", "HEAD", "POST"]


@organisers_only
@require_safe
def circles(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organise/circles.html",
        {"circles": list_all_circles(viewer=request.user), "apart_form": KeepApartForm()},
    )


@organisers_only
@require_http_methods(FORM_METHODS)
def circle_new(request: HttpRequest) -> HttpResponse:
    form = NewCircleForm(request.POST or None, initial={"kind": "peer", "is_listed": True})
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            circle = circle_services.create_circle(
                actor=me(request), facilitator_id=fields.pop("facilitator"), **fields
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(request, _("The circle was created."), "organise_circle", circle.pk)
    return render(
        request, "organise/circle_new.html", {"form": form}, status=400 if form.errors else 200
    )


@organisers_only
@require_http_methods(FORM_METHODS)
def circle_edit(request: HttpRequest, circle_id: int) -> HttpResponse:
    found = get_circle(viewer=request.user, circle_id=circle_id)
    form = CircleForm(request.POST or None, initial=CircleForm.initial_for(found))
    if request.method == "POST" and form.is_valid():
        try:
            circle_services.edit_circle(actor=me(request), circle=found, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(request, _("The circle was saved."), "organise_circle", circle_id)
    page = get_circle_page(viewer=request.user, circle_id=circle_id)
    return render(
        request,
        "organise/circle.html",
        {"form": form, "card": page.card, "facilitator_form": MemberNumberForm()},
        status=400 if form.errors else 200,
    )


@organisers_only
@require_POST
def circle_archive(request: HttpRequest, circle_id: int) -> HttpResponse:
    found = get_circle(viewer=request.user, circle_id=circle_id)
    circle_services.archive_circle(actor=me(request), circle=found)
    return done(
        request, _("The circle is archived: nobody can ask to join it."), "organise_circles"
    )


@organisers_only
@require_POST
def circle_facilitator(request: HttpRequest, circle_id: int) -> HttpResponse:
    found = get_circle(viewer=request.user, circle_id=circle_id)
    form = MemberNumberForm(request.POST)
    member = form.cleaned_data["member"] if form.is_valid() else None
    circle_services.name_facilitator(actor=me(request), circle=found, member_id=member)
    return done(
        request, _("They are now a facilitator of the circle."), "organise_circle", found.pk
    )


@organisers_only
@require_POST
def circle_facilitator_remove(request: HttpRequest, circle_id: int, member_id: int) -> HttpResponse:
    found = get_circle(viewer=request.user, circle_id=circle_id)
    circle_services.remove_facilitator(actor=me(request), circle=found, member_id=member_id)
    return done(request, _("They no longer facilitate the circle."), "organise_circle", circle_id)


@organisers_only
@require_POST
def circles_keep_apart(request: HttpRequest) -> HttpResponse:
    form = KeepApartForm(request.POST)
    first = form.cleaned_data.get("first") if form.is_valid() else None
    second = form.cleaned_data.get("second") if form.is_valid() else None
    circle_services.keep_apart(actor=me(request), first_id=first, second_id=second)
    return done(
        request,
        _("They will never be placed in the same circle. Facilitators are not told why."),
        "organise_circles",
    )


urlpatterns = [
    path("organise/circles/", circles, name="organise_circles"),
    path("organise/circles/new/", circle_new, name="organise_circle_new"),
    path("organise/circles/keep-apart/", circles_keep_apart, name="organise_circles_keep_apart"),
    path("organise/circles/<int:circle_id>/", circle_edit, name="organise_circle"),
    path(
        "organise/circles/<int:circle_id>/archive/",
        circle_archive,
        name="organise_circle_archive",
    ),
    path(
        "organise/circles/<int:circle_id>/facilitators/",
        circle_facilitator,
        name="organise_circle_facilitator",
    ),
    path(
        "organise/circles/<int:circle_id>/facilitators/<int:member_id>/remove/",
        circle_facilitator_remove,
        name="organise_circle_facilitator_remove",
    ),
]
