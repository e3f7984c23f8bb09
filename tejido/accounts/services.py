"""Every write to members and their profiles."""

from functools import lru_cache
from typing import Any
from zoneinfo import available_timezones

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tejido.access.base import is_vetted
from tejido.access.members import can_block_member, can_edit_profile
from tejido.accounts.choices import ALLERGEN_CHOICES, DIET_CHOICES, LANGUAGE_CODES
from tejido.accounts.models import AUDIENCED_FIELDS, Audience, Block, Profile, User
from tejido.accounts.names import members_named_like
from tejido.core.errors import InvalidInput, NotAllowed, NotFound
from tejido.core.text import TextRule
from tejido.network.models import Area


class CannotBlockSelf(InvalidInput):
    code = "cannot_block_self"
    message = _("You cannot block yourself.")


@transaction.atomic
def change_language(*, actor: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise InvalidInput(detail={"language": "unknown"})
    actor.language = language
    actor.save(update_fields=["language"])
    return actor


@transaction.atomic
def register_applicant(
    *,
    email: str,
    password: str | None,
    chosen_name: str,
    pronouns: str = "",
    language: str,
    discreet_mode: bool = False,
) -> User:
    """Someone signs up: an applicant with a profile that holds only their chosen name and
    pronouns (never a legal name). Email verification is allauth's business."""
    # No look-alike check here: see tejido.accounts.names.
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    chosen_name = PROFILE_TEXT_RULES["chosen_name"].clean(chosen_name, field="chosen_name")
    pronouns = PROFILE_TEXT_RULES["pronouns"].clean(pronouns, field="pronouns")
    user = User.objects.create_user(
        email,
        password,
        state=User.State.APPLICANT,
        language=language,
        discreet_mode=discreet_mode,
    )
    Profile.objects.create(user=user, chosen_name=chosen_name, pronouns=pronouns)
    return user


# What a member may change on their profile: its text fields, languages, area, and who may
# see each field.
PROFILE_TEXT_FIELDS = (
    "chosen_name",
    "pronouns",
    "bio",
    "interests",
    "skills",
    "accessibility_needs",
    "dietary_needs",
    "identity_tags",
)
AUDIENCE_FIELDS = tuple(f"{name}_audience" for name in AUDIENCED_FIELDS)
# The structured dietary needs, codes from fixed lists, shown to the dietary needs' audience.
PROFILE_CODE_FIELDS = {
    "diet": [code for code, _label in DIET_CHOICES],
    "allergies": [code for code, _label in ALLERGEN_CHOICES],
}
PROFILE_FIELDS = (
    *PROFILE_TEXT_FIELDS,
    "languages",
    "area",
    *PROFILE_CODE_FIELDS,
    *AUDIENCE_FIELDS,
)


# The rule for each text field; forms and the API read their limits from here.
PROFILE_TEXT_RULES = {
    "chosen_name": TextRule.of_column(
        Profile,
        "chosen_name",
        required=True,
        name=True,
        required_message=_("Enter the name you want to be called."),
    ),
    "pronouns": TextRule.of_column(Profile, "pronouns"),
    **{
        name: TextRule.of_column(Profile, name, multiline=True)
        for name in PROFILE_TEXT_FIELDS
        if name not in ("chosen_name", "pronouns")
    },
}


def _clean_text(name: str, value: Any, errors: dict[str, str]) -> str:
    try:
        return PROFILE_TEXT_RULES[name].clean(value, field=name)
    except InvalidInput as error:
        errors.update(error.detail)
        return ""


def _clean_languages(value: Any, errors: dict[str, str]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(code, str) for code in value):
        errors["languages"] = gettext("Choose languages from the list.")
        return []
    codes = list(dict.fromkeys(value))
    if not set(codes) <= LANGUAGE_CODES:
        errors["languages"] = gettext("Choose languages from the list.")
        return []
    return codes


def _clean_codes(name: str, value: Any, errors: dict[str, str]) -> list[str]:
    """Codes from the field's list, each once, in the list's order."""
    order = PROFILE_CODE_FIELDS[name]
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(
        isinstance(code, str) and code in order for code in value
    ):
        errors[name] = gettext("Choose from the list.")
        return []
    return [code for code in order if code in value]


def _clean_area(value: Any, errors: dict[str, str]) -> Area | None:
    if value in (None, ""):
        return None
    area_id = value.pk if isinstance(value, Area) else value
    try:
        area = Area.objects.filter(pk=int(area_id)).first()
    except (TypeError, ValueError):
        area = None
    if area is None:
        errors["area"] = gettext("Choose an area from the list.")
    return area


def _looks_taken(name: str, actor: User) -> bool:
    """Whether a member's new name looks like another member's. Only members are told: see
    tejido.accounts.names for why applicants are not."""
    return is_vetted(actor) and members_named_like(name, other_than=actor.pk).exists()


@transaction.atomic
def update_profile(*, actor: User, **changes: Any) -> Profile:
    """Change the actor's own profile: any of PROFILE_FIELDS, each validated; on any error
    nothing is saved and InvalidInput carries one message per field. A member without a
    profile yet gets one (then a chosen name is required). Everything that shows the member
    renders from the profile, so a new chosen name shows everywhere at once."""
    if not can_edit_profile(actor):
        raise NotAllowed()
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if name in PROFILE_TEXT_FIELDS:
            cleaned[name] = _clean_text(name, value, errors)
        elif name == "languages":
            cleaned[name] = _clean_languages(value, errors)
        elif name == "area":
            cleaned[name] = _clean_area(value, errors)
        elif name in PROFILE_CODE_FIELDS:
            cleaned[name] = _clean_codes(name, value, errors)
        elif name in AUDIENCE_FIELDS:
            if value not in Audience.values:
                errors[name] = gettext("Choose who can see this from the list.")
            cleaned[name] = value
        else:
            errors[name] = gettext("This cannot be changed here.")
    profile = Profile.objects.select_for_update().filter(user=actor).first()
    if profile is None:
        profile = Profile(user=actor)
        if "chosen_name" not in changes:
            errors["chosen_name"] = gettext("Enter the name you want to be called.")
    new_name = cleaned.get("chosen_name") or ""
    if new_name and new_name != profile.chosen_name and _looks_taken(new_name, actor):
        errors["chosen_name"] = gettext(
            "This name looks too much like another member's. Add something that makes it "
            "yours, such as an initial or a second name."
        )
    if errors:
        raise InvalidInput(detail=errors)
    for name, value in cleaned.items():
        setattr(profile, name, value)
    profile.save()
    return profile


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


@transaction.atomic
def update_settings(*, actor: User, language: str, time_zone: str, discreet_mode: bool) -> User:
    """The actor's language, time zone (any IANA zone) and discreet mode: neutral tab title
    and icon, neutral email sender and subjects."""
    if not can_edit_profile(actor):
        raise NotAllowed()
    errors: dict[str, str] = {}
    if language not in dict(settings.LANGUAGES):
        errors["language"] = gettext("Choose a language from the list.")
    if not isinstance(time_zone, str) or time_zone not in _time_zones():
        errors["time_zone"] = gettext("Choose a time zone from the list.")
    if not isinstance(discreet_mode, bool):
        errors["discreet_mode"] = gettext("Choose on or off.")
    if errors:
        raise InvalidInput(detail=errors)
    actor.language = language
    actor.time_zone = time_zone
    actor.discreet_mode = discreet_mode
    actor.save(update_fields=["language", "time_zone", "discreet_mode"])
    return actor


@transaction.atomic
def block_member(*, actor: User, target: User) -> Block:
    """The actor blocks `target`: from now on neither sees the other anywhere. Blocking twice
    is the same as once. The blocked person is told nothing and nothing of it shows to them;
    it is a personal act, so it is not in the organisers' audit log either."""
    if not is_vetted(actor):
        raise NotAllowed()
    if target.pk == actor.pk:
        raise CannotBlockSelf()
    existing = Block.objects.filter(blocker=actor, blocked=target).first()
    if existing is not None:
        return existing
    if not can_block_member(actor, target):
        raise NotFound()
    block, _created = Block.objects.get_or_create(blocker=actor, blocked=target)
    return block


@transaction.atomic
def unblock_member(*, actor: User, target: User) -> None:
    """The actor lifts their block on `target`; unblocking someone not blocked does nothing.
    A block the target made stays: each person's block is their own."""
    if not is_vetted(actor):
        raise NotAllowed()
    Block.objects.filter(blocker=actor, blocked=target).delete()
