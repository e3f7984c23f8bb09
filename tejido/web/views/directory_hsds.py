"""Organiser pages for the directory's HSDS files: upload a file to import (the import then
runs as a background task), follow it and read its report, and download the directory in
either form. Only those who may import (or export) see these pages; anyone else gets the same
404 as for a page that does not exist."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_safe

from tejido.access.base import AnyUser
from tejido.access.directory_io import can_export_directory, can_import_directory
from tejido.core.errors import DomainError
from tejido.directory.hsds.selectors import get_import, list_imports
from tejido.directory.hsds.services import export_directory, start_import
from tejido.directory.hsds.validate import JSON, TABULAR
from tejido.web.forms.directory_hsds import HsdsImportForm
from tejido.web.forms.errors import add_domain_error

View = Callable[..., HttpResponse]


def _only(allowed: Callable[[AnyUser | None], bool]) -> Callable[[View], View]:
    def guard(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not allowed(request.user):
                raise Http404()
            return view(request, *args, **kwargs)

        return guarded

    return guard


@_only(can_import_directory)
@require_http_methods(["GET", "HEAD", "POST"])
def hsds_home(request: HttpRequest) -> HttpResponse:
    form = HsdsImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = start_import(
                actor=request.user,  # type: ignore[arg-type]
                file_name=upload.name,
                data=upload.read(),
                visibility=form.cleaned_data["visibility"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("organise_directory_hsds_import", job.id)
    context = {
        "form": form,
        "imports": list_imports(viewer=request.user),
        "can_export": can_export_directory(request.user),
    }
    return render(request, "directory/hsds/home.html", context, status=400 if form.errors else 200)


@_only(can_import_directory)
@require_safe
def hsds_import(request: HttpRequest, import_id: int) -> HttpResponse:
    job = get_import(viewer=request.user, import_id=import_id)
    return render(request, "directory/hsds/import.html", {"job": job})


def _download(request: HttpRequest, form: str) -> HttpResponse:
    download = export_directory(actor=request.user, form=form)  # type: ignore[arg-type]
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.file_name}"'
    return response


@_only(can_export_directory)
@require_safe
def hsds_export_tabular(request: HttpRequest) -> HttpResponse:
    return _download(request, TABULAR)


@_only(can_export_directory)
@require_safe
def hsds_export_json(request: HttpRequest) -> HttpResponse:
    return _download(request, JSON)


urlpatterns = [
    path("organise/directory/hsds/", hsds_home, name="organise_directory_hsds"),
    path(
        "organise/directory/hsds/imports/<int:import_id>/",
        hsds_import,
        name="organise_directory_hsds_import",
    ),
    path(
        "organise/directory/hsds/export.zip",
        hsds_export_tabular,
        name="organise_directory_hsds_export_tabular",
    ),
    path(
        "organise/directory/hsds/export.json",
        hsds_export_json,
        name="organise_directory_hsds_export_json",
    ),
]
