"""Views and API operations never touch the ORM themselves: every read goes through a
selector and every write through a service, where the access policy is applied. A `.objects.`
in tejido/web or tejido/api (outside tests) means a query that skipped that policy."""

import re
from pathlib import Path

import tejido

ROOT = Path(tejido.__file__).resolve().parent
LAYERS = ("web", "api")
ORM = re.compile(r"\.objects\.")


def interface_modules() -> list[Path]:
    files = []
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "tests" in relative.parts or path.name in {"conftest.py"}:
                continue
            files.append(path)
    return files


def test_the_scan_sees_the_interface_layers():
    names = {p.relative_to(ROOT).as_posix() for p in interface_modules()}
    assert "web/urls.py" in names
    assert "web/views/notices.py" in names
    assert "api/urls.py" in names
    assert not any("/tests/" in name for name in names)


def test_views_and_api_never_use_the_orm_directly():
    offences = []
    for path in interface_modules():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ORM.search(line):
                offences.append(
                    f"tejido/{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()}"
                )
    assert not offences, (
        "Views and API operations must not query models themselves; call a selector (reads) or "
        "a service (writes) in the domain app instead:\n  " + "\n  ".join(offences)
    )
