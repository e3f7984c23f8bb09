"""The good-standing rule exists once (issue 9): tejido/access/base.py says who is a vetted
member in good standing, `is_vetted` for a person in hand and `in_good_standing` for a query.
Anywhere else, a comparison with or a filter on the member state is a second copy of the rule,
one that the next change to it (a new standing, a grace period) would miss.

Setting a state is no copy: models, migrations, factories, the demo and the tests define and
set states, and services may assign one (`person.state = User.State.MEMBER`), make a user in
it (`create_user(..., state=...)`, `User(state=...)`, `.update(state=...)`) or name a set of
states as a constant (`MANAGED_STATES = (...)`)."""

import ast
from pathlib import Path

import tejido

ROOT = Path(tejido.__file__).resolve().parent
HOME = "access/base.py"
# Where states are defined or set rather than decided (bench/ lives outside the package).
SKIPPED_DIRS = frozenset({"migrations", "tests", "demo", "models"})
SKIPPED_FILES = frozenset({"models.py", "factories.py", "conftest.py"})
MEMBER_STATE = frozenset({"User.State.MEMBER", "UserState.MEMBER"})
# Calls whose `state=` sets the state of the user they make or change.
WRITERS = frozenset({"User", "create", "create_user", "update"})


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _is_member_state(node: ast.AST) -> bool:
    if not isinstance(node, ast.Attribute):
        return False
    name = _dotted(node)
    return name in MEMBER_STATE or name.endswith(".User.State.MEMBER")


def _sets_a_state(target: ast.expr) -> bool:
    return (isinstance(target, ast.Attribute) and target.attr == "state") or (
        isinstance(target, ast.Name) and target.id == "state"
    )


def _allowed(tree: ast.Module) -> set[int]:
    """The ids of the member-state references that set a state or name a set of them."""
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            if value is None:
                continue
            if _is_member_state(value) and all(_sets_a_state(t) for t in targets):
                allowed.add(id(value))
            if isinstance(value, ast.Tuple | ast.List | ast.Set) and all(
                isinstance(t, ast.Name) and t.id.isupper() for t in targets
            ):
                allowed.update(id(e) for e in value.elts if _is_member_state(e))
        elif isinstance(node, ast.Call) and _dotted(node.func).split(".")[-1] in WRITERS:
            allowed.update(
                id(k.value) for k in node.keywords if k.arg == "state" and _is_member_state(k.value)
            )
    return allowed


def copies_of_the_rule(source: str, name: str = "<source>") -> list[str]:
    """Each line of `source` that decides standing by itself: `name:line: code`."""
    tree = ast.parse(source)
    allowed = _allowed(tree)
    lines = source.splitlines()
    copied = sorted(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and ((_is_member_state(node) and id(node) not in allowed) or node.attr == "is_member")
    )
    return [f"{name}:{line}: {lines[line - 1].strip()}" for line in copied]


def scanned_modules() -> list[Path]:
    files = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.as_posix() == HOME or path.name in SKIPPED_FILES:
            continue
        if SKIPPED_DIRS.intersection(relative.parts[:-1]):
            continue
        files.append(path)
    return files


def test_the_scan_sees_every_layer_but_where_states_are_set():
    names = {p.relative_to(ROOT).as_posix() for p in scanned_modules()}
    for expected in (
        "access/members.py",
        "checkins/services.py",
        "membership/member_services.py",
        "web/checkins_activity.py",
        "api/v1/reports.py",
    ):
        assert expected in names
    assert HOME not in names
    assert "accounts/models.py" not in names
    assert "aid/models/board.py" not in names
    assert "accounts/factories.py" not in names
    assert not any(part in name for name in names for part in ("/tests/", "/migrations/"))
    assert not any(name.startswith("demo/") for name in names)


def test_the_scan_finds_comparisons_and_filters_on_the_member_state():
    source = "\n".join(
        (
            "a = person.state == User.State.MEMBER",
            "b = User.State.MEMBER != person.state",
            "c = User.objects.filter(state=User.State.MEMBER)",
            "d = Place.objects.filter(user__state=User.State.MEMBER)",
            'e = Q(**{f"{field}__state": User.State.MEMBER})',
            "f = User.objects.exclude(state=accounts.User.State.MEMBER)",
            "g = person.state in (User.State.MEMBER, User.State.SUSPENDED)",
            "h = person.is_member",
            "i = UserState.MEMBER == person.state",
        )
    )
    found = copies_of_the_rule(source)
    assert [line.split(":")[1] for line in found] == [str(n) for n in range(1, 10)]


def test_the_scan_lets_states_be_set_and_named():
    source = "\n".join(
        (
            "person.state = User.State.MEMBER",
            "state = User.State.MEMBER",
            "state: str = User.State.MEMBER",
            "User.objects.create_user(address, state=User.State.MEMBER)",
            "User(pk=1, state=User.State.MEMBER)",
            "User.objects.filter(pk=1).update(state=User.State.MEMBER)",
            "MANAGED = (User.State.MEMBER, User.State.SUSPENDED)",
            "x: int",
            "Place.objects.filter(state=PlaceState.MEMBER)",
            "person.state == User.State.SUSPENDED",
        )
    )
    assert copies_of_the_rule(source) == []


def test_standing_is_decided_only_in_access_base():
    offences = []
    for path in scanned_modules():
        name = f"tejido/{path.relative_to(ROOT).as_posix()}"
        offences += copies_of_the_rule(path.read_text(encoding="utf-8"), name)
    assert not offences, (
        "Who is a vetted member in good standing is decided in tejido/access/base.py only: "
        "use is_vetted(person) for a person, in_good_standing(prefix) in a query:\n  "
        + "\n  ".join(offences)
    )
