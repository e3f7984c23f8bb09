"""Listing professionals: organisers list, change, verify again and unlist them, each in the
audit log; members find them by words (accents and either language), profession, language,
cost and area; a listing lapses from members' list a grace after its verify-again date."""

from datetime import date, timedelta

import pytest
import time_machine

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.audit.models import AuditEntry
from tejido.core.errors import InvalidInput, NotFound
from tejido.network.factories import AreaFactory
from tejido.professionals.errors import AlreadyThere
from tejido.professionals.factories import ProfessionalFactory
from tejido.professionals.models import Professional
from tejido.professionals.selectors import (
    ProfessionalFilters,
    count_due_professionals,
    get_professional,
    list_professionals,
    professional_for_edit,
)
from tejido.professionals.services import save_professional, set_listed, verify_again

pytestmark = pytest.mark.django_db

NOW = "2026-03-04 10:00 +01:00"
LAWYER = {
    "name": "Andrés Ferrer",
    "profession": "lawyer",
    "specialities_es": "Cambio de nombre y de la mención del sexo",
    "specialities_en": "Name and gender-marker changes",
    "languages": ["es", "fr"],
    "cost": "free",
    "cost_note_es": "Gratis para miembros",
    "cost_note_en": "Free for members",
    "how_to_reach": "andres@example.org",
}


@time_machine.travel(NOW, tick=False)
def test_an_organiser_lists_changes_verifies_and_unlists():
    organiser = OrganiserFactory()
    made = save_professional(actor=organiser, **LAWYER)
    assert made.verified_on == date(2026, 3, 4)
    assert made.verify_again_by == date(2027, 3, 4)
    assert made.verified_by == organiser
    assert made.language_codes == ["es", "fr"]
    sealed = Professional.objects.filter(pk=made.pk).values_list("how_to_reach", flat=True)
    assert "andres@example.org" not in _raw_how_to_reach(made.pk)
    assert sealed.get() == "andres@example.org"
    area = AreaFactory()
    changed = save_professional(
        actor=organiser,
        professional_id=made.pk,
        area_id=area.pk,
        verify_again_by=date(2026, 9, 1),
        **{**LAWYER, "name": "Andrés Ferrer Sanz"},
    )
    assert changed.area == area
    assert changed.verify_again_by == date(2026, 9, 1)
    again = verify_again(actor=OrganiserFactory(), professional_id=made.pk)
    assert again.verify_again_by == date(2027, 3, 4)
    set_listed(actor=organiser, professional_id=made.pk, listed=False)
    with pytest.raises(AlreadyThere):
        set_listed(actor=organiser, professional_id=made.pk, listed=False)
    set_listed(actor=organiser, professional_id=made.pk, listed=True)
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "professionals.create",
        "professionals.update",
        "professionals.verify",
        "professionals.unlist",
        "professionals.relist",
    ]


