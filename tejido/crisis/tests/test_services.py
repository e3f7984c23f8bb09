"""Keeping crisis lines: organisers add, change, check and remove them; a file of lines loads
idempotently, a bad one changes nothing; every write forgets the cached public list and is
in the audit log."""

import copy
import json
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.audit.models import AuditEntry
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.testing import at_once
from tejido.crisis.errors import BadLinesFile
from tejido.crisis.factories import CrisisLineFactory
from tejido.crisis.models import CrisisLine, LoadedList
from tejido.crisis.selectors import list_crisis_lines
from tejido.crisis.services import load_lines, mark_checked, remove_line, save_line

pytestmark = pytest.mark.django_db

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "data" / "crisis_lines.json"
LINE = {
    "country": "ES",
    "name_es": "Línea Arcoíris",
    "name_en": "Rainbow line",
    "phone": "028",
    "hours": "24/7",
    "languages": ["es", "en"],
    "audience": "lgbtq",
    "notes_es": "Gratuita.",
    "notes_en": "Free.",
    "source": "https://example.org/028",
}


def test_an_organiser_adds_changes_checks_and_removes_a_line():
    organiser = OrganiserFactory()
    line = save_line(actor=organiser, **LINE)
    assert line.name_en == "Rainbow line"
    assert line.checked_on is None
    save_line(actor=organiser, line_id=line.pk, **{**LINE, "phone": "028 000"})
    with time_machine.travel("2026-05-02 10:00 +02:00", tick=False):
        checked = mark_checked(actor=organiser, line_id=line.pk)
    assert checked.checked_on == date(2026, 5, 2)
    assert checked.checked_by == organiser
    remove_line(actor=organiser, line_id=line.pk)
    assert not CrisisLine.objects.exists()
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == [
        "crisis.line_create",
        "crisis.line_update",
        "crisis.line_checked",
        "crisis.line_remove",
    ]


def test_every_write_forgets_the_cached_list():
    organiser = OrganiserFactory()
    assert list_crisis_lines(viewer=None) == []
    line = save_line(actor=organiser, **LINE)
    assert [card.name for card in list_crisis_lines(viewer=None)] == ["Línea Arcoíris"]
    save_line(actor=organiser, line_id=line.pk, **{**LINE, "name_es": "Línea 028"})
    assert [card.name for card in list_crisis_lines(viewer=None)] == ["Línea 028"]
    mark_checked(actor=organiser, line_id=line.pk)
    assert list_crisis_lines(viewer=None)[0].checked_on is not None
    remove_line(actor=organiser, line_id=line.pk)
    assert list_crisis_lines(viewer=None) == []


