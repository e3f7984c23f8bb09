"""The sweep: every GET page (from the URL resolver, then every link and GET form found on the
way), every API GET operation (from the OpenAPI document) and every email, as each viewer,
searched for every marker that viewer must not see."""

import html
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse

from proof.forms import parse_forms
from proof.world import VIEWERS, World

API_PREFIX = "/api/"
API_SCHEMA = "/api/v1/openapi.json"
MAX_REQUESTS_PER_VIEWER = 900
# A search for this finds every marker (they all start with it) without the echoed query
# being a marker itself.
PROBE = "zq"
SKIP_PREFIXES = ("/static/", "/media/")
# GET addresses that end the session: visiting them would blind the rest of the sweep.
SESSION_ENDERS = ("/accounts/logout/",)


@dataclass
class Finding:
    viewer: str
    surface: str
    where: str
    marker: str
    label: str

    def __str__(self) -> str:
        return f"{self.viewer} saw {self.label} ({self.marker}) in {self.surface} {self.where}"


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

    def scan(self, viewer: str, surface: str, where: str, text: str) -> None:
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
            if marker.allowed(viewer, surface, where):
                self.sightings.add((marker.value, viewer))
            else:
                self.findings.append(Finding(viewer, surface, where, marker.value, marker.label))

    # --- pages -------------------------------------------------------------------------------

    def client_for(self, viewer: str) -> Client:
        client = Client(raise_request_exception=False)
        if viewer != "anonymous":
            client.force_login(
                self.world.people[viewer],
                backend="allauth.account.auth_backends.AuthenticationBackend",
            )
        return client

    def sweep_pages(self, viewer: str) -> None:
        client = self.client_for(viewer)
        queue = list(resolver_paths(self.world))
        seen: set[str] = set()
        requests = 0
        while queue and requests < MAX_REQUESTS_PER_VIEWER:
            path = queue.pop(0)
            key = dedupe_key(path)
            if key in seen or path.startswith((*SKIP_PREFIXES, API_PREFIX, *SESSION_ENDERS)):
                continue
            seen.add(key)
            requests += 1
            response = client.get(path)
            body = response.content.decode("utf-8", "replace")
            headers = "\n".join(f"{k}: {v}" for k, v in response.items())
            self.scan(viewer, "page", path, headers + "\n" + body)
            if response.status_code >= 500:
                self.errors.append(f"{viewer}: GET {path} -> {response.status_code}")
            location = response.get("Location")
            if location:
                queue.append(local(urljoin(path, location)))
            if "html" in response.get("Content-Type", ""):
                queue.extend(links(path, body))
        self.visited[viewer] = seen

    # --- API ------------------------------------------------------------------------------------

    def sweep_api(self, viewer: str) -> None:
        schema_response = Client().get(API_SCHEMA)
        if schema_response.status_code != 200:
            return
        schema = schema_response.json()
        token = self.world.tokens.get(viewer)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        client = Client(raise_request_exception=False)
        paths = list(api_paths(self.world, schema))
        seen: set[str] = set()
        while paths:
            path = paths.pop(0)
            if path in seen:
                continue
            seen.add(path)
            response = client.get(path, **headers)
            body = response.content.decode("utf-8", "replace")
            self.scan(
                viewer, "api", path, "\n".join(f"{k}: {v}" for k, v in response.items()) + body
            )
            if response.status_code >= 500:
                self.errors.append(f"{viewer}: GET {path} -> {response.status_code}")
            if response.get("Content-Type", "").startswith("application/json"):
                paths.extend(next_links(path, body))
        self.visited.setdefault(viewer, set()).update(seen)

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


# --- finding addresses --------------------------------------------------------------------------


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
        return sorted({i for ids in world.ids.values() for i in ids})
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


def api_paths(world: World, schema: dict[str, Any]) -> Iterable[str]:
    """Every GET operation of the API, path parameters filled with planted objects; list
    operations also with the probe in any search parameter."""
    out: list[str] = []
    for template, operations in schema.get("paths", {}).items():
        operation = operations.get("get")
        if not operation:
            continue
        params = operation.get("parameters", [])
        path_params = [p["name"] for p in params if p.get("in") == "path"]
        search = [
            p["name"]
            for p in params
            if p.get("in") == "query" and p["name"] in ("q", "query", "search")
        ]
        options = [candidates(world, p) for p in path_params]
        for combo in itertools.islice(itertools.product(*options), 40):
            path = template
            for name, value in zip(path_params, combo, strict=True):
                path = path.replace("{" + name + "}", str(value))
            out.append(path)
            for name in search:
                out.append(f"{path}?{urlencode({name: PROBE})}")
    return out


def coverage_report(sweep: Sweep) -> str:
    """Markers x viewers x surfaces: how many documents each viewer received on each surface
    and how many marker checks that makes."""
    kinds = sorted({m.kind for m in sweep.world.markers})
    lines = [
        f"leak sweep: {len(sweep.world.markers)} markers of {len(kinds)} kinds x "
        f"{len(VIEWERS)} viewers x 3 surfaces",
        "flows: " + "; ".join(sweep.world.flows),
        f"{'viewer':<12}{'pages':>8}{'api':>8}{'email':>8}",
    ]
    for viewer in VIEWERS:
        lines.append(
            f"{viewer:<12}"
            + "".join(f"{sweep.documents[(viewer, s)]:>8}" for s in ("page", "api", "email"))
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
        for surface in ("page", "api", "email")
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
