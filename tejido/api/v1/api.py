"""The JSON API, version 1: `/api/v1/`, with its OpenAPI document at `/api/v1/openapi.json`.

The interactive documentation page is off: it loads scripts from a CDN, which Tejido forbids.
"""

from typing import TYPE_CHECKING

from ninja import NinjaAPI

from tejido.api.v1 import applications, errors, groups, me, members, reports, tokens
from tejido.api.v1.auth import TokenAuth
from tejido.api.v1.schemas import ObjectParser

if TYPE_CHECKING:
    from ninja.operation import Operation

DESCRIPTION = """\
Tejido's JSON API for members. Every operation needs a personal access token, made on your
profile's token page and sent as `Authorization: Bearer <token>`; only vetted members in good
standing can use one. When the network publishes a new code of conduct, every operation answers
403 `conduct_not_accepted` until you accept it on the website; after many wrong tokens from one
address, every request from it gets 429 `too_many_attempts` for a few minutes. You see exactly
what you would see on the pages: a profile field you may not see is absent from the answer, and
something missing or hidden from you is a 404 alike. Errors are JSON
`{"code", "message", "detail"}`, the message in your language.
"""


class TejidoAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: "Operation") -> str:
        # Short, stable ids (`get_me`, `join_group`): each operation's function name is unique.
        return str(operation.view_func.__name__)


api = TejidoAPI(
    title="Tejido API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    parser=ObjectParser(),
    docs_url=None,
    urls_namespace="api-v1",
)
errors.install(api)

api.add_router("", me.router)
api.add_router("", members.router)
api.add_router("", groups.router)
api.add_router("", applications.router)
api.add_router("", reports.router)
api.add_router("", tokens.router)
