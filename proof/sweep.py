"""The sweep: every GET page (from the URL resolver, then every link and GET form found on the
way) and every POST form on them sent back empty, every API operation (from the OpenAPI
document: reads, and writes with an empty and a plausible body) and every email, as each viewer,
searched for every marker that viewer must not see."""

import copy
import html
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import time_machine
from django.core import mail
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, TestCase
from django.urls import NoReverseMatch, get_resolver, reverse

from proof.forms import parse_forms
from proof.world import VIEWERS, World
from proof.world_gatherings import Moment

API_PREFIX = "/api/"
API_SCHEMA = "/api/v1/openapi.json"
MAX_REQUESTS_PER_VIEWER = 1500
# A search for this finds every marker (they all start with it) without the echoed query
# being a marker itself.
PROBE = "zq"
SKIP_PREFIXES = ("/static/", "/media/")
# GET addresses that end the session: visiting them would blind the rest of the sweep.
SESSION_ENDERS = ("/accounts/logout/",)
# Where a viewer can receive a document: a GET page (calendar files linked from pages among
# them), the answer to a page's form posted back empty, an API read, an API write, an email,
# a private calendar feed.
SURFACES = ("page", "form", "api", "api-write", "email", "calendar")


@dataclass
class Finding:
    viewer: str
    surface: str
    where: str
    marker: str
    label: str
    method: str = ""

    def __str__(self) -> str:
        where = f"{self.method} {self.where}" if self.method else self.where
        return f"{self.viewer} saw {self.label} ({self.marker}) in {self.surface} {where}"


