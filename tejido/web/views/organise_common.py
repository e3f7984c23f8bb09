"""What every page of the organiser area shares: the guard (anyone who may not manage the
network gets the same 404 as for a page that does not exist) and the way a domain error
turns into a message."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from tejido.access.network import can_manage_network
from tejido.core.errors import DomainError, InvalidInput, NotFound

View = Callable[..., HttpResponse]


def organisers_only(view: View) -> View:
    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage_network(request.user):
            raise Http404()
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404() from error

    return guarded


def page_number(request: HttpRequest) -> str:
    return request.GET.get("page", "1")[:6]


def done(request: HttpRequest, text: str, to: str, *args: Any) -> HttpResponse:
    messages.success(request, text)
    return redirect(to, *args)


def failed(request: HttpRequest, error: DomainError, to: str, *args: Any) -> HttpResponse:
    """An action without a form of its own failed: say why, and go back."""
    if isinstance(error, InvalidInput) and error.detail:
        for message in error.detail.values():
            messages.error(request, str(message))
    else:
        messages.error(request, str(error.message))
    return redirect(to, *args)
