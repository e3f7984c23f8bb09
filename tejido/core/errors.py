"""Domain errors: named for the domain, each with a stable code and a translatable message.

Every interface maps them once: the web to form errors or a page, the API to
{"code", "message", "detail"}.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "error"
    message: Any = _("Something went wrong.")
    status = 400

    def __init__(self, message: Any = None, *, detail: dict[str, Any] | None = None) -> None:
        if message is not None:
            self.message = message
        self.detail = detail or {}
        super().__init__(str(self.message))


class NotFound(DomainError):
    """Raised alike for a missing object and one the viewer may not see."""

    code = "not_found"
    message = _("Not found.")
    status = 404


class NotAllowed(DomainError):
    code = "not_allowed"
    message = _("You are not allowed to do that.")
    status = 403


class InvalidInput(DomainError):
    code = "invalid"
    message = _("Please correct the errors below.")
    status = 400


class Conflict(DomainError):
    code = "conflict"
    message = _("That conflicts with the current state; reload and try again.")
    status = 409
