"""The member's own profile page, its preview and the settings page."""

import re

import pytest
from django.urls import reverse

from tejido.accounts.factories import ApplicantFactory, UserFactory
from tejido.accounts.models import Audience, Profile, User
from tejido.network.models import Area

pytestmark = pytest.mark.django_db


def _form(profile: Profile, **changes) -> dict:
    data = {
        "chosen_name": profile.chosen_name,
        "pronouns_preset": "",
        "pronouns_custom": "",
        "area": "",
        **{
            f"{name}_audience": getattr(profile, f"{name}_audience")
            for name in (
                "pronouns",
                "languages",
                "area",
                "bio",
                "interests",
                "skills",
                "accessibility_needs",
                "dietary_needs",
                "identity_tags",
            )
        },
    }
    data.update(changes)
    return data


def test_profile_page_has_every_field_with_a_labelled_audience(login):
    me = UserFactory(language="en")
    page = login(me).get(reverse("profile_edit")).content.decode()
    for label in (
        "Chosen name",
        "Pronouns",
        "Languages you speak",
        "Area",
        "About me",
        "Interests",
        "Skills",
        "Accessibility needs",
        "Dietary needs",
        "Identity",
    ):
        assert label in page
    for name in ("pronouns", "languages", "area", "bio", "identity_tags"):
        assert f'<label for="id_{name}_audience">' in page
    assert "legal name" in page
    assert me.email not in page


def test_the_form_comes_in_three_groups_each_field_with_its_audience(login):
    me = UserFactory(language="en")
    me.profile.languages = ["es", "eu"]
    me.profile.save()
    page = login(me).get(reverse("profile_edit")).content.decode()
    form = page[page.index('<form method="post" action="/me/profile/"') :]
    legends = re.findall(r'<fieldset class="profile-group">\s*<legend>([^<]+)</legend>', form)
    assert legends == ["About you", "Where and how you take part", "Needs"]
    # Each field and the select of who sees it are one block, in the page's order.
    blocks = form.split('<div class="shared-field">')[1:]
    names = [list(dict.fromkeys(re.findall(r'name="([a-z_]+)"', block))) for block in blocks]
    assert names == [
        ["pronouns_audience", "pronouns_preset", "pronouns_custom"],
        ["bio_audience", "bio"],
        ["identity_tags_audience", "identity_tags"],
        ["languages", "languages_audience"],
        ["area_audience", "area"],
        ["interests_audience", "interests"],
        ["skills_audience", "skills"],
        ["accessibility_needs_audience", "accessibility_needs"],
        ["dietary_needs_audience", "dietary_needs"],
        # The diet and allergies share the dietary needs' audience.
        ["diet"],
        ["allergies"],
    ]
    # The languages fold behind what is ticked; nothing is framed twice.
    assert re.search(
        r'<details class="field choices-fold">\s*<summary>Languages you speak: '
        r'<span class="muted">Spanish, Basque</span></summary>',
        form,
    )
    assert 'class="card"' not in form


def test_an_error_on_the_languages_opens_their_fold(login):
    me = UserFactory(language="en")
    response = login(me).post(reverse("profile_edit"), _form(me.profile, languages=["klingon"]))
    assert '<details class="field choices-fold" open>' in response.content.decode()


def test_saving_the_profile_redirects_and_the_new_name_shows_everywhere(login):
    me, other = UserFactory(language="en"), UserFactory(language="en")
    area = Area.objects.create(name="Triana")
    client = login(me)
    response = client.post(
        reverse("profile_edit"),
        _form(
            me.profile,
            chosen_name="Nieve",
            pronouns_preset="elle / they/them",
            languages=["es", "eu"],
            area=str(area.pk),
            bio="Me gusta el cine",
            bio_audience=Audience.MEMBERS,
        ),
    )
    assert response.status_code == 302
    assert response.url == reverse("profile_edit")
    profile = Profile.objects.get(user=me)
    assert (profile.chosen_name, profile.pronouns) == ("Nieve", "elle / they/them")
    assert (profile.languages, profile.area) == (["es", "eu"], area)
    assert "Your profile is saved." in client.get(response.url).content.decode()
    other_client = login(other)
    assert "Nieve" in other_client.get(reverse("member_list")).content.decode()
    detail = other_client.get(reverse("member_detail", args=[me.pk])).content.decode()
    assert "Nieve" in detail
    assert "Me gusta el cine" in detail
    # Languages are for members of a shared group by default: `other` shares none with me.
    assert "Basque" not in detail
    assert "Nieve" in client.get(reverse("home")).content.decode()


