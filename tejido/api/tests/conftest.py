"""Calling the API as a member: `api(user).get("/me")` sends that member's fresh token."""

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tejido.accounts.tokens import create_token

BASE = "/api/v1"


@dataclass
class ApiClient:
    token: str | None
    client: Client

    def request(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        extra = dict(headers)
        if self.token is not None:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        kwargs: dict[str, Any] = {}
        if method.lower() in ("post", "patch", "put"):
            # Like a real client: no body is an empty body, anything else is sent as JSON.
            if body is None:
                body = ""
            kwargs["data"] = body if isinstance(body, (str, bytes)) else json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method.lower())(BASE + path, **kwargs, **extra)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.request("get", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.request("post", path, body, **kwargs)

    def patch(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.request("patch", path, body, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self.request("delete", path, **kwargs)


@pytest.fixture
def api(db):
    """`api(user)` is a client with a new token of `user`; `api(None)` sends no token;
    `api(token="...")` sends that exact token."""

    def make(user: Any = None, *, token: str | None = None) -> ApiClient:
        if user is not None:
            _, token = create_token(actor=user, name="tests")
        return ApiClient(token=token, client=Client())

    return make


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response is JSON in the one error shape, with this status and code."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert set(body) == {"code", "message", "detail"}
    assert body["code"] == code
    assert isinstance(body["message"], str)
    assert body["message"]
    assert isinstance(body["detail"], dict)
    return body
