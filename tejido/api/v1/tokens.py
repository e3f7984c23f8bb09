"""The member's own personal access tokens. New tokens are made on the web page only, where the
secret can be shown once after a fresh login."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Path, Router, Schema
from ninja.responses import Status

from tejido.accounts.tokens import list_tokens, revoke_token
from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import READ_ERRORS, WRITE_ERRORS, Id, responses

router = Router(tags=["tokens"])


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None


@router.get("/tokens", response=responses(list[TokenOut], READ_ERRORS), summary="My tokens")
def get_tokens(request: HttpRequest) -> object:
    """Your tokens that still work, newest first. The secret itself is never shown again."""
    return list_tokens(viewer=actor(request))


@router.delete(
    "/tokens/{token_id}",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="Revoke one of my tokens",
)
def delete_token(request: HttpRequest, token_id: Path[Id]) -> object:
    """Revoke the token at once. Revoking the token this request uses is allowed."""
    revoke_token(actor=actor(request), token_id=token_id)
    return Status(204, None)
