"""The professionals' policy: vetted members see listed professionals until a grace after their
verify-again date; applicants, visitors and suspended people see none; organisers see every
listing and keep them. How to reach a professional is on vetted members' cards only; who
verified them and whether they are listed, on organisers'."""

from datetime import date, timedelta

import pytest

from tejido.access.professionals import (
    GRACE_DAYS,
    audience_of_professional,
    can_manage_professionals,
    can_see_professional,
    professional_card_queryset,
    professional_cards,
    visible_professionals,
)
from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.network.factories import AreaFactory
from tejido.professionals.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def _professional(**fields):
    fields.setdefault("verified_on", TODAY - timedelta(days=10))
    return ProfessionalFactory(**fields)


def test_who_sees_which_listing():
    listed = _professional()
    unlisted = _professional(listed=False)
    due = _professional(
        verified_on=TODAY - timedelta(days=400), verify_again_by=TODAY - timedelta(days=GRACE_DAYS)
    )
    lapsed = _professional(
        verified_on=TODAY - timedelta(days=400),
        verify_again_by=TODAY - timedelta(days=GRACE_DAYS + 1),
    )
    member, organiser = UserFactory(), OrganiserFactory()
    assert set(visible_professionals(member, today=TODAY)) == {listed, due}
    assert set(visible_professionals(organiser, today=TODAY)) == {listed, unlisted, due, lapsed}
    for outsider in (None, ApplicantFactory(), UserFactory(state=User.State.SUSPENDED)):
        assert not visible_professionals(outsider, today=TODAY).exists()
        assert not can_see_professional(outsider, listed, today=TODAY)
        assert not can_manage_professionals(outsider)
    assert can_see_professional(member, due, today=TODAY)
    assert not can_see_professional(member, lapsed, today=TODAY)
    assert can_see_professional(organiser, lapsed, today=TODAY)
    assert not can_manage_professionals(member)
    assert can_manage_professionals(organiser)


def test_organisers_are_told_about_a_listing():
    organiser = OrganiserFactory()
    assert list(audience_of_professional(_professional(verified_by=organiser))) == [organiser]


def _cards(viewer, **fields):
    _professional(**fields)
    found = professional_card_queryset(visible_professionals(OrganiserFactory(), today=TODAY))
    return professional_cards(viewer, found, today=TODAY)


def test_a_members_card_has_how_to_reach_and_nothing_for_organisers():
    area = AreaFactory(name="Lavapiés")
    (card,) = _cards(UserFactory(), how_to_reach="Llamar al 600", area=area, languages=" es en ")
    assert card.how_to_reach == "Llamar al 600"
    assert card.area_name == "Lavapiés"
    assert card.language_codes == ("es", "en")
    assert card.listed is None
    assert card.verified_by is None
    assert not card.due


def test_an_outsiders_card_has_no_way_to_reach_them():
    (card,) = _cards(None, area=None)
    assert card.how_to_reach is None
    assert card.area_name == ""


def test_an_organisers_card_says_who_verified_and_whether_listed():
    organiser = OrganiserFactory(profile__chosen_name="Rocío")
    (card,) = _cards(
        organiser,
        verified_by=organiser,
        verified_on=TODAY - timedelta(days=400),
        verify_again_by=TODAY - timedelta(days=1),
    )
    assert card.verified_by == "Rocío"
    assert card.listed is True
    assert card.due


def test_a_verifier_who_left_is_shown_as_nobody():
    (card,) = _cards(OrganiserFactory(), verified_by=None)
    assert card.verified_by == ""
