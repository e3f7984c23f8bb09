"""Crisis lines: the "Need help now?" page, for everyone, signed in or not (every page links
to it; it needs no JavaScript), and the organisers' pages to keep the lines."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.access.crisis import can_manage_crisis_lines
from tejido.core.errors import DomainError
from tejido.crisis.selectors import line_for_edit, list_crisis_lines, list_lines_for_organisers
from tejido.crisis.services import mark_checked, remove_line, save_line
from tejido.web.forms.crisis import CrisisLineForm
from tejido.web.forms.errors import add_domain_error
from tejido.web.views.organise_common import done

View = Callable[..., HttpResponse]


def _keepers_only(view: View) -> View:
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage_crisis_lines(request.user):
            raise Http404()
        return view(request, *args, **kwargs)

    return guarded


@require_safe
def help_now(request: HttpRequest) -> HttpResponse:
    return render(
        request, "crisis/help_now.html", {"lines": list_crisis_lines(viewer=request.user)}
    )


@_keepers_only
@require_safe
def organise_lines(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "crisis/organise_lines.html",
        {"lines": list_lines_for_organisers(viewer=request.user)},
    )


@_keepers_only
@require_http_methods(["GET", "HEAD", "POST"])
def line_form(request: HttpRequest, line_id: int | None = None) -> HttpResponse:
    initial = line_for_edit(viewer=request.user, line_id=line_id) if line_id else {}
    form = CrisisLineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_line(actor=request.user, line_id=line_id, **form.line_fields())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(request, _("The crisis line was saved."), "organise_crisis_lines")
    return render(
        request,
        "crisis/organise_form.html",
        {"form": form, "title": _("Edit the crisis line") if line_id else _("New crisis line")},
        status=400 if form.errors else 200,
    )


@_keepers_only
@require_POST
def line_checked(request: HttpRequest, line_id: int) -> HttpResponse:
    mark_checked(actor=request.user, line_id=line_id)
    return done(request, _("Marked as checked today."), "organise_crisis_lines")


@_keepers_only
@require_POST
def line_remove(request: HttpRequest, line_id: int) -> HttpResponse:
    remove_line(actor=request.user, line_id=line_id)
    return done(request, _("The crisis line was removed."), "organise_crisis_lines")


urlpatterns = [
    path("help-now/", help_now, name="help_now"),
    path("organise/crisis-lines/", organise_lines, name="organise_crisis_lines"),
    path("organise/crisis-lines/new/", line_form, name="organise_crisis_line_new"),
    path("organise/crisis-lines/<int:line_id>/", line_form, name="organise_crisis_line_edit"),
    path(
        "organise/crisis-lines/<int:line_id>/checked/",
        line_checked,
        name="organise_crisis_line_checked",
    ),
    path(
        "organise/crisis-lines/<int:line_id>/remove/",
        line_remove,
        name="organise_crisis_line_remove",
    ),
]
