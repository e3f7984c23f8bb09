"""Organiser area: the moderation queue, one report, and its three outcomes (dismiss, warn the
member, suspend them)."""

from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tejido.core.errors import DomainError
from tejido.moderation.errors import ReportHandled
from tejido.moderation.report_selectors import get_report_row, list_reports
from tejido.moderation.report_services import dismiss_report, suspend_from_report, warn_member
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.reports import DismissForm, ReportSuspendForm, WarnForm
from tejido.web.views.organise_common import done, organisers_only, page_number


@organisers_only
@require_safe
def reports(request: HttpRequest) -> HttpResponse:
    page = list_reports(viewer=request.user, page=page_number(request))
    return render(request, "organise/reports.html", {"page": page})


def _report_page(request: HttpRequest, report_id: int, **forms: Form) -> HttpResponse:
    context: dict[str, Any] = {
        "report": get_report_row(viewer=request.user, report_id=report_id),
        "dismiss_form": DismissForm(),
        "warn_form": WarnForm(),
        "suspend_form": ReportSuspendForm(),
    }
    context.update(forms)
    return render(request, "organise/report.html", context, status=400 if forms else 200)


@organisers_only
@require_safe
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    return _report_page(request, report_id)


def _handle(
    request: HttpRequest, report_id: int, form: Form, name: str, act: Any, success: str
) -> HttpResponse:
    if form.is_valid():
        try:
            act(**form.cleaned_data)
        except ReportHandled:
            # Another organiser was quicker: back on the page, which shows what they decided.
            raise
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(request, success, "organise_reports")
    return _report_page(request, report_id, **{name: form})


@organisers_only
@require_POST
def report_dismiss(request: HttpRequest, report_id: int) -> HttpResponse:
    return _handle(
        request,
        report_id,
        DismissForm(request.POST),
        "dismiss_form",
        lambda note: dismiss_report(actor=request.user, report_id=report_id, note=note),
        _("The report was dismissed. The person who sent it has been told it was handled."),
    )


@organisers_only
@require_POST
def report_warn(request: HttpRequest, report_id: int) -> HttpResponse:
    return _handle(
        request,
        report_id,
        WarnForm(request.POST),
        "warn_form",
        lambda message: warn_member(actor=request.user, report_id=report_id, message=message),
        _("The warning was sent. The person who reported has been told it was handled."),
    )


@organisers_only
@require_POST
def report_suspend(request: HttpRequest, report_id: int) -> HttpResponse:
    return _handle(
        request,
        report_id,
        ReportSuspendForm(request.POST),
        "suspend_form",
        lambda reason: suspend_from_report(actor=request.user, report_id=report_id, reason=reason),
        _(
            "The member was suspended and logged out everywhere. The person who reported has "
            "been told it was handled."
        ),
    )


urlpatterns = [
    path("organise/reports/", reports, name="organise_reports"),
    path("organise/reports/<int:report_id>/", report_detail, name="organise_report"),
    path(
        "organise/reports/<int:report_id>/dismiss/", report_dismiss, name="organise_report_dismiss"
    ),
    path("organise/reports/<int:report_id>/warn/", report_warn, name="organise_report_warn"),
    path(
        "organise/reports/<int:report_id>/suspend/",
        report_suspend,
        name="organise_report_suspend",
    ),
]
