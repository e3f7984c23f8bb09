"""Stub: replaced by the helper that owns this area."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def _stub(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("")


urlpatterns = [
    path("me/profile/", _stub, name="profile_edit"),
    path("me/profile/preview/", _stub, name="profile_preview"),
    path("me/settings/", _stub, name="settings_edit"),
    path("me/tokens/", _stub, name="token_list"),
]
