"""A member's diet and allergies: ticked on the profile page or sent through the API, checked
against the fixed lists, and shown to the dietary needs' audience (which the sheets count)."""

import pytest
from django.urls import reverse

from tejido.accounts.factories import UserFactory
from tejido.accounts.services import update_profile
from tejido.core.errors import InvalidInput
from tejido.web.tests.test_profile_pages import _form

pytestmark = pytest.mark.django_db


def test_the_service_keeps_known_codes_once_in_order():
    me = UserFactory()
    profile = update_profile(
        actor=me, diet=["vegan", "halal", "vegan"], allergies=("nuts", "gluten")
    )
    assert (profile.diet, profile.allergies) == (["vegan", "halal"], ["gluten", "nuts"])
    for bad in (["paleo"], "vegan", [1]):
        with pytest.raises(InvalidInput) as error:
            update_profile(actor=me, diet=bad)
        assert "diet" in error.value.detail
    assert update_profile(actor=me, allergies=None).allergies == []


def test_the_profile_page_ticks_diet_and_allergies(login):
    me = UserFactory(language="en")
    client = login(me)
    page = client.get(reverse("profile_edit")).content.decode()
    assert 'name="diet"' in page
    assert 'name="allergies"' in page
    assert "Tree nuts" in page
    data = _form(me.profile, diet=["vegetarian", "gluten_free"], allergies=["sesame"])
    assert client.post(reverse("profile_edit"), data).status_code == 302
    me.profile.refresh_from_db()
    assert (me.profile.diet, me.profile.allergies) == (["vegetarian", "gluten_free"], ["sesame"])
    page = client.get(reverse("profile_edit")).content.decode()
    assert 'value="sesame" class="choices" id="id_allergies_10" checked' in page
    assert 'Allergies and intolerances: <span class="muted">Sesame</span>' in page
    bad = client.post(reverse("profile_edit"), _form(me.profile, diet=["paleo"]))
    assert bad.status_code == 200
    me.profile.refresh_from_db()
    assert me.profile.diet == ["vegetarian", "gluten_free"]
