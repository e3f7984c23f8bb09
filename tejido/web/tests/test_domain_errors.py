"""Domain errors are answered once for the pages, by tejido.web.middleware.DomainErrorMiddleware:
a NotFound or NotAllowed that a view lets through is the same 404 page as an address that does
not exist; any other error is its message, in the member's language, back on the page the form
was on, with nothing changed. No view catches NotFound itself: the scan below fails on one."""

import ast
import html
import importlib
import re
from pathlib import Path
from typing import Any, cast

import pytest
from django.urls import reverse

import tejido
from tejido.accounts.factories import UserFactory
from tejido.accounts.models import User
from tejido.audit.models import AuditEntry
from tejido.core.errors import NotAllowed, NotFound
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import GroupMembership
from tejido.web.lookups import or_none

ORGANISER = GroupMembership.Role.ORGANISER

NOT_FOUND = {
    "es": ("Página no encontrada", "Aquí no hay nada, o no está disponible para ti."),
    "en": ("Page not found", "There is nothing here, or it is not available to you."),
}
ONLY_ORGANISER = {
    "es": "Eres la única persona que organiza este grupo.",
    "en": "You are this group's only organiser.",
}
MESSAGES = re.compile(r'<div class="messages" role="status">(.*?)</div>', re.S)


def _shown_messages(page: str) -> str:
    found = MESSAGES.search(page)
    return html.unescape(found.group(1)) if found else ""


# The mapping, through real pages ------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
def test_a_missing_thing_is_the_404_page_of_a_missing_address(
    login, translations, assert_same_answer, language
):
    group = GroupFactory(slug="cine")
    GroupFactory(slug="oculto", listed=False)
    runner = cast(User, UserFactory(language=language))
    GroupMembershipFactory(group=group, user=runner, role=ORGANISER)
    outsider = cast(User, UserFactory())
    client = login(runner)

    missing = client.get("/no-such-address/")
    assert missing.status_code == 404
    page = missing.content.decode()
    assert all(words in page for words in NOT_FOUND[language])
    # A selector's NotFound (no such group, a hidden one), on a page and on a button.
    assert_same_answer(missing, client.get(reverse("group_detail", args=["no-such-group"])))
    assert_same_answer(missing, client.get(reverse("group_detail", args=["oculto"])))
    assert_same_answer(missing, client.post(reverse("group_join", args=["oculto"])))
    # A service's NotFound: naming as organiser someone who is not in the group.
    named = client.post(
        reverse("group_organiser", args=["cine", outsider.pk]), {"decision": "name"}
    )
    assert_same_answer(missing, named)
    assert not GroupMembership.objects.filter(user=outsider).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
def test_a_refusal_is_its_message_back_on_the_page_and_changes_nothing(
    login, translations, language
):
    group = GroupFactory(slug="cine")
    runner = cast(User, UserFactory(language=language))
    GroupMembershipFactory(group=group, user=runner, role=ORGANISER)
    client = login(runner)
    page_url = reverse("group_detail", args=["cine"])
    entries = AuditEntry.objects.count()

    # The group's only organiser may not leave (a Conflict from the service).
    response = client.post(reverse("group_leave", args=["cine"]), HTTP_REFERER=page_url)

    assert response.status_code == 302
    assert response["Location"] == page_url
    shown = _shown_messages(client.get(page_url).content.decode())
    assert ONLY_ORGANISER[language] in shown
    assert GroupMembership.objects.get(user=runner).role == ORGANISER
    assert AuditEntry.objects.count() == entries


@pytest.mark.django_db
def test_a_refusal_goes_back_only_to_a_page_of_this_site(login):
    group = GroupFactory(slug="cine")
    runner = cast(User, UserFactory(language="en"))
    GroupMembershipFactory(group=group, user=runner, role=ORGANISER)
    client = login(runner)
    leave = reverse("group_leave", args=["cine"])

    elsewhere = client.post(leave, HTTP_REFERER="https://elsewhere.example/groups/cine/")
    assert elsewhere["Location"] == reverse("home")
    # Without a Referer (a browser told not to send one) it is the home page, with the message.
    unknown = client.post(leave)
    assert unknown["Location"] == reverse("home")
    assert ONLY_ORGANISER["en"] in _shown_messages(client.get(reverse("home")).content.decode())
    assert GroupMembership.objects.get(user=runner).role == ORGANISER


# The one way a page reads something that may not be there -----------------------------------


def test_or_none_gives_none_for_not_found_and_lets_any_other_error_through():
    def missing() -> int:
        raise NotFound()

    def refused() -> int:
        raise NotAllowed()

    assert or_none(lambda: 7) == 7
    assert or_none(missing) is None
    with pytest.raises(NotAllowed):
        or_none(refused)


# The source: no view catches NotFound -------------------------------------------------------

ROOT = Path(tejido.__file__).resolve().parent
VIEWS = ROOT / "web" / "views"


def view_modules() -> list[Path]:
    return sorted(p for p in VIEWS.glob("*.py") if p.name != "__init__.py")


