"""Support, for members and facilitators: the hub, the list of circles, a circle's page (asking
for a place with the intake questions and the agreement, accepting a changed agreement,
leaving), and for a circle's facilitators its intake queue and its intake questions and
agreement. The organisers' pages are in organise_circles.py. A domain error an action lets
through is answered by tejido.web.middleware (back to the page, saying what went wrong)."""

from collections.abc import Sequence

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.access.circle_cards import CircleCard
from tejido.core.errors import DomainError
from tejido.support import circle_services, place_services
from tejido.support.circle_selectors import (
    get_circle,
    get_circle_page,
    get_intake_of,
    get_intake_page,
    get_place_to_decide,
    list_circles,
    list_my_circles,
)
from tejido.web.card_cache import cached_cards
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.support import AskForm, IntakeForm
from tejido.web.views.members import me, vetted_only

FORM_METHODS = ["GET", "HEAD", "POST"]


@require_safe
@vetted_only
def support_hub(request: HttpRequest) -> HttpResponse:
    mine = list_my_circles(viewer=me(request), people=False)
    return render(request, "support/hub.html", {"mine": mine})


def _circle_items(cards: Sequence[CircleCard]) -> list[SafeString]:
    """The list items of `cards`: each shows its card alone (with the viewer's place)."""
    return cached_cards("circle-item", "support/_circle_item.html", cards, as_name="circle")


@require_safe
@vetted_only
def support_circles(request: HttpRequest) -> HttpResponse:
    page = list_circles(viewer=request.user, page=request.GET.get("page"))
    mine = list_my_circles(viewer=me(request), people=False)
    return render(
        request,
        "support/circles.html",
        {"page": page, "items": _circle_items(page.items), "mine": _circle_items(mine)},
    )


def _circle_page(request: HttpRequest, circle_id: int, form: AskForm | None = None) -> HttpResponse:
    page = get_circle_page(viewer=me(request), circle_id=circle_id)
    if form is None and page.card.can_ask:
        form = AskForm(questions=page.card.questions, agreement=page.card.agreement)
    return render(
        request,
        "support/circle.html",
        {"page": page, "card": page.card, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@require_safe
@vetted_only
def support_circle(request: HttpRequest, circle_id: int) -> HttpResponse:
    return _circle_page(request, circle_id)


@require_POST
@vetted_only
def support_circle_ask(request: HttpRequest, circle_id: int) -> HttpResponse:
    page = get_circle_page(viewer=me(request), circle_id=circle_id)
    form = AskForm(request.POST, questions=page.card.questions, agreement=page.card.agreement)
    if form.is_valid():
        circle = get_circle(viewer=request.user, circle_id=circle_id)
        try:
            place_services.ask_for_place(actor=me(request), circle=circle, **form.service_fields())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("You asked for a place. The facilitators will answer you soon.")
            )
            return redirect("support_circle", circle_id=circle_id)
    return _circle_page(request, circle_id, form)


@require_POST
@vetted_only
def support_circle_agree(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle = get_circle(viewer=request.user, circle_id=circle_id)
    place_services.accept_agreement(actor=me(request), circle=circle)
    messages.success(request, _("Thank you. You accepted the circle's agreement."))
    return redirect("support_circle", circle_id=circle_id)


@require_POST
@vetted_only
def support_circle_leave(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle = get_circle(viewer=request.user, circle_id=circle_id)
    place_services.leave_circle(actor=me(request), circle=circle)
    messages.success(request, _("You left the circle. Nobody was told."))
    return redirect("support_circles")


@require_safe
@vetted_only
def support_intake(request: HttpRequest, circle_id: int) -> HttpResponse:
    page = get_intake_page(viewer=me(request), circle_id=circle_id)
    return render(request, "support/intake.html", {"page": page, "card": page.card})


@require_POST
@vetted_only
def support_intake_decide(request: HttpRequest, circle_id: int, place_id: int) -> HttpResponse:
    place = get_place_to_decide(viewer=me(request), circle_id=circle_id, place_id=place_id)
    decision = request.POST.get("decision", "")
    place_services.decide_place(actor=me(request), place=place, decision=decision)
    messages.success(
        request,
        {
            place_services.ACCEPT: _("They are in the circle now. They were told."),
            place_services.WAITLIST: _("They are on the waitlist. They were told."),
        }.get(decision, _("They were told kindly that there is no place this time.")),
    )
    return redirect("support_intake", circle_id=circle_id)


@require_http_methods(FORM_METHODS)
@vetted_only
def support_intake_edit(request: HttpRequest, circle_id: int) -> HttpResponse:
    intake = get_intake_of(viewer=me(request), circle_id=circle_id)
    form = IntakeForm(request.POST or None, initial=IntakeForm.initial_for(intake))
    if request.method == "POST" and form.is_valid():
        try:
            circle_services.edit_intake(
                actor=me(request), circle=intake.circle, **form.service_fields()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The intake questions and the agreement were saved."))
            return redirect("support_circle", circle_id=circle_id)
    return render(
        request,
        "support/intake_edit.html",
        {"form": form, "circle_id": circle_id},
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("support/", support_hub, name="support_hub"),
    path("support/circles/", support_circles, name="support_circles"),
    path("support/circles/<int:circle_id>/", support_circle, name="support_circle"),
    path("support/circles/<int:circle_id>/ask/", support_circle_ask, name="support_circle_ask"),
    path(
        "support/circles/<int:circle_id>/agreement/",
        support_circle_agree,
        name="support_circle_agree",
    ),
    path(
        "support/circles/<int:circle_id>/leave/", support_circle_leave, name="support_circle_leave"
    ),
    path("support/circles/<int:circle_id>/intake/", support_intake, name="support_intake"),
    path(
        "support/circles/<int:circle_id>/intake/edit/",
        support_intake_edit,
        name="support_intake_edit",
    ),
    path(
        "support/circles/<int:circle_id>/intake/<int:place_id>/",
        support_intake_decide,
        name="support_intake_decide",
    ),
]
