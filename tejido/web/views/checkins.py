"""Check-ins' pages: one's own choice (ask for check-ins, change the weeks, snooze, opt out),
the check-ins one received, and for the team who is due and reaching out; a check-in's page
with its thread; and the organisers' page naming the team. Anything not one's own is the 404
page, as for anything missing."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.access.checkins import is_on_team
from tejido.checkins import services
from tejido.checkins.selectors import (
    get_checkin,
    get_checkin_page,
    get_due,
    get_my_choice,
    get_team_page,
    get_team_roster,
    list_my_checkins,
)
from tejido.core.errors import DomainError
from tejido.web.forms.buddies import ThreadMessageForm
from tejido.web.forms.checkins import (
    CheckinChoiceForm,
    SnoozeForm,
    TakeForm,
    TeamMemberForm,
    TeamSearchForm,
)
from tejido.web.forms.errors import add_domain_error
from tejido.web.views.members import me, vetted_only
from tejido.web.views.organise_common import organisers_only


@require_safe
@vetted_only
def checkins_home(request: HttpRequest) -> HttpResponse:
    viewer = me(request)
    choice = get_my_choice(viewer=viewer)
    context = {
        "choice": choice,
        "choice_form": CheckinChoiceForm(initial={"weeks": choice.weeks} if choice else None),
        "snooze_form": SnoozeForm(),
        "received": list_my_checkins(viewer=viewer),
        "team": get_team_page(viewer=viewer) if is_on_team(viewer) else None,
    }
    return render(request, "checkins/home.html", context)


def _back(request: HttpRequest) -> HttpResponse:
    """Back where the form was: the settings page, or the check-ins page."""
    if request.POST.get("from") == "settings":
        return redirect("settings_edit")
    return redirect("checkins_home")


@require_POST
@vetted_only
def checkins_choice(request: HttpRequest) -> HttpResponse:
    form = CheckinChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a number of weeks from the list."))
        return _back(request)
    services.opt_in(actor=me(request), weeks=form.cleaned_data["weeks"])
    messages.success(
        request, _("Saved. If you do not use Tejido for that long, someone will check on you.")
    )
    return _back(request)


@require_POST
@vetted_only
def checkins_snooze(request: HttpRequest) -> HttpResponse:
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a number of weeks from the list."))
        return _back(request)
    services.snooze(actor=me(request), weeks=form.cleaned_data["weeks"])
    messages.success(request, _("Snoozed. Nobody will check on you until then."))
    return _back(request)


@require_POST
@vetted_only
def checkins_opt_out(request: HttpRequest) -> HttpResponse:
    services.opt_out(actor=me(request))
    messages.success(request, _("You will not be checked on. You can ask again at any time."))
    return _back(request)


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def checkins_reach_out(request: HttpRequest, member_id: int) -> HttpResponse:
    """A team member writes the first words of a check-in to someone due."""
    due = get_due(viewer=me(request), member_id=member_id)
    form = TakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            checkin = services.take(
                actor=me(request), member_id=due.id, body=form.cleaned_data["body"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Sent. Mark it done once you have checked in."))
            return redirect("checkin_detail", checkin_id=checkin.pk)
    status = 400 if form.errors else 200
    return render(request, "checkins/reach_out.html", {"due": due, "form": form}, status=status)


def _checkin_page(request: HttpRequest, checkin_id: int, form: ThreadMessageForm | None = None):
    page = get_checkin_page(viewer=me(request), checkin_id=checkin_id)
    context = {
        "page": page,
        "card": page.card,
        "form": form or ThreadMessageForm(),
        "snooze_form": SnoozeForm(),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "checkins/detail.html", context, status=status)


@require_safe
@vetted_only
def checkin_detail(request: HttpRequest, checkin_id: int) -> HttpResponse:
    return _checkin_page(request, checkin_id)


@require_POST
@vetted_only
def checkin_message(request: HttpRequest, checkin_id: int) -> HttpResponse:
    checkin = get_checkin(viewer=me(request), checkin_id=checkin_id)
    form = ThreadMessageForm(request.POST)
    if form.is_valid():
        try:
            services.write_in(actor=me(request), checkin=checkin, body=form.cleaned_data["body"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your message was sent."))
            return redirect("checkin_detail", checkin_id=checkin.pk)
    return _checkin_page(request, checkin.pk, form)


@require_POST
@vetted_only
def checkin_done(request: HttpRequest, checkin_id: int) -> HttpResponse:
    checkin = get_checkin(viewer=me(request), checkin_id=checkin_id)
    services.mark_done(actor=me(request), checkin=checkin)
    messages.success(request, _("Marked done. Thank you for reaching out."))
    return redirect("checkins_home")


@organisers_only
@require_safe
def checkins_team(request: HttpRequest) -> HttpResponse:
    search = TeamSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    roster = get_team_roster(viewer=me(request), query=query)
    return render(
        request, "checkins/team.html", {"roster": roster, "search": search, "query": query}
    )


@require_POST
@organisers_only
def checkins_team_change(request: HttpRequest) -> HttpResponse:
    form = TeamMemberForm(request.POST)
    if not form.is_valid() or request.POST.get("change") not in ("add", "remove"):
        messages.error(request, _("Choose a member from the list."))
        return redirect("checkins_team")
    member_id = form.cleaned_data["member"]
    if request.POST["change"] == "add":
        services.add_to_team(actor=me(request), member_id=member_id)
        messages.success(request, _("Added to the check-in team."))
    else:
        services.remove_from_team(actor=me(request), member_id=member_id)
        messages.success(request, _("Taken off the check-in team."))
    return redirect("checkins_team")


urlpatterns = [
    path("support/check-ins/", checkins_home, name="checkins_home"),
    path("support/check-ins/choice/", checkins_choice, name="checkins_choice"),
    path("support/check-ins/snooze/", checkins_snooze, name="checkins_snooze"),
    path("support/check-ins/opt-out/", checkins_opt_out, name="checkins_opt_out"),
    path(
        "support/check-ins/reach-out/<int:member_id>/",
        checkins_reach_out,
        name="checkins_reach_out",
    ),
    path("support/check-ins/<int:checkin_id>/", checkin_detail, name="checkin_detail"),
    path("support/check-ins/<int:checkin_id>/messages/", checkin_message, name="checkin_message"),
    path("support/check-ins/<int:checkin_id>/done/", checkin_done, name="checkin_done"),
    path("organise/check-ins/team/", checkins_team, name="checkins_team"),
    path("organise/check-ins/team/change/", checkins_team_change, name="checkins_team_change"),
]
