"""Peer buddies' pages: the buddies page (opting in or out, suggestions with their reasons,
proposals, one's buddy) and a pair's page (its private thread, ending it). A pair one is not
a side of gets the 404 page, as for anything missing."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tejido.buddies import services
from tejido.buddies.selectors import get_buddy_home, get_pair, get_pair_page
from tejido.core.errors import DomainError
from tejido.network.selectors import list_areas
from tejido.web.forms.buddies import OptInForm, ProposeForm, ThreadMessageForm
from tejido.web.forms.errors import add_domain_error
from tejido.web.views.members import me, vetted_only


def _initial(home_profile: object) -> dict[str, object]:
    if home_profile is None:
        return {}
    return {
        name: getattr(home_profile, name)
        for name in ("seeking", "offering", "languages", "topics", "availability")
    } | {"area": getattr(home_profile, "area_id", None)}


def _home(request: HttpRequest, form: OptInForm | None = None) -> HttpResponse:
    home = get_buddy_home(viewer=me(request))
    if form is None:
        form = OptInForm(initial=_initial(home.profile), areas=list_areas(viewer=me(request)))
    status = 400 if form.errors else 200
    return render(request, "buddies/home.html", {"home": home, "form": form}, status=status)


@require_safe
@vetted_only
def buddies_home(request: HttpRequest) -> HttpResponse:
    return _home(request)


@require_POST
@vetted_only
def buddies_opt_in(request: HttpRequest) -> HttpResponse:
    form = OptInForm(request.POST, areas=list_areas(viewer=me(request)))
    if form.is_valid():
        try:
            profile = services.opt_in(actor=me(request), **form.opt_in_fields())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if profile.opted_in:
                messages.success(request, _("Saved. Suggestions that suit you are below."))
            else:
                messages.success(request, _("Saved. You are not looking for a buddy now."))
            return redirect("buddies_home")
    return _home(request, form)


@require_POST
@vetted_only
def buddies_opt_out(request: HttpRequest) -> HttpResponse:
    services.opt_out(actor=me(request))
    messages.success(request, _("You opted out. Nobody is suggested to you, nor you to anyone."))
    return redirect("buddies_home")


@require_POST
@vetted_only
def buddies_propose(request: HttpRequest) -> HttpResponse:
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose someone from the suggestions."))
        return redirect("buddies_home")
    services.propose(
        actor=me(request), other_id=form.cleaned_data["other"], role=form.cleaned_data["role"]
    )
    messages.success(request, _("Proposed. You will get a notification when they answer."))
    return redirect("buddies_home")


def _pair_page(request: HttpRequest, pair_id: int, form: ThreadMessageForm | None = None):
    page = get_pair_page(viewer=me(request), pair_id=pair_id)
    context = {"page": page, "card": page.card, "form": form or ThreadMessageForm()}
    status = 400 if form is not None and form.errors else 200
    return render(request, "buddies/pair.html", context, status=status)


@require_safe
@vetted_only
def buddies_pair(request: HttpRequest, pair_id: int) -> HttpResponse:
    return _pair_page(request, pair_id)


@require_POST
@vetted_only
def buddies_answer(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = get_pair(viewer=me(request), pair_id=pair_id)
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, _("Choose whether to accept or to decline."))
        return redirect("buddies_pair", pair_id=pair.pk)
    services.answer(actor=me(request), pair=pair, accept=decision == "accept")
    if decision == "accept":
        messages.success(request, _("You are buddies now. Say hello in your private thread."))
        return redirect("buddies_pair", pair_id=pair.pk)
    messages.success(request, _("You declined. Thank you for answering."))
    return redirect("buddies_home")


@require_POST
@vetted_only
def buddies_end(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = get_pair(viewer=me(request), pair_id=pair_id)
    services.end_pair(actor=me(request), pair=pair)
    messages.success(request, _("It has ended. You do not need to give a reason."))
    return redirect("buddies_home")


@require_POST
@vetted_only
def buddies_message(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = get_pair(viewer=me(request), pair_id=pair_id)
    form = ThreadMessageForm(request.POST)
    if form.is_valid():
        try:
            services.post_message(actor=me(request), pair=pair, body=form.cleaned_data["body"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your message was sent."))
            return redirect("buddies_pair", pair_id=pair.pk)
    return _pair_page(request, pair.pk, form)


urlpatterns = [
    path("support/buddies/", buddies_home, name="buddies_home"),
    path("support/buddies/opt-in/", buddies_opt_in, name="buddies_opt_in"),
    path("support/buddies/opt-out/", buddies_opt_out, name="buddies_opt_out"),
    path("support/buddies/propose/", buddies_propose, name="buddies_propose"),
    path("support/buddies/<int:pair_id>/", buddies_pair, name="buddies_pair"),
    path("support/buddies/<int:pair_id>/answer/", buddies_answer, name="buddies_answer"),
    path("support/buddies/<int:pair_id>/end/", buddies_end, name="buddies_end"),
    path("support/buddies/<int:pair_id>/messages/", buddies_message, name="buddies_message"),
]
