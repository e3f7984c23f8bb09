"""Professionals on the pages: members find them (search, filters, empty states) and read one
with how to reach them and the crisis lines; applicants and visitors do not; a lapsed or
unlisted listing is the same 404 as a missing one; organisers list, edit, verify again and
unlist. The lists cost the same number of queries at two sizes."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.core.testing import FRAME_QUERIES
from tejido.crisis.factories import CrisisLineFactory
from tejido.network.factories import AreaFactory
from tejido.network.models import NetworkSettings
from tejido.professionals.factories import ProfessionalFactory
from tejido.professionals.models import Professional
from tejido.professionals.moments import today

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _network():
    NetworkSettings.current()


def _lapsed():
    old = today() - timedelta(days=500)
    return ProfessionalFactory(verified_on=old, verify_again_by=old + timedelta(days=365))


def test_members_find_a_professional_and_how_to_reach_them(member_client):
    area = AreaFactory(name="Chueca")
    found = ProfessionalFactory(
        name="Lucía Ortega", area=area, how_to_reach="lucia@example.org", cost="sliding"
    )
    ProfessionalFactory(name="Andrés Ferrer", profession="lawyer", languages=" fr ")
    CrisisLineFactory(name_es="Línea 024", phone="024")
    html = member_client.get(reverse("professional_list")).content.decode()
    assert "Lucía Ortega" in html
    assert "Andrés Ferrer" in html
    assert "Línea 024" in html
    assert "lucia@example.org" not in html
    filtered = member_client.get(
        reverse("professional_list"), {"q": "lucia", "cost": "sliding", "area": area.pk}
    ).content.decode()
    assert "Lucía Ortega" in filtered
    assert "Andrés Ferrer" not in filtered
    by_language = member_client.get(reverse("professional_list"), {"language": "fr"})
    assert "Lucía Ortega" not in by_language.content.decode()
    detail = member_client.get(reverse("professional_detail", args=[found.pk])).content.decode()
    assert "lucia@example.org" in detail
    assert "Línea 024" in detail
    assert "Hoy he vuelto a comprobar" not in detail


def test_the_empty_states_say_what_to_do(member_client):
    html = member_client.get(reverse("professional_list")).content.decode()
    assert "Todavía no hay profesionales" in html
    ProfessionalFactory()
    nothing = member_client.get(reverse("professional_list"), {"q": "zzzz"}).content.decode()
    assert "Ninguna persona profesional coincide" in nothing


def test_bad_filters_are_ignored_not_errors(member_client):
    ProfessionalFactory(name="Sam")
    response = member_client.get(
        reverse("professional_list"),
        {"profession": "wizard", "language": "<x>", "cost": "1", "area": "abc", "page": "zz"},
    )
    assert response.status_code == 200
    assert "Sam" in response.content.decode()


def test_outsiders_do_not_see_the_list(client, applicant_client):
    listed = ProfessionalFactory()
    assert client.get(reverse("professional_list")).status_code == 302
    assert applicant_client.get(reverse("professional_list")).status_code == 404
    assert applicant_client.get(reverse("professional_detail", args=[listed.pk])).status_code == 404


def test_lapsed_unlisted_and_missing_look_the_same(member_client, assert_same_answer):
    lapsed, unlisted = _lapsed(), ProfessionalFactory(listed=False)
    missing = member_client.get(reverse("professional_detail", args=[999999]))
    assert missing.status_code == 404
    for hidden in (lapsed, unlisted):
        response = member_client.get(reverse("professional_detail", args=[hidden.pk]))
        assert_same_answer(response, missing)


def test_organisers_list_edit_verify_and_unlist(organiser_client):
    new = reverse("organise_professional_new")
    assert organiser_client.get(new).status_code == 200
    bad = organiser_client.post(new, {"name": "X"})
    assert bad.status_code == 400
    saved = organiser_client.post(
        new,
        {
            "name": "Sam Moreno",
            "profession": "therapist",
            "languages": ["es", "en"],
            "cost": "sliding",
            "how_to_reach": "sam@example.org",
            "area": "",
        },
    )
    professional = Professional.objects.get()
    assert saved["Location"] == reverse("professional_detail", args=[professional.pk])
    edit = reverse("organise_professional_edit", args=[professional.pk])
    assert "sam@example.org" in organiser_client.get(edit).content.decode()
    organiser_client.post(
        edit,
        {
            "name": "Sam Moreno",
            "profession": "therapist",
            "languages": ["es"],
            "cost": "free",
            "how_to_reach": "sam@example.org",
            "verify_again_by": str(today() + timedelta(days=30)),
        },
    )
    professional.refresh_from_db()
    assert professional.cost == "free"
    organiser_client.post(reverse("organise_professional_verify", args=[professional.pk]))
    professional.refresh_from_db()
    assert professional.verify_again_by == today() + timedelta(days=365)
    organiser_client.post(reverse("organise_professional_listing", args=[professional.pk]))
    professional.refresh_from_db()
    assert not professional.listed
    page = organiser_client.get(reverse("professional_detail", args=[professional.pk]))
    assert "Volver a poner en la lista" in page.content.decode()
    organiser_client.post(
        reverse("organise_professional_listing", args=[professional.pk]), {"listed": "1"}
    )
    professional.refresh_from_db()
    assert professional.listed


def test_the_organisers_list_flags_the_due_ones(organiser_client):
    _lapsed()
    ProfessionalFactory(name="Fresh")
    due = organiser_client.get(reverse("organise_professionals"), {"due": "1"}).content.decode()
    assert "Verificación pendiente" in due
    assert "Fresh" not in due
    home = organiser_client.get(reverse("organise_home")).content.decode()
    assert "Profesionales por verificar de nuevo" in home


def test_members_cannot_reach_the_organisers_pages(member_client):
    listed = ProfessionalFactory()
    assert member_client.get(reverse("organise_professionals")).status_code == 404
    assert (
        member_client.get(reverse("organise_professional_edit", args=[listed.pk])).status_code
        == 404
    )
    refused = member_client.post(reverse("organise_professional_listing", args=[listed.pk]))
    assert refused.status_code == 404
    listed.refresh_from_db()
    assert listed.listed


def _world(size):
    organiser = OrganiserFactory()
    areas = [AreaFactory() for _ in range(2)]
    for number in range(size):
        ProfessionalFactory(area=areas[number % 2], verified_by=organiser)


def _client(login, viewer):
    client = login(viewer)
    client.get(reverse("professional_list"))  # the conduct gate remembers the acceptance
    return client


# The filters' areas, the page's count and rows (with their areas and verifiers), the crisis
# lines (from the cache after the first page).
LIST_QUERIES = FRAME_QUERIES + 3


@pytest.mark.parametrize("size", [2, 9])
def test_the_members_list_costs_the_same(login, django_assert_num_queries, size):
    _world(size)
    client = _client(login, UserFactory())
    with django_assert_num_queries(LIST_QUERIES):
        html = client.get(reverse("professional_list"), {"q": "alex", "cost": "sliding"})
    assert html.content.decode().count('<h3><a href="/support/professionals/') == size


@pytest.mark.parametrize("size", [2, 9])
def test_the_organisers_list_costs_the_same(login, django_assert_num_queries, size):
    _world(size)
    client = _client(login, OrganiserFactory())
    # And the open reports' badge of the organiser area.
    with django_assert_num_queries(LIST_QUERIES + 1):
        html = client.get(reverse("organise_professionals"))
    assert html.content.decode().count("/organise/professionals/") >= size
