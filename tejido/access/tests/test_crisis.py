"""The crisis lines' policy: everyone reads them, organisers keep them and are told about
them; who checked a line and whether it is overdue are on organisers' cards only."""

from datetime import date

import pytest

from tejido.access.crisis import (
    CARD_COLUMNS,
    audience_of_crisis_line,
    can_manage_crisis_lines,
    crisis_line_cards,
    is_overdue,
    visible_crisis_lines,
)
from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.crisis.factories import CrisisLineFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def _rows():
    return list(visible_crisis_lines(None).values(*CARD_COLUMNS))


def test_everyone_sees_every_line_and_only_organisers_keep_them():
    CrisisLineFactory(country="MX")
    CrisisLineFactory(country="ES")
    suspended = UserFactory(state=User.State.SUSPENDED)
    organiser = OrganiserFactory()
    for viewer in (None, ApplicantFactory(), UserFactory(), suspended, organiser):
        assert [line.country for line in visible_crisis_lines(viewer)] == ["ES", "MX"]
        assert can_manage_crisis_lines(viewer) is (viewer is organiser)


def test_organisers_are_told_about_a_line():
    organiser = OrganiserFactory()
    UserFactory()
    assert list(audience_of_crisis_line(CrisisLineFactory())) == [organiser]


def test_a_line_is_overdue_unchecked_or_after_six_months():
    assert is_overdue(None, TODAY)
    assert is_overdue(date(2026, 5, 1), TODAY)
    assert not is_overdue(date(2026, 7, 1), TODAY)


def test_the_card_in_the_viewers_language_with_a_dial_link():
    CrisisLineFactory(
        name_es="Línea",
        name_en="Line",
        phone="800 911-2000",
        notes_es="",
        notes_en="Free.",
        languages=["es", "en"],
        audience="trans",
    )
    (card,) = crisis_line_cards(None, _rows(), today=TODAY)
    assert card.name == "Línea"
    assert card.notes == "Free."
    assert card.phone_link == "tel:8009112000"
    assert card.languages == ("Spanish", "English") or card.languages == ("Español", "Inglés")
    assert card.audience_label
    assert card.country_name
    assert card.overdue is None
    assert card.checked_by is None


def test_a_line_without_a_phone_has_no_dial_link():
    CrisisLineFactory(phone="", sms="START to 678-678")
    (card,) = crisis_line_cards(None, _rows(), today=TODAY)
    assert card.phone_link == ""


def test_organisers_cards_say_who_checked_and_whether_it_is_overdue():
    line = CrisisLineFactory(name_en="A line", checked_on=date(2026, 11, 1))
    CrisisLineFactory(name_en="B line")
    organiser = OrganiserFactory()
    cards = crisis_line_cards(organiser, _rows(), today=TODAY, checkers={line.pk: "Ana"})
    assert [(c.overdue, c.checked_by) for c in cards] == [(False, "Ana"), (True, "")]
    member_cards = crisis_line_cards(UserFactory(), _rows(), today=TODAY, checkers={line.pk: "A"})
    assert {(c.overdue, c.checked_by) for c in member_cards} == {(None, None)}
