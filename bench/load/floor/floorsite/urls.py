from django.http import HttpRequest, JsonResponse
from django.urls import path


def ping(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True, "service": "floor"})


urlpatterns = [path("", ping)]
