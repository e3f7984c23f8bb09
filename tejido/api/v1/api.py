"""The JSON API, version 1: `/api/v1/`, with its OpenAPI document at `/api/v1/openapi.json`.

The interactive documentation page is off: it loads scripts from a CDN, which Tejido forbids.
"""

import json
import re
from typing import TYPE_CHECKING, Any

from django.conf import settings
from ninja import NinjaAPI

from tejido.api.v1 import (
    aid,
    aid_matches,
    aid_mine,
    applications,
    buddies,
    calendar_feed,
    checkins,
    circle_sessions,
    circles,
    directory,
    errors,
    event_sheets,
    events,
    films,
    groups,
    me,
    members,
    professionals,
    reports,
    tokens,
)
from tejido.api.v1.auth import TokenAuth
from tejido.api.v1.schemas import ObjectParser

if TYPE_CHECKING:
    from ninja.openapi.schema import OpenAPISchema
    from ninja.operation import Operation

SCHEMA_REFERENCE = re.compile(r'"#/components/schemas/([^"]+)"')

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

    def get_openapi_schema(self, **kwargs: Any) -> "OpenAPISchema":
        document = super().get_openapi_schema(**kwargs)
        _drop_unreferenced_schemas(document)
        return document


def _drop_unreferenced_schemas(document: dict[str, Any]) -> None:
    """ninja writes out the fields of a query model (`filters: Query[MemberFilters]`) as
    separate parameters, and also files the model under components, where nothing refers to it.
    pydantic always writes a nested model as a reference, so no shape of ours avoids that: keep
    only the schemas that the rest of the document reaches."""
    schemas = document["components"].get("schemas", {})
    rest = {key: value for key, value in document.items() if key != "components"}
    rest["components"] = {k: v for k, v in document["components"].items() if k != "schemas"}
    pending = set(SCHEMA_REFERENCE.findall(json.dumps(rest)))
    reached: set[str] = set()
    while pending:
        name = pending.pop()
        if name not in reached and name in schemas:
            reached.add(name)
            pending |= set(SCHEMA_REFERENCE.findall(json.dumps(schemas[name])))
    for name in set(schemas) - reached:
        del schemas[name]


api = TejidoAPI(
    title="Tejido API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    parser=ObjectParser(),
    docs_url=None,
    urls_namespace="api-v1",
    # The paths in the document are absolute (/api/v1/...): the server is the site itself.
    servers=[{"url": settings.SITE_URL, "description": "This network"}],
    openapi_extra={
        "info": {
            "license": {
                "name": "GNU Affero General Public License v3.0 or later",
                "identifier": "AGPL-3.0-or-later",
            }
        }
    },
)
errors.install(api)

api.add_router("", me.router)
api.add_router("", members.router)
api.add_router("", groups.router)
api.add_router("", applications.router)
api.add_router("", events.router)
api.add_router("", reports.router)
api.add_router("", tokens.router)
api.add_router("", films.router)
api.add_router("", event_sheets.router)
api.add_router("", calendar_feed.router)
api.add_router("", aid.router)
api.add_router("", aid_matches.router)
api.add_router("", aid_mine.router)
api.add_router("", directory.router)

api.add_router("", circles.router)
api.add_router("", circle_sessions.router)
api.add_router("", buddies.router)
api.add_router("", checkins.router)
api.add_router("", professionals.router)
