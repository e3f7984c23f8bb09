"""Stub: replaced by the helper that owns this area."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def _stub(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("")


urlpatterns = [
    path("members/", _stub, name="member_list"),
    path("members/<int:member_id>/", _stub, name="member_detail"),
]
