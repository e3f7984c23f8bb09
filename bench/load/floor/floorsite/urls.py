from django.http import HttpRequest, JsonResponse
from django.urls import path

from floorsite import reference


def ping(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True, "service": "floor"})


urlpatterns = [
    path("", ping),
    path("reference/signed-in", reference.signed_in),
    path("reference/listed", reference.listed),
    path("reference/rendered", reference.rendered),
]
