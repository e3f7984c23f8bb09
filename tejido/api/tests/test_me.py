"""My own profile through JSON: all of it, with its audiences; changes go through the profile
service, and bad input changes nothing."""

import pytest

from tejido.accounts.models import Audience, ProfessionalVerification, Profile, User
from tejido.api.tests.conftest import assert_error
from tejido.core.clock import now
from tejido.network.models import Area

pytestmark = pytest.mark.django_db


def test_get_me_is_my_whole_profile(api, member):
    member.profile.identity_tags = "only for me"
    member.profile.identity_tags_audience = Audience.ONLY_ME
    member.profile.languages = ["es", "ca"]
    member.profile.area = Area.objects.create(name="Lavapiés")
    member.profile.save()
    User.objects.filter(pk=member.pk).update(is_facilitator=True, discreet_mode=True)
    ProfessionalVerification.objects.create(
        user=member, profession="therapist", method="registry", verified_at=now()
    )
    body = api(member).get("/me").json()
    assert body["id"] == member.pk
    assert "email" not in body
    assert member.email not in str(body)
    assert body["chosen_name"] == member.profile.chosen_name
    assert body["identity_tags"] == "only for me"
    assert body["languages"] == ["es", "ca"]
    assert body["area"] == {"id": member.profile.area.pk, "name": "Lavapiés"}
    assert body["audiences"]["identity_tags"] == "only_me"
    assert body["audiences"]["pronouns"] == "members"
    assert set(body["audiences"]) == {
        "pronouns",
        "languages",
        "area",
        "bio",
        "interests",
        "skills",
        "accessibility_needs",
        "dietary_needs",
        "identity_tags",
    }
    assert body["roles"] == ["facilitator", "professional"]
    assert body["language"] == "es"
    assert body["time_zone"] == "Europe/Madrid"
    assert body["discreet_mode"] is True


def test_get_me_queries(api, member, django_assert_num_queries):
    client = api(member)
    client.get("/me")
    with django_assert_num_queries(3):  # token and member; profile and area; verification
        assert client.get("/me").status_code == 200


def test_patch_me_changes_fields_and_audiences(api, member):
    area = Area.objects.create(name="Ruzafa")
    response = api(member).patch(
        "/me",
        {
            "chosen_name": "Río",
            "pronouns": "elle",
            "languages": ["es", "lse"],
            "area": area.pk,
            "bio": "",
            "audiences": {"pronouns": "shared_group", "bio": "organisers"},
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["chosen_name"] == "Río"
    assert body["area"] == {"id": area.pk, "name": "Ruzafa"}
    assert body["audiences"]["pronouns"] == "shared_group"
    assert body["audiences"]["bio"] == "organisers"
    assert body["audiences"]["skills"] == "shared_group"  # untouched
    profile = Profile.objects.get(user=member)
    assert profile.chosen_name == "Río"
    assert profile.pronouns == "elle"
    assert profile.languages == ["es", "lse"]
    assert profile.area == area
    assert profile.pronouns_audience == Audience.SHARED_GROUP
    assert profile.bio_audience == Audience.ORGANISERS


def test_patch_me_only_what_is_sent(api, member):
    before = Profile.objects.get(user=member)
    assert api(member).patch("/me", {"bio": "hola"}).status_code == 200
    after = Profile.objects.get(user=member)
    assert after.bio == "hola"
    assert after.chosen_name == before.chosen_name
    assert after.pronouns == before.pronouns


def test_patch_me_clears_area_with_null(api, member):
    member.profile.area = Area.objects.create(name="Gràcia")
    member.profile.save()
    assert api(member).patch("/me", {"area": None}).json()["area"] is None
    assert Profile.objects.get(user=member).area is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"chosen_name": ""}, "chosen_name"),
        ({"chosen_name": "x" * 81}, "chosen_name"),
        ({"pronouns": 5}, "pronouns"),
        ({"bio": "a\x00b"}, "bio"),
        ({"languages": ["klingon"]}, "languages.0"),
        ({"languages": "es"}, "languages"),
        ({"audiences": {"bio": "everyone"}}, "audiences.bio"),
        ({"area": "north"}, "area"),
        ({"area": 0}, "area"),
        ({"pronoun": "typo"}, "pronoun"),
        ({"audiences": {"everything": "members"}}, "audiences.everything"),
    ],
)
def test_patch_me_bad_input_is_422_and_changes_nothing(api, member, body, field):
    before = Profile.objects.filter(user=member).values().get()
    response = api(member).patch("/me", {"bio": "should not be saved", **body})
    result = assert_error(response, 422, "invalid")
    assert field in result["detail"]
    assert Profile.objects.filter(user=member).values().get() == before


@pytest.mark.parametrize("raw", ["", "null"])
def test_patch_me_without_a_body_is_422(api, member, raw):
    assert "payload" in assert_error(api(member).patch("/me", raw), 422, "invalid")["detail"]


def test_patch_me_rule_broken_is_400_and_changes_nothing(api, member):
    before = Profile.objects.filter(user=member).values().get()
    response = api(member).patch("/me", {"bio": "should not be saved", "area": 424242})
    result = assert_error(response, 400, "invalid")
    assert "area" in result["detail"]
    assert Profile.objects.filter(user=member).values().get() == before


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"text"', "1"])
def test_patch_me_body_must_be_a_json_object(api, member, raw):
    before = Profile.objects.filter(user=member).values().get()
    assert_error(api(member).patch("/me", raw), 400, "malformed")
    assert Profile.objects.filter(user=member).values().get() == before


def test_validation_message_is_translated(api, member, translations):
    response = api(member).patch("/me", {"chosen_name": ""})
    body = assert_error(response, 422, "invalid")
    assert body["message"] == "Algo de lo que enviaste no es válido. No se ha cambiado nada."
    User.objects.filter(pk=member.pk).update(language="en")
    body = api(member).patch("/me", {"chosen_name": ""}).json()
    assert body["message"] == "Some of what you sent is not valid. Nothing was changed."


def test_domain_error_message_is_in_the_members_language(api, member, translations):
    from django.utils import translation

    from tejido.accounts.services import CannotBlockSelf

    for language in ("es", "en"):
        User.objects.filter(pk=member.pk).update(language=language)
        response = api(member).post(f"/members/{member.pk}/block")
        body = assert_error(response, 400, "cannot_block_self")
        with translation.override(language):
            assert body["message"] == str(CannotBlockSelf.message)
        assert response["Content-Language"] == language


def test_patch_me_refuses_a_name_like_another_members(api, member):
    from tejido.accounts.factories import UserFactory

    UserFactory(profile__chosen_name="Marisol")
    response = api(member).patch("/me", {"chosen_name": "M\u0430risol"})
    assert "chosen_name" in assert_error(response, 400, "invalid")["detail"]
    response = api(member).patch("/me", {"chosen_name": "Marisol\u200b"})
    assert "chosen_name" in assert_error(response, 400, "invalid")["detail"]
    assert Profile.objects.get(user=member).chosen_name != "Marisol"


def test_diet_and_allergies_through_the_api(api, member):
    client = api(member)
    body = client.patch("/me", {"diet": ["kosher"], "allergies": ["fish", "eggs"]}).json()
    assert (body["diet"], body["allergies"]) == (["kosher"], ["eggs", "fish"])
    assert client.get("/me").json()["diet"] == ["kosher"]
    refused = client.patch("/me", {"allergies": ["pollen"]})
    assert refused.status_code == 422
    assert "allergies.0" in refused.json()["detail"]
