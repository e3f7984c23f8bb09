"""The first organiser of a new network, made from the command line (`manage.py
create_organiser`): a member in good standing with a profile and a verified address, so that
they appear in member lists and can log in at once."""

from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext

from tejido.access.members import forget_member_counts
from tejido.accounts.models import Profile, User
from tejido.accounts.services import PROFILE_TEXT_RULES
from tejido.core.errors import InvalidInput


def _address(email: str) -> str:
    """The address as allauth keeps it (lower case), or InvalidInput for the `email` field."""
    address = str(email or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise InvalidInput(detail={"email": gettext("Enter a valid email address.")}) from None
    if (
        User.objects.filter(email__iexact=address).exists()
        or EmailAddress.objects.filter(email__iexact=address).exists()
    ):
        raise InvalidInput(detail={"email": gettext("This address already has an account.")})
    return address


def _collect(errors: dict[str, str], check: Callable[[], str]) -> str:
    """The checked value, or "" with the check's errors added to `errors`."""
    try:
        return check()
    except InvalidInput as error:
        errors.update(error.detail)
        return ""


@transaction.atomic
def create_organiser(
    *, email: str, password: str, chosen_name: str, pronouns: str = "", language: str
) -> User:
    """A member who organises the network, with a profile and a verified primary address.
    Every problem is InvalidInput keyed by field (email, password, chosen_name, pronouns,
    language), with a translated message; nothing is created then."""
    errors: dict[str, str] = {}
    address = _collect(errors, lambda: _address(email))
    name = _collect(
        errors,
        lambda: PROFILE_TEXT_RULES["chosen_name"].clean(chosen_name, field="chosen_name"),
    )
    said_pronouns = _collect(
        errors,
        lambda: PROFILE_TEXT_RULES["pronouns"].clean(pronouns, field="pronouns"),
    )
    if language not in dict(settings.LANGUAGES):
        errors["language"] = gettext("Choose one of the languages.")
    try:
        validate_password(password, user=User(email=address))
    except ValidationError as error:
        errors["password"] = " ".join(error.messages)
    if errors:
        raise InvalidInput(detail=errors)
    user = User.objects.create_user(
        address,
        password,
        state=User.State.MEMBER,
        is_organiser=True,
        language=language,
    )
    Profile.objects.create(user=user, chosen_name=name, pronouns=said_pronouns)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    forget_member_counts()
    return user
