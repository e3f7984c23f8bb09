"""The network's settings, areas and application questions: organisers only, validated, and
each change written to the audit log once."""

import pytest

from tejido.audit.models import AuditEntry
from tejido.core.errors import InvalidInput, NotAllowed
from tejido.groups.factories import GroupFactory
from tejido.membership.factories import ApplicationQuestionFactory
from tejido.membership.models import ApplicationQuestion
from tejido.membership.network_services import (
    add_area,
    add_question,
    delete_area,
    edit_question,
    move_area,
    move_question,
    rename_area,
    set_question_active,
    update_network_settings,
)
from tejido.network.factories import AreaFactory
from tejido.network.models import Area, NetworkSettings

pytestmark = pytest.mark.django_db

SETTINGS = {
    "name": "Red Arcoíris",
    "tagline_es": "Apoyo mutuo",
    "tagline_en": "Mutual aid",
    "mission_es": "Cuidarnos.",
    "mission_en": "Care.",
    "how_to_join_es": "Solicita.",
    "how_to_join_en": "Apply.",
    "quick_exit_url": "https://weather.example.org/",
    "applications_open": False,
}


# Settings -----------------------------------------------------------------------------------


def test_organisers_change_the_settings(organiser):
    update_network_settings(actor=organiser, **SETTINGS)

    network = NetworkSettings.current()
    assert network.name == "Red Arcoíris"
    assert network.quick_exit_url == "https://weather.example.org/"
    assert network.applications_open is False
    entry = AuditEntry.objects.get()
    assert entry.action == "settings.update"
    assert "quick_exit_url" in entry.detail["changed"]


@pytest.mark.parametrize(
    "url",
    ["http://weather.example.org/", "javascript:alert(1)", "/local/path", "weather", ""],
)
def test_the_quick_exit_must_be_https(organiser, url):
    with pytest.raises(InvalidInput) as caught:
        update_network_settings(actor=organiser, **{**SETTINGS, "quick_exit_url": url})
    assert "quick_exit_url" in caught.value.detail
    network = NetworkSettings.current()
    assert network.name == "Tejido"
    assert not AuditEntry.objects.exists()


def test_the_network_needs_a_name(organiser):
    with pytest.raises(InvalidInput) as caught:
        update_network_settings(actor=organiser, **{**SETTINGS, "name": "  "})
    assert "name" in caught.value.detail


def test_members_cannot_change_settings(member):
    with pytest.raises(NotAllowed):
        update_network_settings(actor=member, **SETTINGS)
    assert NetworkSettings.current().name == "Tejido"


# Areas --------------------------------------------------------------------------------------


def test_add_rename_move_and_delete_areas(organiser):
    north = add_area(actor=organiser, name="Norte")
    south = add_area(actor=organiser, name="Sur")
    assert list(Area.objects.values_list("name", flat=True)) == ["Norte", "Sur"]

    rename_area(actor=organiser, area=south, name="Sur y playa")
    move_area(actor=organiser, area=south, direction="up")
    assert list(Area.objects.values_list("name", flat=True)) == ["Sur y playa", "Norte"]

    # Moving past the end changes nothing, but is still recorded as asked.
    move_area(actor=organiser, area=north, direction="down")
    assert list(Area.objects.values_list("name", flat=True)) == ["Sur y playa", "Norte"]

    group = GroupFactory(area=north)
    delete_area(actor=organiser, area=north)
    group.refresh_from_db()
    assert group.area is None
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "area.add",
        "area.add",
        "area.rename",
        "area.move",
        "area.move",
        "area.delete",
    ]


def test_area_names_are_unique_and_required(organiser):
    area = AreaFactory(name="Centro")
    with pytest.raises(InvalidInput):
        add_area(actor=organiser, name="centro")
    with pytest.raises(InvalidInput):
        add_area(actor=organiser, name="")
    other = AreaFactory(name="Este")
    with pytest.raises(InvalidInput):
        rename_area(actor=organiser, area=other, name="CENTRO")
    with pytest.raises(InvalidInput):
        move_area(actor=organiser, area=area, direction="sideways")
    assert Area.objects.count() == 2
    assert not AuditEntry.objects.exists()


def test_members_cannot_touch_areas(member):
    area = AreaFactory()
    for call in (
        lambda: add_area(actor=member, name="X"),
        lambda: rename_area(actor=member, area=area, name="Y"),
        lambda: move_area(actor=member, area=area, direction="up"),
        lambda: delete_area(actor=member, area=area),
    ):
        with pytest.raises(NotAllowed):
            call()
    assert Area.objects.get().name == area.name


# Questions ----------------------------------------------------------------------------------


def test_add_edit_move_and_deactivate_questions(organiser):
    first = add_question(actor=organiser, text_es="¿Por qué?", text_en="Why?", required=True)
    second = add_question(
        actor=organiser, text_es="¿Dónde?", text_en="Where?", help_es="Barrio", required=False
    )
    edit_question(
        actor=organiser,
        question=second,
        text_es="¿En qué barrio?",
        text_en="Which neighbourhood?",
        required=True,
    )
    move_question(actor=organiser, question=second, direction="up")
    set_question_active(actor=organiser, question=first, active=False)

    questions = list(ApplicationQuestion.objects.all())
    assert [q.text_en for q in questions] == ["Which neighbourhood?", "Why?"]
    assert questions[0].required is True
    assert questions[1].active is False
    set_question_active(actor=organiser, question=first, active=True)
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "question.add",
        "question.add",
        "question.edit",
        "question.move",
        "question.deactivate",
        "question.activate",
    ]


def test_a_question_needs_both_languages(organiser):
    question = ApplicationQuestionFactory(text_en="Original?")
    with pytest.raises(InvalidInput) as caught:
        add_question(actor=organiser, text_es="", text_en="")
    assert set(caught.value.detail) == {"text_es", "text_en"}
    with pytest.raises(InvalidInput):
        edit_question(actor=organiser, question=question, text_es="¿Sí?", text_en="x" * 301)
    question.refresh_from_db()
    assert question.text_en == "Original?"
    assert not AuditEntry.objects.exists()


def test_members_cannot_touch_questions(member):
    question = ApplicationQuestionFactory()
    with pytest.raises(NotAllowed):
        add_question(actor=member, text_es="a", text_en="b")
    with pytest.raises(NotAllowed):
        set_question_active(actor=member, question=question, active=False)
    question.refresh_from_db()
    assert question.active
