import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from tejido.accounts.factories import ApplicantFactory, UserFactory
from tejido.accounts.models import Audience, Profile, User
from tejido.accounts.services import update_profile
from tejido.core.errors import InvalidInput, NotAllowed
from tejido.network.models import Area

pytestmark = pytest.mark.django_db


def _saved(user: User) -> Profile:
    return Profile.objects.get(user=user)


def test_update_profile_saves_every_field_and_audience():
    me = UserFactory()
    area = Area.objects.create(name="Gràcia")
    update_profile(
        actor=me,
        chosen_name="  Sol  ",
        pronouns="elle / they/them",
        languages=["es", "ca", "es"],
        area=area.pk,
        bio="Hola",
        interests="cine",
        skills="cocina",
        accessibility_needs="step-free access",
        dietary_needs="vegan",
        identity_tags="trans",
        bio_audience=Audience.MEMBERS,
        identity_tags_audience=Audience.ONLY_ME,
    )
    profile = _saved(me)
    assert profile.chosen_name == "Sol"
    assert profile.languages == ["es", "ca"]
    assert profile.area == area
    assert profile.bio_audience == Audience.MEMBERS
    assert (profile.skills, profile.dietary_needs) == ("cocina", "vegan")


def test_a_partial_update_changes_only_what_was_given():
    me = UserFactory()
    update_profile(actor=me, bio="first")
    update_profile(actor=me, interests="second")
    profile = _saved(me)
    assert (profile.bio, profile.interests) == ("first", "second")


def test_area_can_be_cleared_and_given_as_an_area():
    me = UserFactory()
    area = Area.objects.create(name="Centro")
    update_profile(actor=me, area=area)
    assert _saved(me).area == area
    update_profile(actor=me, area=None)
    assert _saved(me).area is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"chosen_name": "   "}, "chosen_name"),
        ({"chosen_name": None}, "chosen_name"),
        ({"chosen_name": "x" * 81}, "chosen_name"),
        ({"pronouns": "p" * 61}, "pronouns"),
        ({"bio": 42}, "bio"),
        ({"bio": "nul\x00char"}, "bio"),
        ({"languages": ["xx"]}, "languages"),
        ({"languages": "es"}, "languages"),
        ({"languages": [1]}, "languages"),
        ({"area": 999999}, "area"),
        ({"area": "north"}, "area"),
        ({"bio_audience": "everyone"}, "bio_audience"),
        ({"email": "x@example.org"}, "email"),
        ({"user": 1}, "user"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(changes, field):
    me = UserFactory()
    before = _saved(me)
    with pytest.raises(InvalidInput) as caught:
        update_profile(actor=me, **{"interests": "changed", **changes})
    assert field in caught.value.detail
    after = _saved(me)
    assert (after.interests, after.chosen_name, after.updated_at) == (
        before.interests,
        before.chosen_name,
        before.updated_at,
    )


def test_errors_are_translated():
    me = UserFactory()
    with translation.override("es"), pytest.raises(InvalidInput) as caught:
        update_profile(actor=me, chosen_name="")
    assert caught.value.detail["chosen_name"]
    assert isinstance(caught.value.detail["chosen_name"], str)


def test_empty_values_clear_optional_fields():
    me = UserFactory()
    update_profile(actor=me, bio="something", languages=["es"])
    update_profile(actor=me, bio=None, languages=None)
    profile = _saved(me)
    assert (profile.bio, profile.languages) == ("", [])


def test_a_member_without_a_profile_gets_one_with_a_chosen_name():
    me = User.objects.create_user("new@example.org", state=User.State.MEMBER)
    with pytest.raises(InvalidInput) as caught:
        update_profile(actor=me, bio="no name yet")
    assert "chosen_name" in caught.value.detail
    assert not Profile.objects.filter(user=me).exists()
    update_profile(actor=me, chosen_name="Río")
    assert _saved(me).chosen_name == "Río"


def test_applicants_may_edit_suspended_and_anonymous_may_not():
    update_profile(actor=ApplicantFactory(), chosen_name="Kai")
    for actor in (UserFactory(state=User.State.SUSPENDED), AnonymousUser()):
        with pytest.raises(NotAllowed):
            update_profile(actor=actor, chosen_name="Kai")


@pytest.mark.parametrize("look_alike", ["marisol", "Marisól", "M\u0430risol", " MARISÓL "])
def test_a_member_cannot_take_a_name_that_looks_like_another_members(look_alike):
    UserFactory(profile__chosen_name="Marisol")
    me = UserFactory(profile__chosen_name="Kai")
    with translation.override("en"), pytest.raises(InvalidInput) as caught:
        update_profile(actor=me, chosen_name=look_alike)
    assert caught.value.detail["chosen_name"].startswith("This name looks too much like")
    assert _saved(me).chosen_name == "Kai"


def test_names_that_only_look_alike_to_no_member_are_free():
    UserFactory(profile__chosen_name="Marisol", state=User.State.SUSPENDED)
    ApplicantFactory(profile__chosen_name="Marisol")
    me = UserFactory(profile__chosen_name="Marisol")
    # Neither an applicant nor a suspended person holds the name; one's own name may be kept
    # or restyled.
    update_profile(actor=me, chosen_name="MARISOL", bio="hola")
    assert _saved(me).chosen_name == "MARISOL"
    update_profile(actor=UserFactory(), chosen_name="Marisol Pérez")


def test_an_applicant_is_never_told_that_a_name_is_taken():
    """Telling a stranger "this name is taken" would tell them who is a member."""
    UserFactory(profile__chosen_name="Marisol")
    applicant = ApplicantFactory(profile__chosen_name="Kai")
    update_profile(actor=applicant, chosen_name="marisol")
    assert _saved(applicant).chosen_name == "marisol"


def test_a_name_with_an_invisible_character_is_refused():
    me = UserFactory(profile__chosen_name="Kai")
    with pytest.raises(InvalidInput) as caught:
        update_profile(actor=me, chosen_name="Marisol\u200b", pronouns="they\u202e")
    assert set(caught.value.detail) == {"chosen_name"}
    assert _saved(me).chosen_name == "Kai"


def test_the_sort_name_follows_the_chosen_name():
    me = UserFactory(profile__chosen_name="Kai")
    update_profile(actor=me, chosen_name="Álex Peña")
    assert _saved(me).sort_name == "alex pena"