@dataclass
class Sweep:
    world: World
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    documents: Counter[tuple[str, str]] = field(default_factory=Counter)
    checks: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    visited: dict[str, set[str]] = field(default_factory=dict)
    # (marker, viewer) pairs where an allowed viewer did see the marker: proof that the sweep
    # looks where the data is, rather than passing over empty pages.
    sightings: set[tuple[str, str]] = field(default_factory=set)
    # "METHOD /template" -> how many calls the sweep made to that API write operation.
    writes: Counter[str] = field(default_factory=Counter)
    # The moment of the sweep (see world_gatherings.Moment): "" for the world as planted.
    moment: str = ""
    # (moment, marker, viewer, surface) where an allowed viewer saw a marker at a later moment.
    moment_sightings: set[tuple[str, str, str, str]] = field(default_factory=set)

    def scan(self, viewer: str, surface: str, where: str, text: str, method: str = "") -> None:
        """Look for every marker in one document the viewer received."""
        lowered = text.lower()
        unlisted: str | None = None
        self.documents[(viewer, surface)] += 1
        for marker in self.world.markers:
            self.checks[(marker.kind, viewer, surface)] += 1
            if marker.value.lower() not in lowered:
                continue
            if marker.listed:
                if unlisted is None:
                    unlisted = re.sub(r"<option\b[^>]*>.*?</option>", "", lowered, flags=re.S)
                if marker.value.lower() not in unlisted:
                    continue
            if marker.allowed(viewer, surface, where, self.moment):
                self.sightings.add((marker.value, viewer))
                if self.moment:
                    self.moment_sightings.add((self.moment, marker.value, viewer, surface))
            else:
                self.findings.append(
                    Finding(viewer, surface, where, marker.value, marker.label, method)
                )

    def fetch(
        self, viewer: str, surface: str, client: Client, method: str, path: str, **kwargs: Any
    ) -> tuple[HttpResponse, str]:
        """One request; its headers and body scanned, a server error noted."""
        response = getattr(client, method)(path, **kwargs)
        body = response.content.decode("utf-8", "replace")
        if response.get("Content-Type", "").startswith("text/calendar"):
            body = unfold(body)
        headers = "\n".join(f"{k}: {v}" for k, v in response.items())
        self.scan(viewer, surface, path, headers + "\n" + body, method.upper())
        if response.status_code >= 500:
            self.errors.append(f"{viewer}: {method.upper()} {path} -> {response.status_code}")
        return response, body

    # --- pages -------------------------------------------------------------------------------

    def client_for(self, viewer: str) -> Client:
        client = Client(raise_request_exception=False)
        if viewer != "anonymous":
            client.force_login(self.world.people[viewer])
        return client

    def sweep_pages(self, viewer: str) -> None:
        client = self.client_for(viewer)
        queue = list(resolver_paths(self.world))
        seen: set[str] = set()
        # Form action -> the CSRF token of the page it was found on.
        post_forms: dict[str, str] = {}
        requests = 0
        while queue and requests < MAX_REQUESTS_PER_VIEWER:
            path = queue.pop(0)
            key = dedupe_key(path)
            if key in seen or skipped(path):
                continue
            seen.add(key)
            requests += 1
            response, body = self.fetch(viewer, "page", client, "get", path)
            location = response.get("Location")
            if location:
                queue.append(local(urljoin(path, location)))
            if "html" in response.get("Content-Type", ""):
                queue.extend(links(path, body))
                for action, token in post_actions(path, body):
                    post_forms.setdefault(dedupe_key(action), token)
        self.visited[viewer] = seen
        # After the reads, so that no post can change what this viewer was shown.
        for action, token in post_forms.items():
            if not skipped(action):
                with rolled_back(client):
                    self.fetch(
                        viewer, "form", client, "post", action, data={"csrfmiddlewaretoken": token}
                    )

    def sweep_feeds(self) -> None:
        """Each private calendar feed, fetched with no session (as a calendar app does) and
        read as its owner's."""
        for owner, paths in self.world.feeds.items():
            for path in paths:
                response, _body = self.fetch(owner, "calendar", Client(), "get", path)
                if response.status_code != 200:
                    self.errors.append(f"{owner}'s feed {path} -> {response.status_code}")

    def sweep_moment(self, moment: Moment) -> None:
        """The clock moved to `moment.at`: its few addresses fetched again as every viewer
        (the API ones with the viewer's token), and every private feed as its owner, with
        the markers' rules for that moment."""
        self.moment = moment.name
        try:
            with time_machine.travel(moment.at, tick=False):
                for viewer in VIEWERS:
                    client = self.client_for(viewer)
                    for path in moment.pages:
                        self.fetch(viewer, "page", client, "get", path)
                    api = Client(raise_request_exception=False)
                    for path in moment.api:
                        self.fetch(viewer, "api", api, "get", path, **self.api_headers(viewer))
                self.sweep_feeds()
        finally:
            self.moment = ""

    # --- API ------------------------------------------------------------------------------------

    @cached_property
    def api_schema(self) -> dict[str, Any]:
        response = Client().get(API_SCHEMA)
        return response.json() if response.status_code == 200 else {}

    def api_headers(self, viewer: str) -> dict[str, str]:
        token = self.world.tokens.get(viewer)
        return {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def sweep_api(self, viewer: str) -> None:
        headers = self.api_headers(viewer)
        client = Client(raise_request_exception=False)
        paths = list(api_paths(self.world, self.api_schema))
        seen: set[str] = set()
        while paths:
            path = paths.pop(0)
            if path in seen:
                continue
            seen.add(path)
            response, body = self.fetch(viewer, "api", client, "get", path, **headers)
            if response.get("Content-Type", "").startswith("application/json"):
                paths.extend(next_links(path, body))
        self.visited.setdefault(viewer, set()).update(seen)

    def sweep_api_writes(self, viewer: str) -> None:
        """Every write operation on every planted object, first with an empty body (a clean 4xx
        where a body is required), then with a plausible one; each call rolled back."""
        headers = self.api_headers(viewer)
        client = Client(raise_request_exception=False)
        for method, template, path, request_body in api_writes(self.world, self.api_schema):
            body_schema = request_body.get("content", {}).get("application/json", {}).get("schema")
            plausible = sample(self.world, self.api_schema, body_schema) if body_schema else None
            for body in ("", json.dumps(plausible)) if body_schema else ("",):
                with rolled_back(client):
                    response, _ = self.fetch(
                        viewer,
                        "api-write",
                        client,
                        method,
                        path,
                        data=body,
                        content_type="application/json",
                        **headers,
                    )
                self.writes[f"{method.upper()} {template}"] += 1
                if request_body.get("required") and not body and response.status_code < 400:
                    self.errors.append(
                        f"{viewer}: {method.upper()} {path} with no body -> {response.status_code}"
                    )

    # --- email ----------------------------------------------------------------------------------

    def sweep_mail(self) -> None:
        for message in mail.outbox:
            recipients = [*message.to, *message.cc, *message.bcc]
            parts = [message.subject, message.body, message.from_email, *message.reply_to]
            parts += [str(content) for content, _type in getattr(message, "alternatives", [])]
            parts += [f"{k}: {v}" for k, v in message.extra_headers.items()]
            parts += recipients
            text = "\n".join(parts)
            for address in recipients:
                viewer = self.world.key_for_email(address)
                self.scan(viewer, "email", message.subject, text)


@contextmanager
def rolled_back(client: Client) -> Iterator[None]:
    """A write undone afterwards, so that every write meets the world as planted, and so does
    every later viewer: a savepoint rolled back, and the client's cookies (a flash message
    about what the write did) put back. What the write queued for after commit (its emails)
    runs first, inside the savepoint, so those emails reach mail.outbox and the email sweep."""
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            yield
        transaction.set_rollback(True)
    client.cookies = cookies


def unfold(text: str) -> str:
    """An iCalendar file with its long lines joined again (RFC 5545, 3.1: a line break
    followed by one space or tab continues the line), so that a marker folded across two
    lines is still found."""
    return re.sub(r"\r?\n[ \t]", "", text)


# --- finding addresses --------------------------------------------------------------------------


def skipped(path: str) -> bool:
    return path.startswith((*SKIP_PREFIXES, API_PREFIX, *SESSION_ENDERS))


def dedupe_key(path: str) -> str:
    """The same page with another `next=` (where to go after logging in) is the same page."""
    return re.sub(r"([?&])next=[^&]*", r"\1next=", path)


def local(url: str) -> str:
    parts = urlsplit(url)
    if parts.netloc and parts.netloc not in ("testserver", "127.0.0.1", "localhost"):
        return "/static/external"  # skipped
    return parts.path + (f"?{parts.query}" if parts.query else "")


def links(base: str, body: str) -> Iterator[str]:
    """Same-site links, and GET forms submitted with the probe in each text field."""
    for href in re.findall(r'href="([^"#]*)', body):
        href = html.unescape(href)
        if href and not href.startswith(("mailto:", "tel:", "javascript:", "data:")):
            yield local(urljoin(base, href))
    for form in parse_forms(body):
        if form.method != "get":
            continue
        action = local(urljoin(base, html.unescape(form.action) or base))
        base_action = action.split("?")[0]
        yield f"{base_action}?{urlencode(form.fields)}"
        for name, kind in form.kinds.items():
            if kind in {"text", "search"}:
                yield f"{base_action}?{urlencode({**form.fields, name: PROBE})}"
            elif kind in {"select", "radio"}:
                for option in form.options.get(name, [])[:12]:
                    yield f"{base_action}?{urlencode({**form.fields, name: option})}"


def post_actions(base: str, body: str) -> Iterator[tuple[str, str]]:
    """Where each POST form on a page sends, with the page's CSRF token."""
    for form in parse_forms(body):
        if form.method == "post":
            action = local(urljoin(base, html.unescape(form.action) or base))
            yield action, form.fields.get("csrfmiddlewaretoken", "")


def next_links(base: str, body: str) -> Iterator[str]:
    try:
        data = json.loads(body)
    except ValueError:
        return
    if isinstance(data, dict):
        for key in ("next", "previous"):
            value = data.get(key)
            if isinstance(value, str) and value:
                yield local(urljoin(base, value))


def candidates(world: World, name: str) -> list[Any]:
    """Values to put in a URL argument called `name`: the planted objects of that kind, and
    one that does not exist."""
    lowered = name.lower()
    if lowered in ("slug", "group_slug") or lowered.endswith("slug"):
        return world.strings["slug"]
    if lowered == "token":
        return world.strings["token"]
    if lowered.endswith("_id") or lowered in ("pk", "id"):
        for kind, ids in world.ids.items():
            if lowered.startswith(kind) or (kind == "member" and lowered.startswith("user")):
                return ids
        # Numbers and UUIDs (the directory's HSDS records) alike.
        return sorted({i for ids in world.ids.values() for i in ids}, key=str)
    return ["x", *world.strings["slug"][:1]]


def resolver_paths(world: World) -> Iterator[str]:
    """Every named page of the URL configuration, with its arguments filled in every planted
    way (the API has its own sweep)."""
    seen: set[str] = set()
    for name, params in named_patterns(get_resolver()):
        if name.startswith("api-v1:"):
            continue
        options = [candidates(world, p) for p in params]
        for combo in itertools.islice(itertools.product(*options), 40):
            try:
                path = reverse(name, kwargs=dict(zip(params, combo, strict=True)))
            except NoReverseMatch:
                continue
            if path not in seen:
                seen.add(path)
                yield path


def named_patterns(resolver: Any, namespace: str = "") -> Iterator[tuple[str, list[str]]]:
    for name in list(resolver.reverse_dict):
        if not isinstance(name, str):
            continue
        for possibilities, _pattern, _defaults, _converters in resolver.reverse_dict.getlist(name):
            for _format, params in possibilities:
                yield namespace + name, list(params)
    for ns, (_prefix, sub) in resolver.namespace_dict.items():
        yield from named_patterns(sub, f"{namespace}{ns}:")


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(method, path template, operation) for every operation of the API."""
    for template, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method, template, operation


def write_operations(schema: dict[str, Any]) -> set[str]:
    return {f"{m.upper()} {t}" for m, t, _op in operations(schema) if m != "get"}


def filled(world: World, template: str, operation: dict[str, Any]) -> Iterator[str]:
    """The operation's path with its parameters filled in every planted way."""
    params = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "path"]
    options = [candidates(world, p) for p in params]
    for combo in itertools.islice(itertools.product(*options), 40):
        path = template
        for name, value in zip(params, combo, strict=True):
            path = path.replace("{" + name + "}", str(value))
        yield path


