"""A member reports something they see (a member, or anything a capability registered as
reportable), and reads the warnings organisers sent them."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_safe

from tejido.access.reportables import kind_named
from tejido.access.reports import can_report
from tejido.core.errors import DomainError
from tejido.moderation.errors import AlreadyReported
from tejido.moderation.report_selectors import list_my_warnings
from tejido.moderation.report_services import report
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.reports import ReportForm
from tejido.web.views.members import vetted_only


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def report_form(request: HttpRequest, kind: str, target_id: int) -> HttpResponse:
    """Report anything of a registered kind the member may see (a capability links here with
    its kind's name). Their own things, hidden ones and missing ones are the same 404."""
    reportable = kind_named(kind)
    target = reportable.find(request.user, target_id)
    if not can_report(request.user, target):
        raise Http404
    form = ReportForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            report(
                actor=request.user,
                kind=reportable.name,
                target_id=target_id,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except AlreadyReported as error:
            messages.info(request, str(error.message))
            return redirect("report_sent")
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("report_sent")
    context = {
        "form": form,
        "label": reportable.label,
        "target": reportable.describe(target),
        "target_url": reportable.url(target),
    }
    return render(request, "reports/report.html", context, status=400 if form.is_bound else 200)


@require_safe
@vetted_only
def report_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/sent.html")


@require_safe
@vetted_only
def my_warnings(request: HttpRequest) -> HttpResponse:
    return render(
        request, "reports/warnings.html", {"warnings": list_my_warnings(viewer=request.user)}
    )


urlpatterns = [
    path("report/<slug:kind>/<int:target_id>/", report_form, name="report_form"),
    path("reports/sent/", report_sent, name="report_sent"),
    path("me/warnings/", my_warnings, name="my_warnings"),
]
