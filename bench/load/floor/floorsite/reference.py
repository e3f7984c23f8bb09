"""Reference pages: the smallest signed-in pages Django itself can serve, one step each.

The throughput goal is a ratio to the floor. These pages show where plain Django lands on that
ratio before any of Tejido's work: the session and the signed-in user (every member's page
needs both), then one query of twenty people, then those people in a small template.
"""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

LISTED = 20


def _people() -> list[User]:
    return list(User.objects.filter(is_active=True).order_by("username")[:LISTED])


@login_required
def signed_in(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"user": request.user.pk})


@login_required
def listed(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"people": [person.username for person in _people()]})


@login_required
def rendered(request: HttpRequest) -> HttpResponse:
    return render(request, "reference.html", {"people": _people()})
