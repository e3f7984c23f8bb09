"""The JSON API under /api/v1/. Every answer here is JSON, including addresses that name no
operation and methods an address does not support."""

from django.urls import URLPattern, include, path, re_path

from tejido.api.v1.api import api
from tejido.api.v1.errors import json_method_errors, json_not_found

_patterns, _app_name, _namespace = api.urls

urlpatterns = [
    # ninja's root view only hints at the (disabled) docs page.
    path("", json_not_found),
    path(
        "",
        include(
            (
                [
                    URLPattern(p.pattern, json_method_errors(p.callback), p.default_args, p.name)
                    if isinstance(p, URLPattern)
                    else p
                    for p in _patterns
                ],
                _app_name,
            ),
            namespace=_namespace,
        ),
    ),
    re_path(r"^.*$", json_not_found),
]
