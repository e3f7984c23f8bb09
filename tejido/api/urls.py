"""The JSON API under /api/v1/. Every answer here is JSON, including addresses that name no
operation and methods an address does not support."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, include, path, re_path
from ninja import NinjaAPI

from tejido.api.v1.api import api
from tejido.api.v1.errors import json_method_errors, json_not_found


def head_as_get(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja knows no HEAD; RFC 9110 wants it wherever GET works: answer it as GET (the server
    sends the headers alone, as it does for Django's own views)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "HEAD":
            return view(request, *args, **kwargs)
        request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"

    return wrapper


def mounted(ninja_api: NinjaAPI, *, root: bool = False) -> list[Any]:
    """An API's addresses, each answering HEAD and wrong methods in JSON, and any other
    address under it a JSON 404. `root`: the API has an operation at its root (else ninja's
    root view, which only hints at the disabled docs page, is a 404)."""
    patterns, app_name, namespace = ninja_api.urls
    wrapped = [
        URLPattern(p.pattern, json_method_errors(head_as_get(p.callback)), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in patterns
    ]
    return [
        *([] if root else [path("", json_not_found)]),
        path("", include((wrapped, app_name), namespace=namespace)),
        re_path(r"^.*$", json_not_found),
    ]


urlpatterns = mounted(api)
