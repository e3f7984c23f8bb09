"""The member's own account: everything on their profile, who may see each field, and their
settings."""

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import AfterValidator, Field

from tejido.accounts.choices import ALLERGEN_CODES, DIET_CODES, LANGUAGE_CODES
from tejido.accounts.models import AUDIENCED_FIELDS, Profile, User
from tejido.accounts.selectors import get_own_profile
from tejido.accounts.services import PROFILE_TEXT_RULES, update_profile
from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import READ_ERRORS, WRITE_ERRORS, Id, InputSchema, Text, responses

router = Router(tags=["me"])

AudienceName = Literal["only_me", "facilitators", "organisers", "shared_group", "members"]
Role = Literal["organiser", "facilitator", "professional"]


def _known_language(code: str) -> str:
    if code not in LANGUAGE_CODES:
        raise ValueError("unknown language code")
    return code


LanguageCode = Annotated[
    str,
    Field(json_schema_extra={"enum": sorted(LANGUAGE_CODES)}),
    AfterValidator(_known_language),
]


def _one_of(codes: frozenset[str]) -> Any:
    def check(code: str) -> str:
        if code not in codes:
            raise ValueError("unknown code")
        return code

    return check


DietCode = Annotated[
    str, Field(json_schema_extra={"enum": sorted(DIET_CODES)}), AfterValidator(_one_of(DIET_CODES))
]
AllergenCode = Annotated[
    str,
    Field(json_schema_extra={"enum": sorted(ALLERGEN_CODES)}),
    AfterValidator(_one_of(ALLERGEN_CODES)),
]


def _max(name: str) -> int:
    return PROFILE_TEXT_RULES[name].max_length


class AudiencesOut(Schema):
    """Who may see each profile field: only me, organisers, members of a group I am in, or all
    vetted members."""

    pronouns: AudienceName
    languages: AudienceName
    area: AudienceName
    bio: AudienceName
    interests: AudienceName
    skills: AudienceName
    accessibility_needs: AudienceName
    dietary_needs: AudienceName
    identity_tags: AudienceName


class AreaOut(Schema):
    id: int
    name: str


class MeOut(Schema):
    """Your email address is not here: a token handed to an app is no reason for that app to
    learn it (it often carries a legal name)."""

    id: int
    chosen_name: str
    pronouns: str
    languages: list[str]
    area: AreaOut | None
    bio: str
    interests: str
    skills: str
    accessibility_needs: str
    dietary_needs: str
    diet: list[DietCode] = Field(description="Shown to the audience of `dietary_needs`.")
    allergies: list[AllergenCode] = Field(
        description="The EU's 14 allergen groups; shown to the audience of `dietary_needs`."
    )
    identity_tags: str
    audiences: AudiencesOut
    roles: list[Role]
    language: Literal["es", "en"]
    time_zone: str
    discreet_mode: bool


class AudiencesIn(InputSchema):
    """Only the fields named change."""

    pronouns: AudienceName | None = None
    languages: AudienceName | None = None
    area: AudienceName | None = None
    bio: AudienceName | None = None
    interests: AudienceName | None = None
    skills: AudienceName | None = None
    accessibility_needs: AudienceName | None = None
    dietary_needs: AudienceName | None = None
    identity_tags: AudienceName | None = None


class MeIn(InputSchema):
    """Only the fields sent change. An empty string clears a text; `area: null` clears the
    area."""

    chosen_name: Text | None = Field(None, min_length=1, max_length=_max("chosen_name"))
    pronouns: Text | None = Field(None, max_length=_max("pronouns"))
    languages: list[LanguageCode] | None = Field(None, max_length=len(LANGUAGE_CODES))
    area: Id | None = None
    bio: Text | None = Field(None, max_length=_max("bio"))
    interests: Text | None = Field(None, max_length=_max("interests"))
    skills: Text | None = Field(None, max_length=_max("skills"))
    accessibility_needs: Text | None = Field(None, max_length=_max("accessibility_needs"))
    dietary_needs: Text | None = Field(None, max_length=_max("dietary_needs"))
    diet: list[DietCode] | None = Field(None, max_length=len(DIET_CODES))
    allergies: list[AllergenCode] | None = Field(None, max_length=len(ALLERGEN_CODES))
    identity_tags: Text | None = Field(None, max_length=_max("identity_tags"))
    audiences: AudiencesIn | None = None


def _roles(user: User) -> list[str]:
    roles = []
    if user.is_organiser:
        roles.append("organiser")
    if user.is_facilitator:
        roles.append("facilitator")
    if hasattr(user, "professional"):
        roles.append("professional")
    return roles


def _me(user: User, profile: Profile | None) -> dict:
    profile = profile or Profile(user=user, chosen_name="")
    return {
        "id": user.pk,
        "chosen_name": profile.chosen_name,
        "pronouns": profile.pronouns,
        "languages": list(profile.languages or []),
        "area": {"id": profile.area.pk, "name": profile.area.name} if profile.area else None,
        "bio": profile.bio,
        "interests": profile.interests,
        "skills": profile.skills,
        "accessibility_needs": profile.accessibility_needs,
        "dietary_needs": profile.dietary_needs,
        "diet": list(profile.diet or []),
        "allergies": list(profile.allergies or []),
        "identity_tags": profile.identity_tags,
        "audiences": {name: getattr(profile, f"{name}_audience") for name in AUDIENCED_FIELDS},
        "roles": _roles(user),
        "language": user.language,
        "time_zone": user.time_zone,
        "discreet_mode": user.discreet_mode,
    }


@router.get("/me", response=responses(MeOut, READ_ERRORS), summary="My profile and settings")
def get_me(request: HttpRequest) -> object:
    """Your whole profile, whatever its audiences, with who may see each field."""
    me = actor(request)
    return _me(me, get_own_profile(viewer=me))


@router.patch("/me", response=responses(MeOut, WRITE_ERRORS), summary="Change my profile")
def patch_me(request: HttpRequest, payload: MeIn) -> object:
    """Change profile fields and who may see them. Nothing changes unless all of it is valid."""
    me = actor(request)
    changes = payload.model_dump(exclude_unset=True)
    audiences = changes.pop("audiences", None) or {}
    for name, audience in audiences.items():
        if audience is not None:
            changes[f"{name}_audience"] = audience
    for name in list(changes):
        if changes[name] is None and name != "area":
            # `null` for a text means "leave it as it is", like leaving it out.
            del changes[name]
    profile = update_profile(actor=me, **changes)
    return _me(me, profile)
