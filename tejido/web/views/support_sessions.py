"""Circles' sessions: a member's sessions to come, a facilitator's new series, and a session's
attendance and notes (its facilitators only). Anyone else gets the 404 page, as for anything
missing."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.core.errors import DomainError
from tejido.support import note_services, session_services
from tejido.support.session_selectors import (
    SessionPage,
    get_circle_to_schedule,
    get_session,
    get_session_page,
    list_my_sessions,
)
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.support_sessions import NoteForm, SessionSeriesForm
from tejido.web.views.members import me, vetted_only


@require_safe
@vetted_only
def my_sessions(request: HttpRequest) -> HttpResponse:
    return render(
        request, "support/sessions/mine.html", {"sessions": list_my_sessions(viewer=me(request))}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def session_series_new(request: HttpRequest, circle_id: int) -> HttpResponse:
    circle = get_circle_to_schedule(viewer=me(request), circle_id=circle_id)
    zone = me(request).time_zone
    form = SessionSeriesForm(request.POST or None, zone=zone)
    if request.method == "POST" and form.is_valid():
        try:
            session_services.create_session_series(
                actor=me(request),
                circle=circle,
                frequency=form.cleaned_data["frequency"],
                **form.series_fields(),
            )
        except DomainError as error:
            add_domain_error(form, error, fields={"starts_at": "start_date", "ends_at": "end_date"})
        else:
            messages.success(request, _("The sessions are planned. The circle's members see them."))
            return redirect("circle_sessions_of", circle_id=circle.pk)
    context = {"form": form, "circle": circle}
    status = 400 if form.errors else 200
    return render(request, "support/sessions/series_form.html", context, status=status)


@require_safe
@vetted_only
def circle_sessions_of(request: HttpRequest, circle_id: int) -> HttpResponse:
    """One circle's sessions to come, for its facilitators (who plan them)."""
    circle = get_circle_to_schedule(viewer=me(request), circle_id=circle_id)
    sessions = list_my_sessions(viewer=me(request), circle_id=circle.pk)
    return render(request, "support/sessions/circle.html", {"circle": circle, "sessions": sessions})


def _page(request: HttpRequest, circle_id: int, occurrence_id: int) -> SessionPage:
    page = get_session_page(viewer=me(request), occurrence_id=occurrence_id)
    if page.card.circle_id != circle_id:
        raise Http404
    return page


def _render(
    request: HttpRequest, page: SessionPage, note_form: NoteForm | None = None, status: int = 200
) -> HttpResponse:
    members = [(row.place_id, row.member) for row in page.attendance]
    context = {"page": page, "note_form": note_form or NoteForm(members=members)}
    return render(request, "support/sessions/detail.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def session_detail(request: HttpRequest, circle_id: int, occurrence_id: int) -> HttpResponse:
    """The session's attendance form (POST records it) and its notes."""
    page = _page(request, circle_id, occurrence_id)
    if request.method != "POST":
        return _render(request, page)
    present = {}
    for row in page.attendance:
        answer = request.POST.get(f"present_{row.place_id}", "")
        if answer in ("yes", "no"):
            present[row.place_id] = answer == "yes"
    try:
        session_services.record_session_attendance(
            actor=me(request),
            occurrence=get_session(viewer=me(request), occurrence_id=occurrence_id),
            present=present,
        )
    except DomainError as error:
        messages.error(request, str(error.message))
        return _render(request, page, status=400)
    messages.success(request, _("Attendance saved."))
    return redirect("circle_session_detail", circle_id=circle_id, occurrence_id=occurrence_id)


@require_POST
@vetted_only
def session_note_new(request: HttpRequest, circle_id: int, occurrence_id: int) -> HttpResponse:
    page = _page(request, circle_id, occurrence_id)
    form = NoteForm(request.POST, members=[(r.place_id, r.member) for r in page.attendance])
    if form.is_valid():
        try:
            note_services.write_note(
                actor=me(request),
                occurrence=get_session(viewer=me(request), occurrence_id=occurrence_id),
                place_id=form.cleaned_data["place"],
                text=form.cleaned_data["text"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Note saved. Only this circle's facilitators can read it."))
            return redirect(
                "circle_session_detail", circle_id=circle_id, occurrence_id=occurrence_id
            )
    return _render(request, page, note_form=form, status=400)


@require_POST
@vetted_only
def session_note_delete(
    request: HttpRequest, circle_id: int, occurrence_id: int, note_id: int
) -> HttpResponse:
    _page(request, circle_id, occurrence_id)
    note_services.delete_note(actor=me(request), note_id=note_id)
    messages.success(request, _("Note deleted."))
    return redirect("circle_session_detail", circle_id=circle_id, occurrence_id=occurrence_id)


urlpatterns = [
    path("support/sessions/", my_sessions, name="my_circle_sessions"),
    path(
        "support/circles/<int:circle_id>/sessions/",
        circle_sessions_of,
        name="circle_sessions_of",
    ),
    path(
        "support/circles/<int:circle_id>/sessions/new/",
        session_series_new,
        name="circle_session_series_new",
    ),
    path(
        "support/circles/<int:circle_id>/sessions/<int:occurrence_id>/",
        session_detail,
        name="circle_session_detail",
    ),
    path(
        "support/circles/<int:circle_id>/sessions/<int:occurrence_id>/notes/",
        session_note_new,
        name="circle_session_note_new",
    ),
    path(
        "support/circles/<int:circle_id>/sessions/<int:occurrence_id>/notes/<int:note_id>/delete/",
        session_note_delete,
        name="circle_session_note_delete",
    ),
]
