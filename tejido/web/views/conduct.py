"""The code of conduct: anyone may read it; a member accepts its newest version here before
going on (tejido.web.middleware.ConductGateMiddleware sends them with ?next=)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tejido.access.base import is_vetted
from tejido.core.errors import DomainError
from tejido.membership.selectors import current_conduct, needs_conduct_acceptance
from tejido.membership.services import accept_conduct


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@require_http_methods(["GET", "HEAD", "POST"])
def conduct(request: HttpRequest) -> HttpResponse:
    code = current_conduct()
    user = request.user
    member = is_vetted(user)
    needs = member and code is not None and needs_conduct_acceptance(user=user)  # type: ignore[arg-type]
    next_url = _safe_next(request)
    if request.method == "POST":
        if not member:
            return redirect("conduct")
        try:
            accept_conduct(actor=user)
        except DomainError as error:
            # Back to this page, not on to `next` as the middleware would: nothing was accepted.
            messages.error(request, str(error.message))
            return redirect("conduct")
        messages.success(request, _("Thank you for accepting the code of conduct."))
        return redirect(next_url or "home")
    return render(
        request,
        "conduct/conduct.html",
        {"code": code, "needs_acceptance": needs, "is_member": member, "next": next_url},
    )


urlpatterns = [
    path("conduct/", conduct, name="conduct"),
]
