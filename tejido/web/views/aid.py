"""The aid board, for members: the board of open requests and of offers with their filters,
a request's and an offer's page, asking for help and offering it (new, edit, close), offering
to help with a request or asking a helper, marking a request started or done, and one's own
requests and offers with suggestions. Matches and threads are in aid_matches.py, the
organisers' pages in aid_organise.py. A domain error an action lets through is answered by
tejido.web.middleware (back to the page, saying what went wrong)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.access.aid import can_edit_offer, can_edit_request, can_manage_funds
from tejido.aid import match_services, services
from tejido.aid.fund_selectors import list_funds
from tejido.aid.selectors import (
    get_my_board,
    get_offer,
    get_offer_page,
    get_request,
    get_request_page,
    list_board_offers,
    list_board_requests,
    request_card,
)
from tejido.core.errors import DomainError
from tejido.network.selectors import list_areas
from tejido.web.forms.aid import BoardFilterForm, HelpForm, OfferForm, RequestForm
from tejido.web.forms.aid_organise import DispatchForm, GrantForm, PaymentForm
from tejido.web.forms.errors import add_domain_error
from tejido.web.views.members import me, vetted_only

FORM_METHODS = ["GET", "HEAD", "POST"]


def _status(form: Any) -> int:
    return 400 if form.errors else 200


def _board(request: HttpRequest, *, offers: bool) -> HttpResponse:
    form = BoardFilterForm(request.GET, areas=list_areas(viewer=request.user), urgency=not offers)
    filters = form.filters()
    listing = list_board_offers if offers else list_board_requests
    page = listing(
        viewer=request.user, filters=filters, page=request.GET.get("page"), counted=False
    )
    return render(
        request,
        "aid/board.html",
        {
            "page": page,
            "form": form,
            "filtered": filters.any,
            "offers": offers,
            "organiser": can_manage_funds(request.user),
        },
    )


@require_safe
@vetted_only
def aid_board(request: HttpRequest) -> HttpResponse:
    return _board(request, offers=False)


@require_safe
@vetted_only
def aid_offers(request: HttpRequest) -> HttpResponse:
    return _board(request, offers=True)


@require_safe
@vetted_only
def aid_mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "aid/mine.html",
        {"board": get_my_board(viewer=me(request)), "organiser": can_manage_funds(request.user)},
    )


@require_safe
@vetted_only
def aid_request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    page = get_request_page(viewer=me(request), request_id=request_id)
    context: dict[str, Any] = {"page": page, "card": page.card}
    if page.can_dispatch:
        context["dispatch_form"] = DispatchForm(choices=page.dispatch_choices)
    if page.can_grant:
        context["grant_form"] = GrantForm(funds=list_funds(viewer=request.user))
    if page.can_record_payment:
        context["payment_form"] = PaymentForm()
    return render(request, "aid/request_detail.html", context)


def _request_form(request: HttpRequest, instance: Any = None) -> HttpResponse:
    areas = list_areas(viewer=request.user)
    initial = RequestForm.initial_for(instance) if instance is not None else None
    form = RequestForm(request.POST or None, areas=areas, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                made = services.open_request(actor=me(request), **form.service_fields())
            else:
                made = services.edit_request(
                    actor=me(request), request=instance, **form.service_fields()
                )
        except DomainError as error:
            add_domain_error(form, error, fields={"expires_at": "expires_on"})
        else:
            messages.success(
                request,
                _("Your request is on the board.")
                if instance is None
                else _("Your request was saved."),
            )
            return redirect("aid_request_detail", request_id=made.pk)
    return render(
        request,
        "aid/request_form.html",
        {"form": form, "instance": instance},
        status=_status(form),
    )


@require_http_methods(FORM_METHODS)
@vetted_only
def aid_request_new(request: HttpRequest) -> HttpResponse:
    return _request_form(request)


@require_http_methods(FORM_METHODS)
@vetted_only
def aid_request_edit(request: HttpRequest, request_id: int) -> HttpResponse:
    found = get_request(viewer=request.user, request_id=request_id)
    if not can_edit_request(request.user, found):
        messages.error(request, _("Only an open request can be changed, by whoever asked."))
        return redirect("aid_request_detail", request_id=found.pk)
    return _request_form(request, found)


@require_POST
@vetted_only
def aid_request_close(request: HttpRequest, request_id: int) -> HttpResponse:
    found = get_request(viewer=request.user, request_id=request_id)
    services.close_request(actor=me(request), request=found)
    messages.success(request, _("The request was closed. It is no longer on the board."))
    return redirect("aid_request_detail", request_id=found.pk)


@require_POST
@vetted_only
def aid_request_progress(request: HttpRequest, request_id: int) -> HttpResponse:
    """Mark the help started or done."""
    found = get_request(viewer=request.user, request_id=request_id)
    step = request.POST.get("step")
    if step == "started":
        services.mark_started(actor=me(request), request=found)
        messages.success(request, _("Marked as under way."))
    elif step == "fulfilled":
        services.mark_fulfilled(actor=me(request), request=found)
        messages.success(request, _("Marked as done. Thank you for letting us know!"))
    else:
        messages.error(request, _("Choose whether the help has started or is done."))
    return redirect("aid_request_detail", request_id=found.pk)


@require_http_methods(FORM_METHODS)
@vetted_only
def aid_request_help(request: HttpRequest, request_id: int) -> HttpResponse:
    """Offer to help with a request, with a few words for the person asking."""
    found = get_request(viewer=request.user, request_id=request_id)
    form = HelpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            match = match_services.offer_help(
                actor=me(request), request=found, message=form.cleaned_data["message"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("Your offer was sent. You will get a notification when they answer.")
            )
            return redirect("aid_match_detail", match_id=match.pk)
    return render(
        request,
        "aid/help_form.html",
        {"form": form, "card": request_card(viewer=request.user, request=found)},
        status=_status(form),
    )


@require_POST
@vetted_only
def aid_request_ask(request: HttpRequest, request_id: int) -> HttpResponse:
    """The requester asks the helper of an offer (`offer`) to help with this request."""
    found = get_request(viewer=request.user, request_id=request_id)
    try:
        offer_id = int(request.POST.get("offer", ""))
    except ValueError:
        messages.error(request, _("Choose a helper to ask."))
        return redirect("aid_request_detail", request_id=found.pk)
    offer = get_offer(viewer=request.user, offer_id=offer_id)
    match = match_services.ask_helper(
        actor=me(request), request=found, offer=offer, message=request.POST.get("message", "")
    )
    messages.success(request, _("You asked them. You will get a notification when they answer."))
    return redirect("aid_match_detail", match_id=match.pk)


@require_safe
@vetted_only
def aid_offer_detail(request: HttpRequest, offer_id: int) -> HttpResponse:
    page = get_offer_page(viewer=me(request), offer_id=offer_id)
    return render(request, "aid/offer_detail.html", {"page": page, "card": page.card})


def _offer_form(request: HttpRequest, instance: Any = None) -> HttpResponse:
    areas = list_areas(viewer=request.user)
    initial = OfferForm.initial_for(instance) if instance is not None else None
    form = OfferForm(request.POST or None, areas=areas, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                made = services.open_offer(actor=me(request), **form.service_fields())
            else:
                made = services.edit_offer(
                    actor=me(request), offer=instance, **form.service_fields()
                )
        except DomainError as error:
            add_domain_error(form, error, fields={"expires_at": "expires_on"})
        else:
            messages.success(
                request,
                _("Thank you! Your offer is on the board.")
                if instance is None
                else _("Your offer was saved."),
            )
            return redirect("aid_offer_detail", offer_id=made.pk)
    return render(
        request, "aid/offer_form.html", {"form": form, "instance": instance}, status=_status(form)
    )


@require_http_methods(FORM_METHODS)
@vetted_only
def aid_offer_new(request: HttpRequest) -> HttpResponse:
    return _offer_form(request)


@require_http_methods(FORM_METHODS)
@vetted_only
def aid_offer_edit(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = get_offer(viewer=request.user, offer_id=offer_id)
    if not can_edit_offer(request.user, offer):
        messages.error(request, _("Only an open offer can be changed, by whoever made it."))
        return redirect("aid_offer_detail", offer_id=offer.pk)
    return _offer_form(request, offer)


@require_POST
@vetted_only
def aid_offer_close(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = get_offer(viewer=request.user, offer_id=offer_id)
    services.close_offer(actor=me(request), offer=offer)
    messages.success(request, _("The offer was closed. Thank you for offering!"))
    return redirect("aid_offer_detail", offer_id=offer.pk)


urlpatterns = [
    path("aid/", aid_board, name="aid_board"),
    path("aid/offers/", aid_offers, name="aid_offers"),
    path("aid/mine/", aid_mine, name="aid_mine"),
    path("aid/requests/new/", aid_request_new, name="aid_request_new"),
    path("aid/requests/<int:request_id>/", aid_request_detail, name="aid_request_detail"),
    path("aid/requests/<int:request_id>/edit/", aid_request_edit, name="aid_request_edit"),
    path("aid/requests/<int:request_id>/close/", aid_request_close, name="aid_request_close"),
    path(
        "aid/requests/<int:request_id>/progress/",
        aid_request_progress,
        name="aid_request_progress",
    ),
    path("aid/requests/<int:request_id>/help/", aid_request_help, name="aid_request_help"),
    path("aid/requests/<int:request_id>/ask/", aid_request_ask, name="aid_request_ask"),
    path("aid/offers/new/", aid_offer_new, name="aid_offer_new"),
    path("aid/offers/<int:offer_id>/", aid_offer_detail, name="aid_offer_detail"),
    path("aid/offers/<int:offer_id>/edit/", aid_offer_edit, name="aid_offer_edit"),
    path("aid/offers/<int:offer_id>/close/", aid_offer_close, name="aid_offer_close"),
]
