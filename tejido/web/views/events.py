"""Gatherings: the upcoming list, a month, one date of an event, my events; for hosts, making,
editing and running them."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from tejido.web.views.members import vetted_only


@require_safe
@vetted_only
def occurrence_detail(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    raise Http404


@require_safe
@vetted_only
def event_invitation(request: HttpRequest, token: str) -> HttpResponse:
    raise Http404


urlpatterns = [
    path("events/<int:occurrence_id>/", occurrence_detail, name="occurrence_detail"),
    path("events/invitation/<str:token>/", event_invitation, name="event_invitation"),
]
