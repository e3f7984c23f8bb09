"""Gatherings, for members: the upcoming list, a month, one date of an event with its RSVP
controls, an invitation link, my events. The host pages (making, editing and running events)
are in event_hosting.py."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.gatherings.event_services import note_place_shown, open_invitation
from tejido.gatherings.models import Rsvp
from tejido.gatherings.selectors import (
    first_occurrence_to_come,
    get_invited_event,
    get_month,
    get_occurrence,
    get_occurrence_page,
    list_groups_to_filter_by,
    list_my_occurrences,
    list_upcoming_stamps,
    may_create_events,
    my_attendance,
    upcoming_cards,
    waitlist_position,
)
from tejido.gatherings.services import accept_seat, cancel_rsvp, decline_seat, rsvp
from tejido.web.card_cache import cached_items
from tejido.web.forms.event_filters import EventFilterForm
from tejido.web.views.members import me, vetted_only


@require_safe
@vetted_only
def event_list(request: HttpRequest) -> HttpResponse:
    groups = list_groups_to_filter_by(viewer=request.user)
    form = EventFilterForm(request.GET, groups=groups)
    filters = form.filters()
    page = list_upcoming_stamps(viewer=request.user, filters=filters, page=request.GET.get("page"))
    return render(
        request,
        "events/list.html",
        {
            "page": page,
            "items": cached_items("event-item", page.items, _list_items(request)),
            "form": form,
            "filtered": filters.narrows,
            "can_create": may_create_events(viewer=request.user),
        },
    )


def _list_items(request: HttpRequest) -> Callable[[list[int]], dict[int, str]]:
    def render_items(ids: list[int]) -> dict[int, str]:
        cards = upcoming_cards(viewer=request.user, ids=ids)
        return {
            pk: render_to_string("events/_item.html", {"card": card}) for pk, card in cards.items()
        }

    return render_items


def _zone_name() -> str:
    """The member's time zone (the middleware activated it), else the site's."""
    return timezone.get_current_timezone_name()


@require_safe
@vetted_only
def event_month_current(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return redirect("event_month", year=today.year, month=today.month)


@require_safe
@vetted_only
def event_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    shown = get_month(viewer=request.user, year=year, month=month, zone=_zone_name())
    days = [day for week in shown.weeks for day in week if day.in_month and day.occurrences]
    return render(
        request,
        "events/month.html",
        {"month": shown, "days": days, "today": timezone.localdate()},
    )


@require_safe
@vetted_only
def my_events(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("past") == "1"
    page = list_my_occurrences(viewer=me(request), page=request.GET.get("page"), past=past)
    attendance = (
        my_attendance(viewer=me(request), occurrence_ids=[card.id for card in page]) if past else {}
    )
    rows = [(card, attendance.get(card.id)) for card in page]
    return render(request, "events/mine.html", {"page": page, "rows": rows, "past": past})


@require_safe
@vetted_only
def occurrence_detail(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    page = get_occurrence_page(viewer=request.user, occurrence_id=occurrence_id)
    if page.card.place:
        note_place_shown(viewer=request.user, occurrence=page.occurrence)
    return render(
        request, "events/detail.html", {"page": page, "card": page.card, "now": timezone.now()}
    )


def _answered(record: Rsvp) -> str:
    if record.answer == Rsvp.Answer.MAYBE:
        return _("You answered maybe. Answer “Going” when you know, to take a seat.")
    if record.answer == Rsvp.Answer.NOT_GOING:
        return _("You answered that you are not going. Thank you for letting the hosts know.")
    if record.seat == Rsvp.Seat.CONFIRMED:
        return _("You are going: your seat is confirmed. See you there!")
    if record.seat == Rsvp.Seat.PENDING:
        return _(
            "You asked for a place. The hosts approve each one; you will get a notification "
            "when they decide."
        )
    if record.seat == Rsvp.Seat.WAITLISTED:
        return _(
            "The gathering is full: you are number %(position)s on the waitlist. You will get "
            "a notification if a seat frees up."
        ) % {"position": waitlist_position(record)}
    return _("Your answer was saved.")


@require_POST
@vetted_only
def occurrence_rsvp(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """Answer going, maybe or not going."""
    occurrence = get_occurrence(viewer=request.user, occurrence_id=occurrence_id)
    answer = request.POST.get("answer", "")
    if answer not in Rsvp.Answer.values:
        messages.error(request, _("Choose whether you are going, maybe going or not going."))
        return redirect("occurrence_detail", occurrence_id=occurrence.pk)
    record = rsvp(actor=me(request), occurrence=occurrence, answer=answer)
    messages.success(request, _answered(record))
    return redirect("occurrence_detail", occurrence_id=occurrence.pk)


@require_POST
@vetted_only
def occurrence_withdraw(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """Withdraw one's answer (and seat, or place on the waitlist)."""
    occurrence = get_occurrence(viewer=request.user, occurrence_id=occurrence_id)
    cancel_rsvp(actor=me(request), occurrence=occurrence)
    messages.success(
        request, _("You withdrew your answer. If you had a seat, it goes to someone else.")
    )
    return redirect("occurrence_detail", occurrence_id=occurrence.pk)


@require_POST
@vetted_only
def occurrence_seat(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """Accept or decline the seat offered from the waitlist."""
    occurrence = get_occurrence(viewer=request.user, occurrence_id=occurrence_id)
    decision = request.POST.get("decision")
    if decision == "accept":
        accept_seat(actor=me(request), occurrence=occurrence)
        messages.success(request, _("The seat is yours: you are going. See you there!"))
    elif decision == "decline":
        decline_seat(actor=me(request), occurrence=occurrence)
        messages.success(
            request, _("You turned down the seat; it goes to the next person waiting.")
        )
    else:
        messages.error(request, _("Choose whether to take the seat or turn it down."))
    return redirect("occurrence_detail", occurrence_id=occurrence.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def event_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation link: it shows which gathering it is for and a button; only the button
    (a POST, so that no page elsewhere can open it on a member's behalf) lets the member in
    and sends them to its next date. An unknown or replaced link is the 404 page."""
    event = get_invited_event(viewer=request.user, token=token)
    if request.method != "POST":
        return render(request, "events/invitation.html", {"title": event.title, "token": token})
    event = open_invitation(actor=me(request), token=token)
    occurrence = first_occurrence_to_come(viewer=request.user, event=event)
    return redirect("occurrence_detail", occurrence_id=occurrence.pk)


urlpatterns = [
    path("events/", event_list, name="event_list"),
    path("events/mine/", my_events, name="my_events"),
    path("events/month/", event_month_current, name="event_month_current"),
    path("events/month/<int:year>/<int:month>/", event_month, name="event_month"),
    path("events/<int:occurrence_id>/", occurrence_detail, name="occurrence_detail"),
    path("events/<int:occurrence_id>/rsvp/", occurrence_rsvp, name="occurrence_rsvp"),
    path("events/<int:occurrence_id>/withdraw/", occurrence_withdraw, name="occurrence_withdraw"),
    path("events/<int:occurrence_id>/seat/", occurrence_seat, name="occurrence_seat"),
    path("events/invitation/<str:token>/", event_invitation, name="event_invitation"),
]
