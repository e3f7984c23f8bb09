import pytest

from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.core.errors import NotFound
from tejido.network.models import Area
from tejido.network.selectors import get_area, get_network_settings, list_areas

pytestmark = pytest.mark.django_db


def test_members_see_the_areas_in_the_organisers_order_and_applicants_none():
    Area.objects.create(name="B", position=2)
    Area.objects.create(name="A", position=1)
    assert [a.name for a in list_areas(viewer=UserFactory())] == ["A", "B"]
    assert not list_areas(viewer=ApplicantFactory()).exists()
    assert not list_areas(viewer=None).exists()


def test_only_organisers_get_an_area_to_change_and_a_missing_one_is_the_same_404():
    area = Area.objects.create(name="Centro")
    assert get_area(viewer=OrganiserFactory(), area_id=area.pk) == area
    for viewer in (UserFactory(), ApplicantFactory(), None):
        with pytest.raises(NotFound):
            get_area(viewer=viewer, area_id=area.pk)
    with pytest.raises(NotFound):
        get_area(viewer=OrganiserFactory(), area_id=999_999)


def test_everyone_reads_the_networks_public_face():
    assert get_network_settings(viewer=None).pk == 1
