#!/usr/bin/env python3
"""Tejido's translation catalogue, without needing GNU gettext to compile it.

    python scripts/catalogue.py compile   every tejido/locale/*/LC_MESSAGES/django.po -> .mo
    python scripts/catalogue.py check     fail on untranslated, fuzzy, broken-placeholder or
                                          missing entries in the Spanish catalogue
    python scripts/catalogue.py merge     rebuild the Spanish catalogue from the source
                                          (makemessages) and fill it from tejido/locale/parts/*.po

`check` and `merge` extract the strings from the source with Django's makemessages, which needs
xgettext (Debian's gettext package). Without it, `check` checks the catalogue's own entries and
says that it skipped the comparison with the source; `merge` cannot run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "tejido" / "locale"
PARTS = LOCALE / "parts"
LANGUAGE = "es"
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

# Never extracted: virtualenvs, browser tests, benchmarks, generated and third-party files.
IGNORED = [
    ".venv",
    "venv",
    "node_modules",
    "e2e",
    "bench",
    "var",
    "scripts",
    "requirements",
    "tests",
    "proof",
]

Key = tuple[str | None, str, str | None]

# printf-style placeholders as Python's % operator reads them: %(name)s, %s, %d, %%.
_PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]+)\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def catalogue_path(language: str = LANGUAGE) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def describe(entry_key: Key) -> str:
    context, msgid, _plural = entry_key
    text = msgid if len(msgid) <= 90 else msgid[:87] + "..."
    return f"[{context}] {text!r}" if context else repr(text)


def is_translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def placeholders(text: str) -> tuple[set[str], int]:
    """Named placeholders, and the number of positional ones, in a printf-style string."""
    named: set[str] = set()
    positional = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.group(0) == "%%":
            continue
        if match.group("name"):
            named.add(match.group("name"))
        else:
            positional += 1
    return named, positional


def placeholder_problems(entry: polib.POEntry) -> list[str]:
    """A translation whose %(name)s placeholders differ from its source breaks at run time."""
    if "python-format" not in entry.flags or not is_translated(entry):
        return []
    problems = []
    expected_named, expected_positional = placeholders(entry.msgid)
    if entry.msgid_plural:
        plural_named, _ = placeholders(entry.msgid_plural)
        expected_named |= plural_named
        translations = list(entry.msgstr_plural.values())
    else:
        translations = [entry.msgstr]
    for translation in translations:
        named, positional = placeholders(translation)
        # A plural form may leave out %(count)s ("una persona"), never add a new name.
        unknown = named - expected_named
        missing = set() if entry.msgid_plural else expected_named - named
        if unknown or missing or (expected_positional and positional != expected_positional):
            problems.append(translation)
    return problems


# --- compile ------------------------------------------------------------------------------


def compile_catalogues(locale: Path = LOCALE) -> list[Path]:
    written = []
    for po_path in sorted(locale.glob("*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        # Written beside it, then moved into place: a process loading the catalogue meanwhile
        # reads the old file or the new one, never half of one.
        with tempfile.NamedTemporaryFile(dir=mo_path.parent, suffix=".mo", delete=False) as out:
            partial = Path(out.name)
        polib.pofile(str(po_path)).save_as_mofile(str(partial))
        partial.chmod(0o644)  # as a plain write would leave it, not the temporary file's 0600
        os.replace(partial, mo_path)
        written.append(mo_path)
    return written


def cmd_compile(_args: argparse.Namespace) -> int:
    written = compile_catalogues()
    if not written:
        print(f"No catalogue under {LOCALE.relative_to(ROOT)}/*/LC_MESSAGES/: nothing compiled.")
        return 0
    for mo_path in written:
        print(f"Compiled {mo_path.relative_to(ROOT)}")
    return 0


# --- extraction from the source -----------------------------------------------------------


def have_xgettext() -> bool:
    return shutil.which("xgettext") is not None and shutil.which("msguniq") is not None


def run_makemessages(project: Path) -> None:
    """Django's makemessages for LANGUAGE, run in `project` (a copy or the real tree)."""
    command = [sys.executable, "manage.py", "makemessages", "-l", LANGUAGE, "--no-location"]
    command += [f"--ignore={pattern}" for pattern in IGNORED]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(  # noqa: S603
        command, cwd=project, env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit("makemessages failed")


def copy_sources(target: Path) -> None:
    def ignore(directory: str, names: list[str]) -> set[str]:
        here = Path(directory).resolve()
        skipped = {name for name in names if name in IGNORED or name.startswith(".")}
        skipped |= {name for name in names if name == "__pycache__" or name.endswith(".mo")}
        if here == ROOT:
            skipped |= {n for n in names if n not in {"tejido", "config", "manage.py"}}
        if here == LOCALE:
            skipped.add("parts")
        return skipped

    shutil.copytree(ROOT, target, ignore=ignore)


def source_entries() -> dict[Key, polib.POEntry]:
    """Every msgid the source holds, extracted into a throwaway copy of the tree."""
    with tempfile.TemporaryDirectory(prefix="tejido-catalogue-") as tmp:
        project = Path(tmp) / "tree"
        copy_sources(project)
        for stale in (project / "tejido" / "locale").glob("*/LC_MESSAGES/django.po"):
            stale.unlink()
        (project / "var").mkdir(exist_ok=True)
        run_makemessages(project)
        extracted = project / "tejido" / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"
        if not extracted.exists():
            return {}
        return {key(entry): entry for entry in polib.pofile(str(extracted)) if not entry.obsolete}


# --- check --------------------------------------------------------------------------------


def check_catalogue(catalogue: polib.POFile, source: Iterable[Key] | None) -> dict[str, list[str]]:
    """The problems of a catalogue, by kind; empty when it is complete."""
    live = [entry for entry in catalogue if not entry.obsolete and entry.msgid]
    problems: dict[str, list[str]] = {
        "untranslated": [describe(key(e)) for e in live if not is_translated(e)],
        "fuzzy": [describe(key(e)) for e in live if "fuzzy" in e.flags],
        "placeholders differ": [
            f"{describe(key(e))} -> {bad!r}" for e in live for bad in placeholder_problems(e)
        ],
    }
    if source is not None:
        present = {key(entry) for entry in live}
        problems["missing from the catalogue"] = sorted(describe(k) for k in set(source) - present)
    return {kind: found for kind, found in problems.items() if found}


def cmd_check(_args: argparse.Namespace) -> int:
    path = catalogue_path()
    if not path.exists():
        print(f"FAIL: {path.relative_to(ROOT)} does not exist; run `scripts/catalogue.py merge`.")
        return 1
    catalogue = polib.pofile(str(path))
    source: Iterable[Key] | None = None
    if have_xgettext():
        source = source_entries().keys()
    else:
        print(
            "xgettext not found: skipped the comparison with the source (apt-get install gettext)."
        )
    problems = check_catalogue(catalogue, source)
    if not problems:
        total = len([e for e in catalogue if not e.obsolete and e.msgid])
        compared = "" if source is None else ", all source strings present"
        print(f"Catalogue complete: {total} entries translated{compared}.")
        return 0
    for kind, found in problems.items():
        print(f"FAIL: {len(found)} {kind} in {path.relative_to(ROOT)}:")
        for line in found:
            print(f"  {line}")
    return 1


# --- merge --------------------------------------------------------------------------------


def load_parts(parts: Path = PARTS) -> tuple[dict[Key, polib.POEntry], list[str]]:
    """All translations the helpers' parts hold; conflicting ones are reported."""
    merged: dict[Key, polib.POEntry] = {}
    origin: dict[Key, str] = {}
    conflicts = []
    for part in sorted(parts.glob("*.po")):
        for entry in polib.pofile(str(part)):
            if entry.obsolete or not entry.msgid or not is_translated(entry):
                continue
            k = key(entry)
            if k in merged and (merged[k].msgstr, merged[k].msgstr_plural) != (
                entry.msgstr,
                entry.msgstr_plural,
            ):
                conflicts.append(f"{describe(k)}: {origin[k]} and {part.name} differ")
                continue
            merged.setdefault(k, entry)
            origin.setdefault(k, part.name)
    return merged, conflicts


def library_translations() -> dict[Key, polib.POEntry]:
    """Spanish translations shipped by allauth and Django, for the msgids our overrides of
    their templates repeat."""
    import allauth
    import django

    found: dict[Key, polib.POEntry] = {}
    for package in (django, allauth):
        root = Path(str(package.__file__)).parent
        for path in [
            root / "conf" / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po",
            root / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po",
        ]:
            if path.exists():
                for entry in polib.pofile(str(path)):
                    if entry.msgid and is_translated(entry) and "fuzzy" not in entry.flags:
                        found.setdefault(key(entry), entry)
    return found


def fill_from_parts(
    catalogue: polib.POFile, parts: dict[Key, polib.POEntry]
) -> tuple[int, list[str]]:
    """Copy every part's translation into the catalogue (the parts are the source of truth).
    Returns how many entries changed and the entries still without a translation."""
    changed = 0
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        part = parts.get(key(entry))
        if part is None:
            continue
        if entry.msgid_plural:
            forms = dict(part.msgstr_plural)
            if entry.msgstr_plural != forms or "fuzzy" in entry.flags:
                entry.msgstr_plural = forms
                changed += 1
        elif entry.msgstr != part.msgstr or "fuzzy" in entry.flags:
            entry.msgstr = part.msgstr
            changed += 1
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    missing = [
        describe(key(e))
        for e in catalogue
        if not e.obsolete and e.msgid and (not is_translated(e) or "fuzzy" in e.flags)
    ]
    return changed, missing


def set_header(catalogue: polib.POFile) -> None:
    catalogue.metadata.update(
        {
            "Project-Id-Version": "Tejido",
            "Language": LANGUAGE,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS,
        }
    )
    for placeholder in (
        "Last-Translator",
        "Language-Team",
        "PO-Revision-Date",
        "POT-Creation-Date",
        "Report-Msgid-Bugs-To",
    ):
        catalogue.metadata.pop(placeholder, None)
    catalogue.metadata_is_fuzzy = False
    catalogue.header = (
        "Tejido's Spanish catalogue, made by `scripts/catalogue.py merge` from the source and\n"
        "the translations in tejido/locale/parts/*.po. Change those, then merge again."
    )


def cmd_merge(_args: argparse.Namespace) -> int:
    if not have_xgettext():
        print("merge needs xgettext and msguniq (apt-get install gettext).")
        return 1
    path = catalogue_path()
    (ROOT / "var").mkdir(exist_ok=True)
    run_makemessages(ROOT)
    catalogue = polib.pofile(str(path))
    # makemessages keeps strings that left the source as obsolete entries: drop them.
    for entry in [e for e in catalogue if e.obsolete]:
        catalogue.remove(entry)
    own_parts, conflicts = load_parts()
    # Strings our template overrides share with the libraries keep the libraries' own
    # translations unless a part says otherwise.
    parts = {**library_translations(), **own_parts}
    changed, missing = fill_from_parts(catalogue, parts)
    live = {key(e) for e in catalogue if e.msgid}
    # Parts may also re-translate strings that only allauth's or Django's own code and
    # templates use (our catalogue comes first at run time): keep those too.
    runtime_only = sorted(own_parts.keys() - live, key=describe)
    for entry_key in runtime_only:
        entry = own_parts[entry_key]
        catalogue.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgstr=entry.msgstr,
                msgstr_plural=dict(entry.msgstr_plural),
                comment="Used by a library's own code or templates.",
            )
        )
    set_header(catalogue)
    catalogue.save(str(path))
    compile_catalogues()
    source = PARTS.relative_to(ROOT)
    print(f"Merged {len(own_parts)} translations from {source}: {changed} entries set.")
    for title, lines in (
        ("conflicting translations in parts (first one kept)", conflicts),
        (
            "part entries kept for libraries' own strings (check their msgid)",
            [describe(k) for k in runtime_only],
        ),
        ("still untranslated or fuzzy", missing),
    ):
        if lines:
            print(f"{len(lines)} {title}:")
            for line in lines:
                print(f"  {line}")
    return 1 if missing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("compile", help="compile every django.po to django.mo").set_defaults(
        run=cmd_compile
    )
    commands.add_parser("check", help="fail when the Spanish catalogue is incomplete").set_defaults(
        run=cmd_check
    )
    commands.add_parser(
        "merge", help="rebuild the Spanish catalogue from the source and the parts"
    ).set_defaults(run=cmd_merge)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
