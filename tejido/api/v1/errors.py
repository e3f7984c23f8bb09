"""Every answer of the API is JSON in one shape, `{"code", "message", "detail"}`, with the
message in the member's language. A missing thing and a forbidden one give the same 404; an
unexpected failure gives a bare 500 and is logged, never shown."""

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from tejido.core.errors import DomainError, NotAllowed, NotFound

logger = logging.getLogger("tejido.api")

UNAUTHENTICATED = _("Send a valid personal access token: Authorization: Bearer <token>.")
INVALID = _("Some of what you sent is not valid. Nothing was changed.")
MALFORMED = _("The request body must be a JSON object. Nothing was changed.")
NOT_ALLOWED_METHOD = _("This method is not allowed here.")
SERVER_ERROR = _("Something went wrong on our side. Please try again later.")


def error_body(code: str, message: Any, detail: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": str(message), "detail": detail or {}}


def not_found_body() -> dict[str, Any]:
    return error_body(NotFound.code, NotFound.message)


def json_error(status: int, body: dict[str, Any]) -> JsonResponse:
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    """`("body", "payload", "pronouns")` → `"pronouns"`; `("query", "limit")` → `"limit"`."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or "body"


def validation_detail(errors: list[dict[str, Any]]) -> dict[str, Any]:
    detail: dict[str, Any] = {}
    for error in errors:
        detail.setdefault(_field_name(error.get("loc", ())), str(error.get("type", "invalid")))
    return detail


def install(api: NinjaAPI) -> None:
    """Replace ninja's default handlers (plain text tracebacks in DEBUG, Django's HTML pages
    otherwise) with ours."""

    def respond(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        # Missing and forbidden look alike. A 403 that is not about permission (a code of
        # conduct still to accept) keeps its status and says why.
        if exc.status == 404 or isinstance(exc, NotAllowed):
            return respond(request, 404, not_found_body())
        return respond(request, exc.status, error_body(exc.code, exc.message, exc.detail))

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(request, 422, error_body("invalid", INVALID, validation_detail(exc.errors)))

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(request, 401, error_body("unauthenticated", UNAUTHENTICATED))
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            return respond(request, 400, error_body("malformed", MALFORMED))
        if exc.status_code in (403, 404):
            return respond(request, 404, not_found_body())
        logger.error("Unexpected HTTP error %s in the API", exc.status_code)
        return respond(request, 500, error_body("server_error", SERVER_ERROR))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, not_found_body())

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 404, not_found_body())

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.error(
            "Unhandled error in API operation %s %s",
            request.method,
            request.path,
            exc_info=(type(exc), exc, exc.__traceback__),
        )
        return respond(request, 500, error_body("server_error", SERVER_ERROR))


def json_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any address under the API that names no operation."""
    return json_error(404, not_found_body())


def json_method_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """ninja answers a method an address does not support with a bare 405; make it JSON."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allow = response.get("Allow", "")
            response = json_error(405, error_body("method_not_allowed", NOT_ALLOWED_METHOD))
            if allow:
                response["Allow"] = allow
        return response

    return wrapper
