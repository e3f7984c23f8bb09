"""Small checks every membership service shares: who may act, and the shape of text input."""

from typing import Any

from django.utils.translation import gettext

from tejido.access.base import AnyUser
from tejido.access.network import can_manage_network
from tejido.accounts.models import User
from tejido.core.errors import InvalidInput, NotAllowed


def require_organiser(actor: AnyUser | None) -> User:
    """The actor, if they may manage the network; NotAllowed otherwise."""
    if not can_manage_network(actor):
        raise NotAllowed()
    assert isinstance(actor, User)
    return actor


def clean_text(value: Any, *, field: str, max_length: int, required: bool) -> str:
    """Stripped text, or InvalidInput naming `field` with a translated message."""
    text = str(value or "").strip()
    if required and not text:
        raise InvalidInput(detail={field: gettext("This field is required.")})
    if len(text) > max_length:
        raise InvalidInput(
            detail={
                field: gettext("Please keep this under %(max)d characters.") % {"max": max_length}
            }
        )
    return text


def clean_texts(specs: dict[str, tuple[Any, int, bool]]) -> dict[str, str]:
    """Several fields at once, `{field: (value, max_length, required)}`; every error is
    reported together."""
    values: dict[str, str] = {}
    errors: dict[str, Any] = {}
    for field, (value, max_length, required) in specs.items():
        try:
            values[field] = clean_text(value, field=field, max_length=max_length, required=required)
        except InvalidInput as error:
            errors.update(error.detail)
    if errors:
        raise InvalidInput(detail=errors)
    return values
