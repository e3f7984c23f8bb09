"""A match between a request and a helper, for its sides: its page with the private thread,
answering it, stepping back, writing in the thread, sharing contact details, and the
follow-up's answer. Someone who is not in the match gets the 404 page, as for anything
missing."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.aid import match_services
from tejido.aid.match_selectors import (
    follow_up_card,
    get_follow_up,
    get_match,
    get_match_page,
)
from tejido.core.errors import DomainError
from tejido.web.forms.aid import ContactForm, FollowUpForm, MessageForm
from tejido.web.forms.errors import add_domain_error
from tejido.web.views.members import me, vetted_only


def _page(request: HttpRequest, match_id: int, **forms: object) -> HttpResponse:
    page = get_match_page(viewer=me(request), match_id=match_id)
    context = {
        "page": page,
        "card": page.card,
        "message_form": MessageForm(),
        "contact_form": ContactForm(initial={"contact": page.card.my_contact}),
        **forms,
    }
    status = 400 if any(getattr(form, "errors", None) for form in forms.values()) else 200
    return render(request, "aid/match_detail.html", context, status=status)


@require_safe
@vetted_only
def aid_match_detail(request: HttpRequest, match_id: int) -> HttpResponse:
    return _page(request, match_id)


@require_POST
@vetted_only
def aid_match_answer(request: HttpRequest, match_id: int) -> HttpResponse:
    match = get_match(viewer=request.user, match_id=match_id)
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, _("Choose whether to agree or to decline."))
        return redirect("aid_match_detail", match_id=match.pk)
    match_services.answer_match(actor=me(request), match=match, accept=decision == "accept")
    if decision == "accept":
        messages.success(request, _("It is agreed. Use the thread below to arrange the details."))
    else:
        messages.success(request, _("You declined. Thank you for answering."))
    return redirect("aid_match_detail", match_id=match.pk)


@require_POST
@vetted_only
def aid_match_withdraw(request: HttpRequest, match_id: int) -> HttpResponse:
    match = get_match(viewer=request.user, match_id=match_id)
    match_services.withdraw_match(actor=me(request), match=match)
    messages.success(request, _("You stepped back from this match. The other side is told."))
    return redirect("aid_match_detail", match_id=match.pk)


@require_POST
@vetted_only
def aid_match_message(request: HttpRequest, match_id: int) -> HttpResponse:
    match = get_match(viewer=request.user, match_id=match_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            match_services.post_message(
                actor=me(request), match=match, body=form.cleaned_data["body"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your message was sent."))
            return redirect("aid_match_detail", match_id=match.pk)
    return _page(request, match.pk, message_form=form)


@require_POST
@vetted_only
def aid_match_contact(request: HttpRequest, match_id: int) -> HttpResponse:
    match = get_match(viewer=request.user, match_id=match_id)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            shared = match_services.share_contact(
                actor=me(request), match=match, contact=form.cleaned_data["contact"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if not form.cleaned_data["contact"]:
                messages.success(request, _("You stopped sharing your contact details."))
            elif shared.requester_contact and shared.helper_contact:
                messages.success(request, _("You both shared contact details: see them below."))
            else:
                messages.success(
                    request,
                    _("Saved. They will see it once they share theirs; until then, neither sees."),
                )
            return redirect("aid_match_detail", match_id=match.pk)
    return _page(request, match.pk, contact_form=form)


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def aid_follow_up(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    """Did the help happen? One's own follow-up, until it is answered."""
    follow_up = get_follow_up(viewer=me(request), follow_up_id=follow_up_id)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            match_services.answer_follow_up(
                actor=me(request),
                follow_up=follow_up,
                happened=form.cleaned_data["happened"],
                feedback=form.cleaned_data["feedback"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you for answering!"))
            return redirect("aid_match_detail", match_id=follow_up.match_id)
    return render(
        request,
        "aid/follow_up.html",
        {"form": form, "follow_up": follow_up_card(viewer=me(request), follow_up=follow_up)},
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("aid/matches/<int:match_id>/", aid_match_detail, name="aid_match_detail"),
    path("aid/matches/<int:match_id>/answer/", aid_match_answer, name="aid_match_answer"),
    path("aid/matches/<int:match_id>/withdraw/", aid_match_withdraw, name="aid_match_withdraw"),
    path("aid/matches/<int:match_id>/messages/", aid_match_message, name="aid_match_message"),
    path("aid/matches/<int:match_id>/contact/", aid_match_contact, name="aid_match_contact"),
    path("aid/follow-ups/<int:follow_up_id>/", aid_follow_up, name="aid_follow_up"),
]
