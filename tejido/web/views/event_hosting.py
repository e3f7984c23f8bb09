"""Gatherings, for those who run them: making and editing an event (the whole series, one date,
or a date and those after it), its picture, cancelling a date or the whole event, hosts and
facilitators, deciding RSVPs that wait for approval, writing to attendees, a new invitation
link, and attendance with its CSV export. Anyone else gets the 404 page, as for anything
missing; a refusal from a service on a button (the last host leaving, an answer decided
already) is answered by tejido.web.middleware: its message, back on the page."""

import csv
import re
from typing import Any, cast

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.accounts.selectors import get_member
from tejido.core.errors import DomainError, NotFound
from tejido.gatherings import event_services, services
from tejido.gatherings.host_selectors import (
    get_event_image,
    get_event_to_run,
    get_occurrence_to_record,
    get_occurrence_to_run,
    new_event_choices,
)
from tejido.gatherings.image_services import (
    create_event_with_image,
    update_event_with_image,
    update_following_with_image,
)
from tejido.gatherings.models import Rsvp
from tejido.gatherings.selectors import (
    first_occurrence_to_come,
    list_attendance,
)
from tejido.network.selectors import list_areas
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.events import (
    DATE_FIELDS,
    SCOPE_FOLLOWING,
    SCOPE_THIS,
    EventForm,
    HostForm,
    MessageForm,
    OccurrenceEditForm,
)
from tejido.web.lookups import or_none
from tejido.web.views.members import me, vetted_only

FORM_METHODS = ["GET", "HEAD", "POST"]


def _back_to(occurrence_id: int) -> HttpResponse:
    return redirect("occurrence_detail", occurrence_id=occurrence_id)


def _status(form: Any) -> int:
    return 400 if form.errors else 200