def _resolve(node: ast.expr, namespace: dict[str, Any]) -> Any:
    """The object an expression like `NotFound` or `errors.NotFound` names in a module."""
    if isinstance(node, ast.Name):
        return namespace.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, namespace)
        return getattr(owner, node.attr, None) if owner is not None else None
    return None


def _catches_not_found(node: ast.expr | None, namespace: dict[str, Any]) -> bool:
    if node is None:
        return False  # a bare `except:` is ruff's business
    if isinstance(node, ast.Tuple):
        return any(_catches_not_found(element, namespace) for element in node.elts)
    caught = _resolve(node, namespace)
    if isinstance(caught, type):
        # NotFound or one of its kinds. A form view catching every DomainError, to show it on
        # the form, is not this.
        return issubclass(caught, NotFound)
    # Not resolvable from the module (a local alias, say): judge by the name.
    return ast.unparse(node).split(".")[-1] == "NotFound"


def not_found_catches(source: str, namespace: dict[str, Any]) -> list[tuple[int, str]]:
    """Where `source` catches NotFound or any of its kinds: `except NotFound`, a tuple with it,
    a subclass such as NoSuchRequest, or contextlib.suppress(NotFound)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ExceptHandler) and _catches_not_found(node.type, namespace):
            found.append((node.lineno, "except " + ast.unparse(cast(ast.expr, node.type))))
        if (
            isinstance(node, ast.Call)
            and ast.unparse(node.func).split(".")[-1] == "suppress"
            and any(_catches_not_found(arg, namespace) for arg in node.args)
        ):
            found.append((node.lineno, ast.unparse(node)))
    return found


def _namespace(path: Path) -> dict[str, Any]:
    module = importlib.import_module(f"tejido.web.views.{path.stem}")
    return vars(module)


def test_the_scan_sees_every_view_module():
    names = {p.name for p in view_modules()}
    assert {"groups.py", "event_sheets.py", "event_hosting.py", "films.py"} <= names
    assert len(names) > 25


@pytest.mark.parametrize(
    "source",
    [
        "try:\n    x()\nexcept NotFound:\n    pass\n",
        "try:\n    x()\nexcept (ValueError, NotFound) as error:\n    pass\n",
        "try:\n    x()\nexcept errors.NotFound:\n    pass\n",
        "try:\n    x()\nexcept NoSuchRequest:\n    pass\n",
        "try:\n    x()\nexcept DomainError:\n    pass\n",
        "with suppress(NotFound):\n    x()\n",
    ],
)
def test_the_scan_finds_each_way_of_catching_not_found(source):
    from tejido.core import errors
    from tejido.core.errors import DomainError
    from tejido.groups.services import NoSuchRequest

    namespace = {
        "NotFound": NotFound,
        "errors": errors,
        "NoSuchRequest": NoSuchRequest,
        "DomainError": DomainError,
    }
    if "DomainError" in source:
        # A form view catches every domain error to show it on the form: that is allowed.
        assert not_found_catches(source, namespace) == []
    else:
        assert len(not_found_catches(source, namespace)) == 1


def test_no_view_catches_not_found():
    offences = []
    for path in view_modules():
        namespace = _namespace(path)
        for line, what in not_found_catches(path.read_text(encoding="utf-8"), namespace):
            offences.append(f"tejido/{path.relative_to(ROOT).as_posix()}:{line}: {what}")
    assert not offences, (
        "A view lets NotFound through: tejido.web.middleware answers it with the 404 page, the "
        "same as for an address that does not exist. Where the page shows something else when a "
        "thing is not there, read it with tejido.web.lookups.or_none:\n  " + "\n  ".join(offences)
    )


def test_or_none_is_given_only_reads():
    """`or_none` turns a selector's NotFound into None; wrapped round a service it would hide
    a refusal that the person must see."""
    offences = []
    for path in view_modules():
        namespace = _namespace(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and ast.unparse(node.func) == "or_none"):
                continue
            read = node.args[0] if node.args else None
            body = read.body if isinstance(read, ast.Lambda) else None
            target = _resolve(body.func, namespace) if isinstance(body, ast.Call) else None
            module = getattr(target, "__module__", "") or ""
            if not module.endswith("selectors"):
                offences.append(
                    f"tejido/{path.relative_to(ROOT).as_posix()}:{node.lineno}: "
                    + ast.unparse(node)
                )
                continue
            for call in ast.walk(cast(ast.Call, body)):
                inner = _resolve(call.func, namespace) if isinstance(call, ast.Call) else None
                if "services" in (getattr(inner, "__module__", "") or ""):
                    offences.append(
                        f"tejido/{path.relative_to(ROOT).as_posix()}:{call.lineno}: "
                        + ast.unparse(call)
                    )
    assert not offences, (
        "or_none takes a lambda calling a selector (a read), never a service:\n  "
        + "\n  ".join(offences)
    )


@pytest.mark.parametrize("error", [NotFound(), NotAllowed()])
def test_a_form_shows_no_not_found_it_goes_on_to_the_404_page(error):
    from django import forms

    from tejido.web.forms.errors import add_domain_error

    form = forms.Form(data={})
    form.is_valid()
    with pytest.raises(type(error)):
        add_domain_error(form, error)
    assert not form.errors
