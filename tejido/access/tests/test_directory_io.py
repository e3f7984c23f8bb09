"""Who may import the directory from HSDS and export it, and what an export holds."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tejido.access.directory_io import (
    can_export_directory,
    can_import_directory,
    exports_everything,
)
from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User

ROLES = {
    "nobody": lambda: None,
    "anonymous": AnonymousUser,
    "applicant": ApplicantFactory,
    "member": UserFactory,
    "suspended organiser": lambda: OrganiserFactory(state=User.State.SUSPENDED),
    "organiser": OrganiserFactory,
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("nobody", False),
        ("anonymous", False),
        ("applicant", False),
        ("member", False),
        ("suspended organiser", False),
        ("organiser", True),
    ],
)
def test_only_organisers_import_export_and_export_everything(role: str, allowed: bool) -> None:
    person = ROLES[role]()
    assert can_import_directory(person) is allowed
    assert can_export_directory(person) is allowed
    assert exports_everything(person) is allowed
