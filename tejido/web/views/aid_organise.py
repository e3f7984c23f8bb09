"""The aid board, for organisers: the dispatch queue (open requests with the best offers for
each) and dispatching one, the board's figures, microgrant funds with their ledger, granting a
money request and recording its payment, and where areas lie for matching. Anyone else gets
the 404 page, as for anything missing (the selectors and services say so)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.access.aid import can_manage_funds
from tejido.aid import fund_services, geography_services, match_services
from tejido.aid.errors import RequestNotOpen
from tejido.aid.fund_selectors import get_fund, list_funds, list_ledger
from tejido.aid.geography_selectors import get_area_to_place, list_area_places
from tejido.aid.match_selectors import get_figures, list_dispatch_queue
from tejido.aid.selectors import get_offer, get_request, get_request_page
from tejido.core.errors import DomainError, NotFound
from tejido.network.selectors import list_areas
from tejido.web.forms.aid import BoardFilterForm
from tejido.web.forms.aid_organise import (
    AreaPlaceForm,
    DispatchForm,
    FundForm,
    GrantForm,
    PaymentForm,
    ReceivedForm,
)
from tejido.web.forms.errors import add_domain_error
from tejido.web.views.members import me, vetted_only

FORM_METHODS = ["GET", "HEAD", "POST"]


@require_safe
@vetted_only
def aid_dispatch(request: HttpRequest) -> HttpResponse:
    form = BoardFilterForm(request.GET, areas=list_areas(viewer=request.user))
    filters = form.filters()
    page = list_dispatch_queue(viewer=me(request), filters=filters, page=request.GET.get("page"))
    return render(
        request, "aid/dispatch.html", {"page": page, "form": form, "filtered": filters.any}
    )


@require_POST
@vetted_only
def aid_request_dispatch(request: HttpRequest, request_id: int) -> HttpResponse:
    if not can_manage_funds(request.user):
        raise NotFound()
    page = get_request_page(viewer=me(request), request_id=request_id)
    if not page.can_dispatch:
        messages.error(request, str(RequestNotOpen.message))
        return redirect("aid_request_detail", request_id=request_id)
    form = DispatchForm(request.POST, choices=page.dispatch_choices)
    if not form.is_valid():
        messages.error(request, _("Choose a helper to send this request to."))
        return redirect("aid_request_detail", request_id=request_id)
    offer = get_offer(viewer=request.user, offer_id=form.cleaned_data["offer"])
    match = match_services.dispatch(
        actor=me(request),
        request=page.request,
        offer=offer,
        message=form.cleaned_data["message"],
    )
    messages.success(request, _("Dispatched: both of them are told, and the thread is open."))
    return redirect("aid_match_detail", match_id=match.pk)


@require_safe
@vetted_only
def aid_figures(request: HttpRequest) -> HttpResponse:
    return render(request, "aid/figures.html", {"figures": get_figures(viewer=me(request))})


@require_http_methods(FORM_METHODS)
@vetted_only
def aid_funds(request: HttpRequest) -> HttpResponse:
    funds = list_funds(viewer=request.user)
    form = FundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fund = fund_services.create_fund(actor=me(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The fund was opened."))
            return redirect("aid_fund_detail", fund_id=fund.pk)
    return render(
        request,
        "aid/funds.html",
        {"funds": funds, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(FORM_METHODS)
@vetted_only
def aid_fund_detail(request: HttpRequest, fund_id: int) -> HttpResponse:
    fund = get_fund(viewer=request.user, fund_id=fund_id)
    form = ReceivedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fund_services.record_received(actor=me(request), fund=fund, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The money received was recorded."))
            return redirect("aid_fund_detail", fund_id=fund.pk)
    ledger = list_ledger(viewer=request.user, fund=fund, page=request.GET.get("page"))
    return render(
        request,
        "aid/fund_detail.html",
        {"fund": fund, "ledger": ledger, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@vetted_only
def aid_request_grant(request: HttpRequest, request_id: int) -> HttpResponse:
    found = get_request(viewer=request.user, request_id=request_id)
    form = GrantForm(request.POST, funds=list_funds(viewer=request.user))
    if not form.is_valid():
        messages.error(request, _("Choose the fund to grant from, and an amount if not all."))
        return redirect("aid_request_detail", request_id=found.pk)
    fund_services.grant(actor=me(request), request=found, **form.cleaned_data)
    messages.success(request, _("Granted. The member is told; record the payment once made."))
    return redirect("aid_request_detail", request_id=found.pk)


@require_POST
@vetted_only
def aid_request_payment(request: HttpRequest, request_id: int) -> HttpResponse:
    found = get_request(viewer=request.user, request_id=request_id)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the amount paid, or leave it empty for all of it."))
        return redirect("aid_request_detail", request_id=found.pk)
    fund_services.record_payment(actor=me(request), request=found, **form.cleaned_data)
    messages.success(request, _("The payment was recorded."))
    return redirect("aid_request_detail", request_id=found.pk)


@require_safe
@vetted_only
def aid_areas(request: HttpRequest) -> HttpResponse:
    rows = list_area_places(viewer=request.user)
    areas = list_areas(viewer=request.user)
    by_id = {area.pk: area for area in areas}
    forms = [
        (
            row,
            AreaPlaceForm(
                area=by_id[row.id],
                areas=areas,
                initial={
                    "latitude": row.latitude,
                    "longitude": row.longitude,
                    "neighbours": row.neighbours,
                },
            ),
        )
        for row in rows
    ]
    return render(request, "aid/areas.html", {"forms": forms})


@require_POST
@vetted_only
def aid_area_place(request: HttpRequest, area_id: int) -> HttpResponse:
    area = get_area_to_place(viewer=request.user, area_id=area_id)
    form = AreaPlaceForm(request.POST, area=area, areas=list_areas(viewer=request.user))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{area.name}: {error}")
        return redirect("aid_areas")
    geography_services.set_area_place(
        actor=me(request),
        area=area,
        latitude=form.cleaned_data["latitude"],
        longitude=form.cleaned_data["longitude"],
        neighbours=list(form.cleaned_data["neighbours"]),
    )
    messages.success(request, _("Saved where %(area)s lies.") % {"area": area.name})
    return redirect("aid_areas")


urlpatterns = [
    path("aid/dispatch/", aid_dispatch, name="aid_dispatch"),
    path(
        "aid/requests/<int:request_id>/dispatch/",
        aid_request_dispatch,
        name="aid_request_dispatch",
    ),
    path("aid/requests/<int:request_id>/grant/", aid_request_grant, name="aid_request_grant"),
    path("aid/requests/<int:request_id>/payment/", aid_request_payment, name="aid_request_payment"),
    path("aid/figures/", aid_figures, name="aid_figures"),
    path("aid/funds/", aid_funds, name="aid_funds"),
    path("aid/funds/<int:fund_id>/", aid_fund_detail, name="aid_fund_detail"),
    path("aid/areas/", aid_areas, name="aid_areas"),
    path("aid/areas/<int:area_id>/", aid_area_place, name="aid_area_place"),
]
