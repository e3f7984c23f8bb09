"""Chosen names that look alike: the same plain words (tejido.core.text.fold) once case,
accents, punctuation and look-alike letters are set aside ("Marisol", "marisol", "Marisól",
"M\u0430risol" with a Cyrillic "a").

A member who takes such a name is told so (tejido.accounts.services.update_profile). Someone
signing up or applying is NOT: "this name is taken" would tell a stranger whether a person they
know by that name is a member here, which can out them. Organisers see a warning on the
application instead (tejido.membership.selectors.get_application_row) and can ask the
applicant to choose another name before approving.
"""

from django.db.models import Q, QuerySet

from tejido.access.base import in_good_standing
from tejido.accounts.models import User
from tejido.core.text import fold


def members_named_like(chosen_name: str, *, other_than: int | None = None) -> QuerySet[User]:
    """Vetted members whose chosen name looks like `chosen_name`, except `other_than`."""
    plain = fold(chosen_name)
    # A name of symbols only has no plain words: then only the same name, whatever its case.
    same = Q(profile__sort_name=plain) if plain else Q(profile__chosen_name__iexact=chosen_name)
    members = User.objects.filter(same, in_good_standing())
    return members.exclude(pk=other_than) if other_than is not None else members
