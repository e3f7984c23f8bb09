"""What every page of the organiser area shares: the guard (anyone who may not manage the
network gets the same 404 as for a page that does not exist) and the message after an action.
A domain error an action lets through is answered by tejido.web.middleware."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from tejido.access.network import can_manage_network

View = Callable[..., HttpResponse]


def organisers_only(view: View) -> View:
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage_network(request.user):
            raise Http404()
        return view(request, *args, **kwargs)

    return guarded


def page_number(request: HttpRequest) -> str:
    return request.GET.get("page", "1")[:6]


def done(request: HttpRequest, text: str, to: str, *args: Any) -> HttpResponse:
    messages.success(request, text)
    return redirect(to, *args)
