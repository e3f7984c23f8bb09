"""Stub: replaced by the helper that owns this area."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def _stub(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("")


urlpatterns = [
    path("apply/", _stub, name="apply"),
    path("apply/status/", _stub, name="application_status"),
    path("join/<str:token>/", _stub, name="invitation_accept"),
]