@require_http_methods(FORM_METHODS)
@vetted_only
def event_create(request: HttpRequest) -> HttpResponse:
    """A new gathering, for the network or a group (?group=<slug> chooses it)."""
    choices = new_event_choices(viewer=request.user)
    initial = dict(EventForm.DEFAULTS)
    chosen = choices.groups.filter(slug=request.GET.get("group", "")[:50]).first()
    if chosen is not None:
        initial = {**initial, "group": chosen.pk, "visibility": "group"}
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        groups=choices.groups,
        network=choices.network,
        areas=list_areas(viewer=request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = create_event_with_image(
                actor=me(request), upload=form.cleaned_data["image"], **form.service_fields()
            )
        except DomainError as error:
            add_domain_error(form, error, fields=DATE_FIELDS)
        else:
            messages.success(request, _("The gathering was made."))
            return _back_to(first_occurrence_to_come(viewer=request.user, event=event).pk)
    return render(
        request,
        "events/host_form.html",
        {"form": form, "event": None, "zone": form.zone},
        status=_status(form),
    )


@require_http_methods(FORM_METHODS)
@vetted_only
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    """Change the whole series."""
    event = get_event_to_run(viewer=request.user, event_id=event_id)
    form = EventForm(
        request.POST or None,
        request.FILES or None,
        groups=None,
        network=False,
        areas=list_areas(viewer=request.user),
        initial=EventForm.initial_for(event),
        zone=event.time_zone,
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = update_event_with_image(
                actor=me(request),
                event=event,
                upload=form.cleaned_data["image"],
                **form.service_fields(dates=form.dates_changed),
            )
        except DomainError as error:
            add_domain_error(form, error, fields=DATE_FIELDS)
        else:
            messages.success(request, _("The gathering was saved."))
            return _back_to(first_occurrence_to_come(viewer=request.user, event=event).pk)
    return render(
        request,
        "events/host_form.html",
        {"form": form, "event": event, "zone": form.zone},
        status=_status(form),
    )


@require_http_methods(FORM_METHODS)
@vetted_only
def occurrence_edit(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """Change one date: only its times, or it and the dates after it (for a series)."""
    occurrence = get_occurrence_to_run(viewer=request.user, occurrence_id=occurrence_id)
    event = occurrence.event
    series = bool(event.recurrence)
    form = OccurrenceEditForm(
        request.POST or None,
        request.FILES or None,
        groups=None,
        network=False,
        areas=list_areas(viewer=request.user),
        initial=OccurrenceEditForm.initial_for_occurrence(occurrence),
        zone=event.time_zone,
    )
    if not series:
        del form.fields["scope"]  # a gathering that happens once has only this date
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data.get("scope") or SCOPE_THIS
        try:
            if series and scope == SCOPE_FOLLOWING:
                changed = update_following_with_image(
                    actor=me(request),
                    occurrence=occurrence,
                    upload=form.cleaned_data["image"],
                    **form.service_fields(dates=form.dates_changed),
                )
                target = first_occurrence_to_come(viewer=request.user, event=changed).pk
            else:
                event_services.update_occurrence(
                    actor=me(request),
                    occurrence=occurrence,
                    starts_at=form.cleaned_data["starts_at"],
                    ends_at=form.cleaned_data["ends_at"],
                )
                target = occurrence.pk
        except DomainError as error:
            add_domain_error(form, error, fields=DATE_FIELDS)
        else:
            messages.success(request, _("The date was saved."))
            return _back_to(target)
    return render(
        request,
        "events/host_date.html",
        {"form": form, "event": event, "occurrence": occurrence, "series": series},
        status=_status(form),
    )


@require_safe
@vetted_only
def event_image(request: HttpRequest, event_id: int) -> HttpResponse:
    """The event's picture, for those who may see the event."""
    image = get_event_image(viewer=request.user, event_id=event_id)
    kind = "image/png" if (image.name or "").endswith(".png") else "image/jpeg"
    response = FileResponse(image.open("rb"), content_type=kind)
    response["Cache-Control"] = "private"
    response["Content-Disposition"] = "inline"
    # A streamed answer; the decorators' type names the usual one.
    return cast(HttpResponse, response)


def _confirm(request: HttpRequest, occurrence_id: int, *, whole: bool) -> HttpResponse:
    occurrence = get_occurrence_to_run(viewer=request.user, occurrence_id=occurrence_id)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Confirm that you want to cancel, or go back."))
        elif whole:
            event_services.cancel_event(actor=me(request), event=occurrence.event)
            messages.success(request, _("The gathering was cancelled; those coming were told."))
            return _back_to(occurrence.pk)
        else:
            event_services.cancel_occurrence(actor=me(request), occurrence=occurrence)
            messages.success(request, _("The date was cancelled; those coming were told."))
            return _back_to(occurrence.pk)
    return render(
        request,
        "events/host_cancel.html",
        {"occurrence": occurrence, "event": occurrence.event, "whole": whole},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(FORM_METHODS)
@vetted_only
def occurrence_cancel(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """Cancel this date, after a confirmation."""
    return _confirm(request, occurrence_id, whole=False)


@require_http_methods(FORM_METHODS)
@vetted_only
def event_cancel(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """Cancel every date to come of the event, after a confirmation."""
    return _confirm(request, occurrence_id, whole=True)


@require_POST
@vetted_only
def event_hosts(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """Name a co-host or facilitator (a confirmed attendee or a member's number), or remove
    one (`remove` = their member id)."""
    occurrence = get_occurrence_to_run(viewer=request.user, occurrence_id=occurrence_id)
    event = occurrence.event
    removing = request.POST.get("remove", "")
    if removing:
        member_id = _id(removing)
        if member_id is None:
            raise NotFound()
        member = get_member(viewer=request.user, member_id=member_id)
        event_services.remove_host(actor=me(request), event=event, member=member)
        messages.success(
            request,
            _("%(name)s no longer helps run this gathering.")
            % {"name": member.profile.chosen_name},
        )
        return _back_to(occurrence.pk)
    form = HostForm(request.POST, candidates=[])
    form.fields["member"].choices = [  # type: ignore[attr-defined]
        (value, value) for value in [request.POST.get("member", "")] if value
    ]
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back_to(occurrence.pk)
    # A number typed into the form: one nobody here can see is a mistake to correct, not a page
    # that does not exist.
    chosen = or_none(lambda: get_member(viewer=request.user, member_id=form.cleaned_data["chosen"]))
    if chosen is None:
        messages.error(request, _("There is no such member among those you can see."))
        return _back_to(occurrence.pk)
    event_services.name_host(
        actor=me(request), event=event, member=chosen, role=form.cleaned_data["role"]
    )
    messages.success(
        request, _("%(name)s now helps run this gathering.") % {"name": chosen.profile.chosen_name}
    )
    return _back_to(occurrence.pk)


@require_POST
@vetted_only
def rsvp_decide(request: HttpRequest, occurrence_id: int, member_id: int) -> HttpResponse:
    """Approve or decline an RSVP waiting for the hosts."""
    occurrence = get_occurrence_to_run(viewer=request.user, occurrence_id=occurrence_id)
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline"):
        messages.error(request, _("Choose whether to approve or decline the answer."))
        return _back_to(occurrence.pk)
    member = get_member(viewer=request.user, member_id=member_id)
    name = member.profile.chosen_name
    if decision == "approve":
        services.approve_rsvp(actor=me(request), occurrence=occurrence, member=member)
        messages.success(request, _("%(name)s was given a place.") % {"name": name})
    else:
        services.decline_rsvp(actor=me(request), occurrence=occurrence, member=member)
        messages.success(request, _("You declined the answer of %(name)s.") % {"name": name})
    return _back_to(occurrence.pk)


@require_http_methods(FORM_METHODS)
@vetted_only
def event_message(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """Write to everyone with a confirmed seat at this date."""
    occurrence = get_occurrence_to_run(viewer=request.user, occurrence_id=occurrence_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = event_services.message_attendees(
                actor=me(request), occurrence=occurrence, text=form.cleaned_data["message"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Your message was sent to %(count)d person.",
                    "Your message was sent to %(count)d people.",
                    told,
                )
                % {"count": told},
            )
            return _back_to(occurrence.pk)
    return render(
        request,
        "events/host_message.html",
        {"form": form, "occurrence": occurrence, "event": occurrence.event},
        status=_status(form),
    )


@require_POST
@vetted_only
def event_invite_renew(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """A new invitation link; the old one stops working."""
    occurrence = get_occurrence_to_run(viewer=request.user, occurrence_id=occurrence_id)
    event_services.renew_invite_link(actor=me(request), event=occurrence.event)
    messages.success(request, _("There is a new invitation link; the old one no longer works."))
    return _back_to(occurrence.pk)


_AN_ID = re.compile(r"[0-9]{1,18}")


def _id(value: str) -> int | None:
    """A member's number from a form, or None: only ASCII digits, at most 18 of them
    (str.isdigit also says yes to "²", which int() refuses)."""
    return int(value) if _AN_ID.fullmatch(value) else None


def _ids(values: list[str], known: set[int]) -> set[int]:
    return {n for n in map(_id, values) if n is not None and n in known}


@require_http_methods(FORM_METHODS)
@vetted_only
def occurrence_attendance(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """Who came: each answer with came / did not come, for hosts and facilitators."""
    occurrence = get_occurrence_to_record(viewer=request.user, occurrence_id=occurrence_id)
    rows = list_attendance(viewer=request.user, occurrence=occurrence)
    status = 200
    if request.method == "POST":
        known = {row.member.id for row in rows}
        came = _ids(request.POST.getlist("came"), known)
        missed = _ids(request.POST.getlist("missed"), known) - came
        try:
            services.record_attendance(
                actor=me(request), occurrence=occurrence, present=came, absent=missed
            )
        except DomainError as error:
            messages.error(request, str(error.message))
            status = 400
        else:
            messages.success(request, _("Attendance was saved."))
            return redirect("occurrence_attendance", occurrence_id=occurrence.pk)
    return render(
        request,
        "events/host_attendance.html",
        {
            "occurrence": occurrence,
            "event": occurrence.event,
            "rows": [
                {
                    "row": row,
                    "answer": Rsvp.Answer(row.answer).label,
                    "seat": Rsvp.Seat(row.seat).label,
                }
                for row in rows
            ],
        },
        status=status,
    )


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


@require_safe
@vetted_only
def occurrence_attendance_csv(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """The attendance sheet as CSV: names the viewer may see, answers, seats, attendance."""
    occurrence = get_occurrence_to_record(viewer=request.user, occurrence_id=occurrence_id)
    rows = list_attendance(viewer=request.user, occurrence=occurrence)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attendance-{occurrence.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("Answer"), _("Seat"), _("Came")])
    attended = {True: _("Yes"), False: _("No"), None: ""}
    for row in rows:
        writer.writerow(
            [
                safe_cell(row.member.chosen_name),
                safe_cell(str(Rsvp.Answer(row.answer).label)),
                safe_cell(str(Rsvp.Seat(row.seat).label)),
                attended[row.attended],
            ]
        )
    return response


urlpatterns = [
    path("events/new/", event_create, name="event_create"),
    path("events/<int:event_id>/edit/", event_edit, name="event_edit"),
    path("events/<int:event_id>/image/", event_image, name="event_image"),
    path("events/<int:occurrence_id>/edit-date/", occurrence_edit, name="occurrence_edit"),
    path("events/<int:occurrence_id>/cancel/", occurrence_cancel, name="occurrence_cancel"),
    path("events/<int:occurrence_id>/cancel-all/", event_cancel, name="event_cancel"),
    path("events/<int:occurrence_id>/hosts/", event_hosts, name="event_hosts"),
    path("events/<int:occurrence_id>/rsvps/<int:member_id>/", rsvp_decide, name="rsvp_decide"),
    path("events/<int:occurrence_id>/message/", event_message, name="event_message"),
    path("events/<int:occurrence_id>/invite-link/", event_invite_renew, name="event_invite_renew"),
    path(
        "events/<int:occurrence_id>/attendance/",
        occurrence_attendance,
        name="occurrence_attendance",
    ),
    path(
        "events/<int:occurrence_id>/attendance.csv",
        occurrence_attendance_csv,
        name="occurrence_attendance_csv",
    ),
]
