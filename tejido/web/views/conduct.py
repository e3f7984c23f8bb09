"""Stub: replaced by the helper that owns this area."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def _stub(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("")


urlpatterns = [
    path("conduct/", _stub, name="conduct"),
]
