"""Every kind's privacy table (tejido/access/tests/kinds/) run through the JSON API: each
relation's token finds each protected field's marker in the thing's API answer exactly when
the table says. Someone whose token cannot work (nobody, an applicant, a suspended member)
gets a 401 and so sees nothing."""

import pytest
from django.test import Client

from tejido.access.tests.kinds import PrivacyKind, kinds, rows
from tejido.accounts.models import User
from tejido.accounts.tokens import create_token

pytestmark = pytest.mark.django_db


def _answer(user: User | None, path: str) -> str:
    headers = {}
    if user is not None and user.state == User.State.MEMBER:
        _token, secret = create_token(actor=user, name="privacy kinds")
        headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return Client().get(f"/api/v1{path}", **headers).content.decode()


@pytest.mark.parametrize("kind", kinds(), ids=lambda kind: kind.name)
def test_the_api_answers_each_viewer_what_the_table_says(kind: PrivacyKind):
    world = kind.build()
    # A relation with no API address for the kind (an applicant, who holds no token, looking
    # at their own application) is checked on the pages only.
    answers = {
        relation: _answer(user, path)
        for relation, user in world.viewers.items()
        if (path := world.api(relation)) is not None
    }
    wrong = [
        f"{kind.name}: {row.relation} {'should' if row.visible else 'must not'} see {row.field}"
        for row in rows(kind)
        if row.relation in answers
        and (world.markers[row.field] in answers[row.relation]) != row.visible
    ]
    assert wrong == []