def test_only_organisers_keep_lines_and_others_learn_nothing():
    line = CrisisLineFactory()
    for someone in (None, UserFactory()):
        with pytest.raises(NotFound):
            save_line(actor=someone, **LINE)
        with pytest.raises(NotFound):
            mark_checked(actor=someone, line_id=line.pk)
        with pytest.raises(NotFound):
            remove_line(actor=someone, line_id=line.pk)
    for missing in (999999, "x", None):
        with pytest.raises(NotFound):
            mark_checked(actor=OrganiserFactory(), line_id=missing)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"audience": "nobody"}, "audience"),
        ({"languages": ["klingon"]}, "languages"),
        ({"chat_url": "javascript:alert(1)"}, "chat_url"),
        ({"source": "not a url"}, "source"),
        ({"name_es": "", "name_en": ""}, "name_en"),
        ({"phone": "", "sms": "", "chat_url": ""}, "phone"),
        ({"name_en": "Line\u200b"}, "name_en"),
        ({"hours": "x" * 201}, "hours"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(change, field):
    with pytest.raises(InvalidInput) as refused:
        save_line(actor=OrganiserFactory(), **{**LINE, **change})
    assert field in refused.value.detail
    assert not CrisisLine.objects.exists()


def test_a_country_has_one_line_of_a_name():
    organiser = OrganiserFactory()
    save_line(actor=organiser, **LINE)
    with pytest.raises(InvalidInput) as refused:
        save_line(actor=organiser, **LINE)
    assert "name_en" in refused.value.detail
    other = save_line(actor=organiser, **{**LINE, "name_en": "Other", "name_es": "Otra"})
    with pytest.raises(InvalidInput):
        save_line(actor=organiser, line_id=other.pk, **LINE)
    assert save_line(actor=organiser, line_id=other.pk, **{**LINE, "name_en": "Other"})


def _demo_file():
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def test_the_demo_file_loads_once_with_its_sources_and_its_warning():
    data = _demo_file()
    first = load_lines(data)
    assert first.created == len(data["lines"])
    assert first.updated == 0
    assert CrisisLine.objects.filter(source="").count() == 0
    again = load_lines(data)
    assert (again.created, again.updated) == (0, 0)
    assert CrisisLine.objects.count() == len(data["lines"])
    (loaded,) = LoadedList.objects.all()
    assert "re-check every entry" in loaded.about
    line = CrisisLine.objects.get(country="ES", phone="024")
    assert line.notes_en.startswith("Free and confidential")
    assert line.notes_es.startswith("Gratuita y confidencial")
    assert line.checked_on is None


def test_loading_a_changed_file_changes_those_lines_and_keeps_checks():
    data = _demo_file()
    load_lines(data)
    organiser = OrganiserFactory()
    line = CrisisLine.objects.get(country="GB", phone="116 123")
    mark_checked(actor=organiser, line_id=line.pk)
    changed = copy.deepcopy(data)
    for entry in changed["lines"]:
        if entry["phone"] == "116 123":
            entry["hours"] = "Every day, all day"
    result = load_lines(changed)
    assert (result.created, result.updated) == (0, 1)
    line.refresh_from_db()
    assert line.hours == "Every day, all day"
    assert line.checked_by == organiser


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"about": "x"},
        {"lines": "nope"},
        {"lines": ["nope"]},
        {"lines": [{**LINE, "name": "Bad", "country": "ZZ"}]},
    ],
)
def test_a_bad_file_is_refused_whole(data):
    with pytest.raises(BadLinesFile):
        load_lines(data)
    assert not CrisisLine.objects.exists()
    assert not LoadedList.objects.exists()


def test_a_bad_line_is_named_and_nothing_is_written():
    data = _demo_file()
    data["lines"][3]["audience"] = "nobody"
    with pytest.raises(BadLinesFile) as refused:
        load_lines(data)
    assert "4" in str(refused.value.message)
    assert not CrisisLine.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_loads_at_once_make_each_line_once():
    data = _demo_file()
    outcomes = at_once(lambda: load_lines(data), lambda: load_lines(data), refused=BadLinesFile)
    assert outcomes == ["done", "done"]
    assert CrisisLine.objects.count() == len(data["lines"])


def test_the_command_loads_a_file_and_refuses_a_bad_one(tmp_path, capsys):
    call_command("load_crisis_lines", str(DEMO_FILE))
    assert CrisisLine.objects.count() == len(_demo_file()["lines"])
    call_command("load_crisis_lines", str(DEMO_FILE))
    assert "0 lines added, 0 changed" in capsys.readouterr().out
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_crisis_lines", str(broken))
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"lines": 3}', encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_crisis_lines", str(wrong))
    with pytest.raises(CommandError):
        call_command("load_crisis_lines", str(tmp_path / "missing.json"))


@pytest.mark.usefixtures("translations")
def test_the_lines_read_by_country_and_name_in_the_readers_language():
    from django.utils import translation

    CrisisLineFactory(country="US", name_en="Zeta line", name_es="Línea Zeta")
    CrisisLineFactory(country="MX", name_en="Beta line", name_es="Línea Beta")
    CrisisLineFactory(country="MX", name_en="Alpha line", name_es="Línea Alfa")
    with translation.override("en"):
        assert [c.name for c in list_crisis_lines(viewer=None)] == [
            "Alpha line",
            "Beta line",
            "Zeta line",
        ]
    with translation.override("es"):
        # Estados Unidos before México.
        assert [c.name for c in list_crisis_lines(viewer=None)] == [
            "Línea Zeta",
            "Línea Alfa",
            "Línea Beta",
        ]
