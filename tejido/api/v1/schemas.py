"""Shapes shared by every operation: the error body, text inputs, and the error responses each
operation declares so the OpenAPI document tells the truth."""

from collections.abc import Callable
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Schema
from ninja.errors import ValidationError
from ninja.parser import Parser
from pydantic import ConfigDict, Field, ValidationInfo, model_validator

from tejido.core.paging import ListPage


class ErrorOut(Schema):
    """Every error: a stable code, a message in the member's language, and details by field."""

    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["Not found."])
    detail: dict[str, Any] = Field(default_factory=dict)


class ObjectParser(Parser):
    """Request bodies are JSON objects (`null` counts as no body); anything else, such as a
    list or a string, is malformed rather than silently read as an empty object."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any] | None:  # type: ignore[override]
        data = super().parse_body(request)
        if data is not None and not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        return data


class InputSchema(Schema):
    """An input shape: a field it does not know is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class QuerySchema(InputSchema):
    """The query parameters of an operation. ninja drops parameters it does not know before
    validation, so they are checked against the request here: `?limt=5` is a 422 rather than
    a page of 20 that looks right."""

    @model_validator(mode="before")
    @classmethod
    def _no_unknown_parameters(cls, data: Any, info: ValidationInfo) -> Any:
        request = (info.context or {}).get("request")
        if request is not None:
            unknown = sorted(set(request.GET) - set(cls.model_fields))
            if unknown:
                # Raised as ninja's own error so it is answered like any other bad input.
                raise ValidationError(
                    [{"loc": ("query", name), "type": "extra_forbidden"} for name in unknown]
                )
        return data


# Text from a client: no NUL characters (PostgreSQL refuses them). A pattern, so that the
# OpenAPI document says so too.
Text = Annotated[str, Field(pattern=r"^[^\x00]*$")]

# Database ids: outside this range a lookup could overflow instead of finding nothing.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]

# Pagination bounds shared by list operations.
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 2**31

# Error responses, by the kind of operation. Every operation needs a token (401, or 429 after
# too many wrong ones) from a member who accepted the current code of conduct (403), may name
# something missing or hidden (404) and checks its input's shape (422); writes can also meet a
# malformed body or a rule of the domain (400) and a conflicting state (409).
READ_ERRORS: dict[int, type[Schema]] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}
WRITE_ERRORS: dict[int, type[Schema]] = {**READ_ERRORS, 400: ErrorOut, 409: ErrorOut}


def responses(ok: Any, errors: dict[int, type[Schema]] = READ_ERRORS, status: int = 200) -> dict:
    """The `response=` of an operation: its success shape and the errors it may answer with."""
    return {status: ok, **errors}


class Window(QuerySchema):
    """Which slice of a long list: `limit` items from `offset`."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class PageOut(Schema):
    """A slice of a long list: its items (in each list's own `items`) and where it sits."""

    count: int = Field(description="How many there are in all, on every page.")
    limit: int
    offset: int


class NumberedPageOut(Schema):
    """One page of a list paged by number (its items in each list's own `items`)."""

    count: int
    page: int
    num_pages: int


class PageQuery(QuerySchema):
    """Which page of a list paged by number."""

    page: int = Field(1, ge=1, le=MAX_OFFSET, description="Past the last page, the last page.")


def numbered_page[T](page: ListPage[T], shape: Callable[[T], Any]) -> dict[str, Any]:
    """A selector's page as a NumberedPageOut, each item passed through `shape`."""
    return {
        "items": [shape(item) for item in page.items],
        "count": page.count,
        "page": page.number,
        "num_pages": page.num_pages,
    }