def test_only_organisers_keep_listings():
    listed = ProfessionalFactory()
    for someone in (None, UserFactory()):
        with pytest.raises(NotFound):
            save_professional(actor=someone, **LAWYER)
        with pytest.raises(NotFound):
            verify_again(actor=someone, professional_id=listed.pk)
        with pytest.raises(NotFound):
            set_listed(actor=someone, professional_id=listed.pk, listed=False)
        with pytest.raises(NotFound):
            professional_for_edit(viewer=someone, professional_id=listed.pk)
        with pytest.raises(NotFound):
            count_due_professionals(viewer=someone)
    for missing in (999999, "x"):
        with pytest.raises(NotFound):
            verify_again(actor=OrganiserFactory(), professional_id=missing)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"profession": "wizard"}, "profession"),
        ({"cost": "cheap"}, "cost"),
        ({"languages": []}, "languages"),
        ({"languages": ["xx"]}, "languages"),
        ({"how_to_reach": ""}, "how_to_reach"),
        ({"verify_again_by": date(2020, 1, 1)}, "verify_again_by"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(change, field):
    with pytest.raises(InvalidInput) as refused:
        save_professional(actor=OrganiserFactory(), **{**LAWYER, **change})
    assert field in refused.value.detail
    assert not Professional.objects.exists()


def test_verifying_again_needs_a_later_date():
    listed = ProfessionalFactory()
    with pytest.raises(InvalidInput):
        verify_again(
            actor=OrganiserFactory(), professional_id=listed.pk, verify_again_by=date(2020, 1, 1)
        )


def _names(viewer, **filters):
    page = list_professionals(viewer=viewer, filters=ProfessionalFilters(**filters))
    return [card.name for card in page]


def test_members_find_professionals_by_words_and_filters():
    organiser = OrganiserFactory()
    area = AreaFactory()
    save_professional(actor=organiser, area_id=area.pk, **LAWYER)
    save_professional(
        actor=organiser,
        **{
            **LAWYER,
            "name": "Lucía Ortega",
            "profession": "psychologist",
            "specialities_es": "Ansiedad",
            "specialities_en": "Anxiety",
            "languages": ["en"],
            "cost": "sliding",
        },
    )
    member = UserFactory()
    assert _names(member) == ["Andrés Ferrer", "Lucía Ortega"]
    assert _names(member, q="lucia") == ["Lucía Ortega"]
    assert _names(member, q="abogado") == ["Andrés Ferrer"]
    assert _names(member, q="psychologist") == ["Lucía Ortega"]
    assert _names(member, q="mencion sexo") == ["Andrés Ferrer"]
    assert _names(member, profession="psychologist") == ["Lucía Ortega"]
    assert _names(member, language="fr") == ["Andrés Ferrer"]
    assert _names(member, language="e n") == ["Andrés Ferrer", "Lucía Ortega"]
    assert _names(member, cost="sliding") == ["Lucía Ortega"]
    assert _names(member, area=area.pk) == ["Andrés Ferrer"]
    assert _names(member, q="nadie") == []
    assert ProfessionalFilters(cost="free").any
    assert not ProfessionalFilters().any
    assert _names(None) == []


def test_a_lapsed_listing_leaves_members_but_stays_flagged_to_organisers():
    organiser = OrganiserFactory()
    with time_machine.travel("2025-01-10 10:00 +01:00", tick=False):
        made = save_professional(actor=organiser, **LAWYER)
    member = UserFactory()
    with time_machine.travel("2026-01-20 10:00 +01:00", tick=False):
        (card,) = list_professionals(viewer=member, filters=ProfessionalFilters())
        assert card.due
        assert count_due_professionals(viewer=organiser) == 1
        assert _names(organiser, due=True) == ["Andrés Ferrer"]
    with time_machine.travel("2026-02-11 10:00 +01:00", tick=False):
        assert _names(member) == []
        with pytest.raises(NotFound):
            get_professional(viewer=member, professional_id=made.pk)
        assert get_professional(viewer=organiser, professional_id=made.pk).card.due
        verify_again(actor=organiser, professional_id=made.pk)
        assert _names(member) == ["Andrés Ferrer"]
        assert count_due_professionals(viewer=organiser) == 0


def test_unlisted_missing_and_hidden_are_the_same_not_found():
    unlisted = ProfessionalFactory(listed=False)
    member = UserFactory()
    for professional_id in (unlisted.pk, 999999, "nope"):
        with pytest.raises(NotFound):
            get_professional(viewer=member, professional_id=professional_id)
    organiser = OrganiserFactory()
    assert professional_for_edit(viewer=organiser, professional_id=unlisted.pk)["name"]
    assert get_professional(viewer=organiser, professional_id=unlisted.pk).can_manage


def test_a_listing_in_the_past_is_due_today():
    old = today_minus(400)
    ProfessionalFactory(verified_on=old, verify_again_by=old + timedelta(days=365))
    assert count_due_professionals(viewer=OrganiserFactory()) == 1


def today_minus(days):
    from tejido.professionals.moments import today

    return today() - timedelta(days=days)


def _raw_how_to_reach(pk):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT how_to_reach FROM professionals_professional WHERE id = %s", [pk])
        return cursor.fetchone()[0]
