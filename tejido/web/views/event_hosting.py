"""Placeholder for the host pages (another engineer's file replaces it at the merge): only the
URL names the member pages link to, each the 404 page."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from tejido.web.views.members import vetted_only


@require_safe
@vetted_only
def event_create(request: HttpRequest) -> HttpResponse:
    raise Http404


@require_safe
@vetted_only
def event_image(request: HttpRequest, event_id: int) -> HttpResponse:
    raise Http404


urlpatterns = [
    path("events/new/", event_create, name="event_create"),
    path("events/image/<int:event_id>/", event_image, name="event_image"),
]
