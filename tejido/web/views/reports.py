"""A member reports another member, and reads the warnings organisers sent them."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_safe

from tejido.accounts.selectors import get_member_card
from tejido.core.errors import DomainError, NotFound
from tejido.moderation.errors import AlreadyReported
from tejido.moderation.report_selectors import list_my_warnings
from tejido.moderation.report_services import report
from tejido.web.forms.join import add_domain_error
from tejido.web.forms.reports import ReportForm
from tejido.web.views.members import vetted_only


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def member_report(request: HttpRequest, member_id: int) -> HttpResponse:
    try:
        card = get_member_card(viewer=request.user, member_id=member_id)
    except NotFound as error:
        raise Http404 from error
    if card.is_self:
        raise Http404
    form = ReportForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            report(
                actor=request.user,
                kind="member",
                target_id=member_id,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except NotFound as error:
            raise Http404 from error
        except AlreadyReported as error:
            messages.info(request, str(error.message))
            return redirect("report_sent")
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("report_sent")
    status = 400 if form.is_bound else 200
    return render(request, "reports/report.html", {"card": card, "form": form}, status=status)


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
    path("members/<int:member_id>/report/", member_report, name="member_report"),
    path("reports/sent/", report_sent, name="report_sent"),
    path("me/warnings/", my_warnings, name="my_warnings"),
]