def test_pronouns_in_own_words_are_kept_as_written(login):
    me = UserFactory()
    client = login(me)
    client.post(
        reverse("profile_edit"),
        _form(me.profile, pronouns_preset="custom", pronouns_custom="xe/xem"),
    )
    assert Profile.objects.get(user=me).pronouns == "xe/xem"
    page = client.get(reverse("profile_edit")).content.decode()
    assert 'value="xe/xem"' in page
    assert '<option value="custom" selected>' in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"chosen_name": "   "}, "chosen_name"),
        ({"chosen_name": "Marisol\u200b"}, "chosen_name"),
        ({"interests": "a\x07b"}, "interests"),
        ({"languages": ["klingon"]}, "languages"),
        ({"area": "999999"}, "area"),
        ({"bio_audience": "everyone"}, "bio_audience"),
        ({"pronouns_preset": "custom", "pronouns_custom": "x" * 61}, "pronouns_custom"),
    ],
)
def test_bad_input_shows_a_linked_error_and_changes_nothing(login, changes, field):
    me = UserFactory(language="en")
    before = Profile.objects.get(user=me)
    response = login(me).post(reverse("profile_edit"), _form(before, bio="new bio", **changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please correct the errors below" in page
    assert 'aria-invalid="true"' in page
    assert f'href="#id_{field}' in page
    after = Profile.objects.get(user=me)
    assert (after.bio, after.chosen_name, after.updated_at) == (
        before.bio,
        before.chosen_name,
        before.updated_at,
    )


def test_profile_errors_are_in_spanish_for_a_spanish_speaker(login, translations):
    me = UserFactory(language="es")
    response = login(me).post(reverse("profile_edit"), _form(me.profile, chosen_name=""))
    page = response.content.decode()
    assert "Mi perfil" in page
    assert "Corrige los errores" in page


def test_a_member_without_a_profile_can_make_one(login):
    me = User.objects.create_user("fresh@example.org", state=User.State.MEMBER)
    client = login(me)
    page = client.get(reverse("profile_edit")).content.decode()
    assert reverse("profile_preview") not in page
    assert client.get(reverse("profile_preview")).status_code == 302
    blank = {
        "chosen_name": "Luz",
        **{
            f"{n}_audience": Audience.ONLY_ME
            for n in (
                "pronouns",
                "languages",
                "area",
                "bio",
                "interests",
                "skills",
                "accessibility_needs",
                "dietary_needs",
                "identity_tags",
            )
        },
    }
    assert client.post(reverse("profile_edit"), blank).status_code == 302
    assert Profile.objects.get(user=me).chosen_name == "Luz"


def test_own_pages_are_for_members_only(client, login):
    for name in ("profile_edit", "profile_preview", "block_list"):
        assert client.get(reverse(name)).status_code == 302
        assert login(ApplicantFactory()).get(reverse(name)).status_code == 404


def test_preview_shows_each_audience_through_plain_links(login):
    me = UserFactory(language="en")
    profile = me.profile
    profile.bio, profile.bio_audience = "ORG-ONLY-BIO", Audience.ORGANISERS
    profile.skills, profile.skills_audience = "GROUP-SKILLS", Audience.SHARED_GROUP
    profile.interests, profile.interests_audience = "ALL-INTERESTS", Audience.MEMBERS
    profile.identity_tags = "PRIVATE-IDENTITY"
    profile.save()
    client = login(me)
    url = reverse("profile_preview")

    organisers = client.get(url, {"as": "organisers"}).content.decode()
    assert all(m in organisers for m in ("ORG-ONLY-BIO", "GROUP-SKILLS", "ALL-INTERESTS"))
    assert 'href="?as=organisers" aria-current="page"' in organisers
    group = client.get(url, {"as": "shared_group"}).content.decode()
    assert "ORG-ONLY-BIO" not in group
    assert "GROUP-SKILLS" in group
    everyone = client.get(url).content.decode()
    assert "GROUP-SKILLS" not in everyone
    assert "ALL-INTERESTS" in everyone
    assert 'href="?as=members" aria-current="page"' in everyone
    # "Only me" is no audience to preview as: the page falls back to any vetted member.
    fallback = client.get(url, {"as": "only_me"}).content.decode()
    assert 'href="?as=members" aria-current="page"' in fallback
    for page in (organisers, group, everyone, fallback):
        assert "PRIVATE-IDENTITY" not in page
        assert me.email not in page
        assert "<script>" not in page


def test_settings_save_and_link_to_the_account_pages(login):
    me = UserFactory(language="en")
    client = login(me)
    page = client.get(reverse("settings_edit")).content.decode()
    for name in ("account_email", "account_change_password", "mfa_index", "usersessions_list"):
        assert f'href="{reverse(name)}"' in page
    assert "neutral" in page  # discreet mode is explained
    response = client.post(
        reverse("settings_edit"),
        {"language": "es", "time_zone": "America/Lima", "discreet_mode": "on"},
    )
    assert response.status_code == 302
    assert response.cookies["tejido_language"].value == "es"
    me.refresh_from_db()
    assert (me.language, me.time_zone, me.discreet_mode) == ("es", "America/Lima", True)
    # Discreet mode: a neutral tab title from then on, in the language just chosen.
    assert "<title>Notas</title>" in client.get(reverse("settings_edit")).content.decode()


def test_settings_keep_an_unlisted_zone_and_refuse_a_bad_one(login):
    me = UserFactory(language="en", time_zone="Asia/Tokyo")
    client = login(me)
    assert (
        '<option value="Asia/Tokyo" selected>'
        in client.get(reverse("settings_edit")).content.decode()
    )
    response = client.post(
        reverse("settings_edit"), {"language": "en", "time_zone": "Mars/Base", "discreet_mode": ""}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    me.refresh_from_db()
    assert me.time_zone == "Asia/Tokyo"


def test_applicants_have_settings_too(login, client):
    applicant = ApplicantFactory(language="en")
    assert login(applicant).get(reverse("settings_edit")).status_code == 200
    assert client.get(reverse("settings_edit")).status_code == 302


def test_a_name_like_another_members_is_refused_in_the_members_language(login, translations):
    UserFactory(profile__chosen_name="Marisol")
    me = UserFactory(language="es")
    page = login(me).post(reverse("profile_edit"), _form(me.profile, chosen_name="marisól"))
    assert "se parece demasiado al de otra persona" in page.content.decode()
    assert Profile.objects.get(user=me).chosen_name != "marisól"
