"""Every write to members and their profiles."""

from django.conf import settings
from django.db import transaction

from tejido.accounts.models import User
from tejido.core.errors import InvalidInput


@transaction.atomic
def change_language(*, actor: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise InvalidInput(detail={"language": "unknown"})
    actor.language = language
    actor.save(update_fields=["language"])
    return actor