def api_paths(world: World, schema: dict[str, Any]) -> Iterable[str]:
    """Every GET operation of the API, path parameters filled with planted objects; list
    operations also with the probe in any search parameter."""
    out: list[str] = []
    for method, template, operation in operations(schema):
        if method != "get":
            continue
        search = [
            p["name"]
            for p in operation.get("parameters", [])
            if p.get("in") == "query" and p["name"] in ("q", "query", "search")
        ]
        for path in filled(world, template, operation):
            out.append(path)
            for name in search:
                out.append(f"{path}?{urlencode({name: PROBE})}")
    return out


def api_writes(
    world: World, schema: dict[str, Any]
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(method, template, path, request body description) for every write operation, path
    parameters filled as for the reads."""
    for method, template, operation in operations(schema):
        if method == "get":
            continue
        for path in filled(world, template, operation):
            yield method, template, path, operation.get("requestBody") or {}


def sample(world: World, schema: dict[str, Any], node: dict[str, Any], name: str = "") -> Any:
    """A plain valid value for a JSON schema: the first enum value, the first choice that is
    not null, every property of an object, a short string; a number names the first planted
    object of its kind (`area`: the world's plain area), as a path parameter would."""
    if "$ref" in node:  # "#/components/schemas/MeIn"
        ref = node["$ref"]
        node = schema
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
    if "enum" in node:
        return node["enum"][0]
    for choice in node.get("anyOf", node.get("oneOf", [])):
        if choice.get("type") != "null":
            return sample(world, schema, choice, name)
    kind = node.get("type")
    if kind == "object":
        return {k: sample(world, schema, v, k) for k, v in node.get("properties", {}).items()}
    if kind == "array":
        return [sample(world, schema, node.get("items", {}), name)]
    if kind in ("integer", "number"):
        return candidates(world, f"{name}_id")[0] if name else node.get("minimum", 1)
    if kind == "boolean":
        return True
    if kind == "string":
        return "sam@example.org" if node.get("format") == "email" else "Sam"
    return None


def coverage_report(sweep: Sweep) -> str:
    """Markers x viewers x surfaces: how many documents each viewer received on each surface
    and how many marker checks that makes."""
    kinds = sorted({m.kind for m in sweep.world.markers})
    lines = [
        f"leak sweep: {len(sweep.world.markers)} markers of {len(kinds)} kinds x "
        f"{len(VIEWERS)} viewers x {len(SURFACES)} surfaces",
        "flows: " + "; ".join(sweep.world.flows),
        f"{'viewer':<12}" + "".join(f"{s:>10}" for s in SURFACES),
    ]
    for viewer in VIEWERS:
        lines.append(
            f"{viewer:<12}" + "".join(f"{sweep.documents[(viewer, s)]:>10}" for s in SURFACES)
        )
    operations = write_operations(sweep.api_schema)
    lines.append(
        f"api writes: {sum(sweep.writes.values())} calls to "
        f"{len(operations & set(sweep.writes))} of {len(operations)} write operations"
    )
    lines.append(
        "emails: "
        + "; ".join(
            f"{sweep.world.key_for_email(m.to[0]) if m.to else '?'}: {m.subject}"
            for m in mail.outbox
        )
    )
    total_docs = sum(sweep.documents.values())
    total_checks = sum(sweep.checks.values())
    lines.append(f"documents: {total_docs}; marker checks: {total_checks}")
    by_kind = Counter[str]()
    for (kind, _viewer, _surface), n in sweep.checks.items():
        by_kind[kind] += n
    lines.append("checks by marker kind: " + ", ".join(f"{k} {by_kind[k]}" for k in kinds))
    unseen = [
        (kind, surface)
        for kind in kinds
        for surface in SURFACES
        if not any(sweep.checks[(kind, v, surface)] for v in VIEWERS)
    ]
    if unseen:
        lines.append(f"not covered: {unseen}")
    allowed_pairs = {
        (m.value, v)
        for m in sweep.world.markers
        for v in VIEWERS
        if v == m.owner or v in m.viewers or (m.organiser_area and v == "organiser")
    }
    lines.append(
        f"allowed (marker, viewer) pairs actually seen: {len(sweep.sightings & allowed_pairs)} "
        f"of {len(allowed_pairs)}"
    )
    labels = {m.value: m.label for m in sweep.world.markers}
    never = sorted(f"{v}: {labels[value]}" for value, v in allowed_pairs - sweep.sightings)
    if never:
        lines.append("allowed but never seen: " + "; ".join(never))
    return "\n".join(lines)
