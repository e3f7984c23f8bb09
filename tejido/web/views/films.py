"""Film nights: the film list (filtered by who a film shows and its languages) where any member
adds a film, a film's page (organisers correct or remove it), the polls on the next film and
one poll with its vote form; for those who run a poll, opening and closing it and making the
film night from its winner."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.access.base import is_organiser
from tejido.access.events import groups_for_new_events
from tejido.access.films import PollCard, can_create_poll, can_propose_film
from tejido.core.errors import DomainError
from tejido.gatherings import film_selectors as selectors
from tejido.gatherings.film_services import (
    add_option,
    close_poll,
    create_poll,
    make_event_from_winner,
    propose_film,
    remove_film,
    update_film,
    vote,
)
from tejido.gatherings.selectors import first_occurrence_to_come, get_event
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.films import (
    FilmFilterForm,
    FilmForm,
    FilmNightForm,
    PollForm,
    ProposeForm,
    VoteForm,
)
from tejido.web.lookups import or_none
from tejido.web.views.members import me, vetted_only


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def film_list(request: HttpRequest) -> HttpResponse:
    """The film list, and the form that adds one (posted here)."""
    filter_form = FilmFilterForm(request.GET or None)
    chosen = (
        filter_form.cleaned_data
        if filter_form.is_bound and filter_form.is_valid()
        else {"representation": "", "language": ""}
    )
    filters = selectors.FilmFilters(**chosen)
    form = FilmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            film = propose_film(actor=me(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(film)s is on the film list.") % {"film": film.title})
            return redirect("film_detail", film_id=film.pk)
    page = selectors.list_film_page(
        viewer=request.user, filters=filters, page=request.GET.get("page")
    )
    return render(
        request,
        "films/list.html",
        {
            "page": page,
            "filter_form": filter_form if filter_form.is_bound else FilmFilterForm(),
            "filtered": bool(filters.clean.representation or filters.clean.language),
            "form": form,
            "can_propose": can_propose_film(request.user),
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def film_detail(request: HttpRequest, film_id: int) -> HttpResponse:
    """A film; organisers correct it here."""
    film = selectors.get_film(viewer=request.user, film_id=film_id)
    card = selectors.get_film_card(viewer=request.user, film_id=film_id)
    form = None
    if card.can_edit:
        initial = {
            "title": film.title,
            "year": film.year,
            "original_language": film.original_language,
            "subtitle_languages": film.subtitle_languages,
            "runtime_minutes": film.runtime_minutes,
            "content_notes": film.content_notes,
            "representation": film.representation,
        }
        form = FilmForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                update_film(actor=me(request), film=film, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The film is saved."))
                return redirect("film_detail", film_id=film.pk)
    return render(
        request,
        "films/detail.html",
        {"film": card, "form": form},
        status=400 if form is not None and form.is_bound else 200,
    )


@require_POST
@vetted_only
def film_remove(request: HttpRequest, film_id: int) -> HttpResponse:
    film = selectors.get_film(viewer=request.user, film_id=film_id)
    remove_film(actor=me(request), film=film)
    messages.success(request, _("%(film)s is off the film list.") % {"film": film.title})
    return redirect("film_list")


@require_safe
@vetted_only
def poll_list(request: HttpRequest) -> HttpResponse:
    page = selectors.list_poll_page(viewer=request.user, page=request.GET.get("page"))
    may_open = is_organiser(request.user) or groups_for_new_events(request.user).exists()
    return render(
        request,
        "films/polls.html",
        {
            "page": page,
            "open_polls": [p for p in page if p.is_open],
            "closed_polls": [p for p in page if not p.is_open],
            "may_open": may_open,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def poll_new(request: HttpRequest) -> HttpResponse:
    groups = groups_for_new_events(request.user)
    network = can_create_poll(request.user)
    if not network and not groups.exists():
        raise Http404
    form = PollForm(
        request.POST if request.method == "POST" else None,
        groups=groups,
        network=network,
        films=selectors.list_films(viewer=request.user, limit=500),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            poll = create_poll(
                actor=me(request),
                title_es=data["title_es"],
                title_en=data["title_en"],
                group=data["group"],
                closes_at=data["closes_at"],
                films=data["films"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The poll is open: members can vote now."))
            return redirect("poll_detail", poll_id=poll.pk)
    return render(
        request, "films/poll_new.html", {"form": form}, status=400 if form.is_bound else 200
    )


def _vote_form(card: PollCard, data: object = None) -> VoteForm:
    options = [(option.id, option.film.title) for option in card.options]
    initial = {"option": card.my_vote} if card.my_vote else None
    return VoteForm(data, options=options, initial=initial)


@require_safe
@vetted_only
def poll_detail(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll = selectors.get_poll(viewer=request.user, poll_id=poll_id)
    card = selectors.get_poll_card(viewer=request.user, poll_id=poll_id)
    context: dict[str, object] = {"poll": card}
    if card.can_vote:
        context["vote_form"] = _vote_form(card)
        context["propose_form"] = ProposeForm(
            films=selectors.films_to_add(viewer=request.user, poll=poll)
        )
    event_id = card.event_id
    if event_id is not None:
        # The film night made from the poll, linked when the viewer may see it.
        context["event_occurrence"] = or_none(
            lambda: first_occurrence_to_come(
                viewer=request.user, event=get_event(viewer=request.user, event_id=event_id)
            )
        )
    return render(request, "films/poll_detail.html", context)


@require_POST
@vetted_only
def poll_vote(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll = selectors.get_poll(viewer=request.user, poll_id=poll_id)
    card = selectors.get_poll_card(viewer=request.user, poll_id=poll_id)
    form = _vote_form(card, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the films to vote."))
        return redirect("poll_detail", poll_id=poll.pk)
    option = selectors.get_option(poll=poll, option_id=form.cleaned_data["option"])
    changed = card.my_vote is not None
    vote(actor=me(request), poll=poll, option=option)
    messages.success(
        request,
        _("Your vote is changed. You can change it until the poll closes.")
        if changed
        else _("Thank you for voting. You can change your vote until the poll closes."),
    )
    return redirect("poll_detail", poll_id=poll.pk)


@require_POST
@vetted_only
def poll_propose(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll = selectors.get_poll(viewer=request.user, poll_id=poll_id)
    form = ProposeForm(request.POST, films=selectors.films_to_add(viewer=request.user, poll=poll))
    if not form.is_valid():
        messages.error(request, _("Choose a film from the list to propose."))
        return redirect("poll_detail", poll_id=poll.pk)
    film = selectors.get_film(viewer=request.user, film_id=form.cleaned_data["film"])
    add_option(actor=me(request), poll=poll, film=film)
    messages.success(request, _("%(film)s is in the poll now.") % {"film": film.title})
    return redirect("poll_detail", poll_id=poll.pk)


@require_POST
@vetted_only
def poll_close(request: HttpRequest, poll_id: int) -> HttpResponse:
    poll = selectors.get_poll(viewer=request.user, poll_id=poll_id)
    close_poll(actor=me(request), poll=poll)
    messages.success(request, _("The poll is closed. Everyone who voted is told the winner."))
    return redirect("poll_detail", poll_id=poll.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def poll_make_event(request: HttpRequest, poll_id: int) -> HttpResponse:
    """The film night from a closed poll's winner: its date and times, then its page."""
    poll = selectors.get_poll(viewer=request.user, poll_id=poll_id)
    card = selectors.get_poll_card(viewer=request.user, poll_id=poll_id)
    if not card.can_make_event or card.winner is None:
        raise Http404
    form = FilmNightForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.moments()
        try:
            event = make_event_from_winner(
                actor=me(request), poll=poll, starts_at=starts_at, ends_at=ends_at
            )
        except DomainError as error:
            add_domain_error(form, error, fields={"starts_at": "day", "ends_at": "ends"})
        else:
            messages.success(request, _("The film night is made. Add its place and details."))
            occurrence = first_occurrence_to_come(viewer=request.user, event=event)
            return redirect("occurrence_detail", occurrence_id=occurrence.pk)
    return render(
        request,
        "films/make_event.html",
        {"poll": card, "form": form},
        status=400 if form.is_bound else 200,
    )


urlpatterns = [
    path("films/", film_list, name="film_list"),
    path("films/<int:film_id>/", film_detail, name="film_detail"),
    path("films/<int:film_id>/remove/", film_remove, name="film_remove"),
    path("films/polls/", poll_list, name="poll_list"),
    path("films/polls/new/", poll_new, name="poll_new"),
    path("films/polls/<int:poll_id>/", poll_detail, name="poll_detail"),
    path("films/polls/<int:poll_id>/vote/", poll_vote, name="poll_vote"),
    path("films/polls/<int:poll_id>/propose/", poll_propose, name="poll_propose"),
    path("films/polls/<int:poll_id>/close/", poll_close, name="poll_close"),
    path("films/polls/<int:poll_id>/event/", poll_make_event, name="poll_make_event"),
]
