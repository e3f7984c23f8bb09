"""scripts/catalogue.py: compiling and checking the catalogue without GNU gettext."""

import importlib.util
from pathlib import Path

import polib
import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "catalogue.py"
spec = importlib.util.spec_from_file_location("catalogue", SCRIPT)
assert spec is not None
assert spec.loader is not None
catalogue = importlib.util.module_from_spec(spec)
spec.loader.exec_module(catalogue)


def po(*entries: polib.POEntry) -> polib.POFile:
    file = polib.POFile()
    file.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        file.append(entry)
    return file


def test_a_complete_catalogue_has_no_problems():
    complete = po(
        polib.POEntry(msgid="Groups", msgstr="Grupos"),
        polib.POEntry(msgid="Hello %(name)s", msgstr="Hola, %(name)s", flags=["python-format"]),
    )
    assert catalogue.check_catalogue(complete, source=[(None, "Groups", None)]) == {}


def test_it_finds_untranslated_fuzzy_broken_and_missing_entries():
    broken = po(
        polib.POEntry(msgid="Groups", msgstr=""),
        polib.POEntry(msgid="Members", msgstr="Integrantes", flags=["fuzzy"]),
        polib.POEntry(msgid="Hi %(name)s", msgstr="Hola %(nombre)s", flags=["python-format"]),
    )
    problems = catalogue.check_catalogue(broken, source=[(None, "Notices", None)])
    assert problems["untranslated"] == ["'Groups'"]
    assert problems["fuzzy"] == ["'Members'"]
    assert len(problems["placeholders differ"]) == 1
    assert problems["missing from the catalogue"] == ["'Notices'"]


def test_a_plural_form_may_leave_out_the_count():
    entry = polib.POEntry(
        msgid="%(count)s member",
        msgid_plural="%(count)s members",
        msgstr_plural={0: "una persona", 1: "%(count)s personas"},
        flags=["python-format"],
    )
    assert catalogue.check_catalogue(po(entry), source=None) == {}


def test_parts_fill_the_catalogue_and_clear_fuzzy_flags(tmp_path):
    (tmp_path / "a.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Groups"\nmsgstr "Grupos"\n',
        encoding="utf-8",
    )
    parts, conflicts = catalogue.load_parts(tmp_path)
    target = po(
        polib.POEntry(msgid="Groups", msgstr="Grupo", flags=["fuzzy"]),
        polib.POEntry(msgid="Members", msgstr=""),
    )
    changed, missing = catalogue.fill_from_parts(target, parts)
    assert (changed, missing, conflicts) == (1, ["'Members'"], [])
    assert target.find("Groups").msgstr == "Grupos"
    assert "fuzzy" not in target.find("Groups").flags


@pytest.mark.parametrize("language", ["es", "xx"])
def test_compile_writes_a_mo_file_django_can_read(tmp_path, language):
    folder = tmp_path / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po(polib.POEntry(msgid="Groups", msgstr="Grupos")).save(str(folder / "django.po"))
    written = catalogue.compile_catalogues(tmp_path)
    assert written == [folder / "django.mo"]
    assert polib.mofile(str(folder / "django.mo")).find("Groups").msgstr == "Grupos"
