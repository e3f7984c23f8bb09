"""Who may import the directory from HSDS and export it, and what an export holds."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tejido.access.directory_io import (
    belongs_only_to,
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


@pytest.mark.parametrize(
    ("owners", "leaves"),
    [
        ([], False),
        ([("service", "s1")], True),
        ([("service", "s1"), ("location", "l1")], True),
        ([("service", "s1"), ("location", "hidden")], False),
        ([("location", "hidden")], False),
    ],
)
def test_a_record_leaves_only_with_everything_it_belongs_to(
    owners: list[tuple[str, str]], leaves: bool
) -> None:
    exported = {("service", "s1"), ("location", "l1")}
    assert belongs_only_to(owners, lambda table, pk: (table, pk) in exported) is leaves
