"""Stub: replaced by the helper that owns this area."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def _stub(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("")


urlpatterns = [
    path("groups/", _stub, name="group_list"),
    path("groups/<slug:slug>/", _stub, name="group_detail"),
]
