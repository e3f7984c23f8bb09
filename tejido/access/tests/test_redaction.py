import pytest
from django.db.models import F
from django.utils import timezone, translation

from tejido.access.base import Audience, Viewer
from tejido.access.members import (
    PREVIEW_AUDIENCES,
    MemberCard,
    blocked_member_cards,
    member_card,
    member_cards,
    members_blocked_by,
)
from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import AUDIENCED_FIELDS, ProfessionalVerification
from tejido.network.models import Area

pytestmark = pytest.mark.django_db


def _subject(audience: str = Audience.MEMBERS, **values):
    user = UserFactory()
    profile = user.profile
    for name in AUDIENCED_FIELDS:
        setattr(profile, f"{name}_audience", audience)
    for name, value in values.items():
        setattr(profile, name, value)
    profile.save()
    return user


def test_a_card_holds_only_what_the_viewer_may_see_and_never_the_email():
    subject = _subject(Audience.ORGANISERS, bio="secret bio")
    card = member_cards(UserFactory(), [subject])[0]
    assert card.chosen_name == subject.profile.chosen_name
    assert "bio" not in card.fields
    assert card.bio is None
    assert subject.email not in repr(card)
    assert member_cards(OrganiserFactory(), [subject])[0].bio == "secret bio"


def test_an_unknown_attribute_is_an_error_not_a_blank():
    card = MemberCard(id=1, chosen_name="A", is_self=False, roles=())
    with pytest.raises(AttributeError):
        _ = card.email


def test_empty_fields_are_absent_and_area_is_its_name():
    area = Area.objects.create(name="Lavapiés")
    subject = _subject(bio="", area=area, languages=["es", "eu"])
    card = member_cards(UserFactory(), [subject])[0]
    assert "bio" not in card.fields
    assert card.area == "Lavapiés"
    with translation.override("en"):
        assert card.language_names == ["Spanish", "Basque"]
    assert MemberCard(id=1, chosen_name="A", is_self=False, roles=()).language_names == []


def test_roles_show_organisers_facilitators_and_verified_professionals():
    organiser = OrganiserFactory(is_facilitator=True)
    professional = UserFactory()
    ProfessionalVerification.objects.create(
        user=professional, profession="therapist", method="registry", verified_at=timezone.now()
    )
    cards = member_cards(UserFactory(), [organiser, professional, UserFactory()])
    assert [c.roles for c in cards] == [("organiser", "facilitator"), ("professional",), ()]


def test_own_card_is_marked_as_self():
    me = UserFactory()
    assert member_cards(me, [me])[0].is_self
    assert not member_cards(UserFactory(), [me])[0].is_self


def test_preview_shows_what_each_audience_would_see():
    me = UserFactory()
    profile = me.profile
    profile.bio, profile.bio_audience = "bio", Audience.ORGANISERS
    profile.skills, profile.skills_audience = "skills", Audience.SHARED_GROUP
    profile.interests, profile.interests_audience = "interests", Audience.MEMBERS
    profile.identity_tags, profile.identity_tags_audience = "identity", Audience.ONLY_ME
    profile.save()
    viewer = Viewer(user=me)
    seen = {a: set(member_card(viewer, me, as_audience=a).fields) for a in PREVIEW_AUDIENCES}
    assert {"bio", "skills", "interests"} <= seen[Audience.ORGANISERS]
    assert "bio" not in seen[Audience.SHARED_GROUP]
    assert {"skills", "interests"} <= seen[Audience.SHARED_GROUP]
    assert "skills" not in seen[Audience.MEMBERS]
    assert "interests" in seen[Audience.MEMBERS]
    assert all("identity_tags" not in fields for fields in seen.values())
    assert not member_card(viewer, me, as_audience=Audience.MEMBERS).is_self


def test_preview_is_only_of_ones_own_card_and_only_as_a_real_audience():
    me, other = UserFactory(), UserFactory()
    with pytest.raises(ValueError, match="previews only"):
        member_card(Viewer(user=other), me, as_audience=Audience.MEMBERS)
    with pytest.raises(ValueError, match="previews only"):
        member_card(Viewer(user=me), me, as_audience=Audience.ONLY_ME)


def test_blocked_member_cards_carry_name_and_date_only():
    me, other = UserFactory(), UserFactory()
    BlockFactory(blocker=me, blocked=other)
    users = (
        members_blocked_by(me)
        .select_related("profile")
        .annotate(blocked_at=F("blocks_received__created_at"))
    )
    [card] = blocked_member_cards(users)
    assert card.id == other.pk
    assert card.chosen_name == other.profile.chosen_name
    assert card.blocked_at is not None
