"""Every kind's privacy table (tejido/access/tests/kinds/) run through the policy and the
pages: each relation's viewer finds each protected field's marker in what tejido.access hands
them, and in the thing's page, exactly when the table says they may see it."""

import pytest
from django.test import Client

from tejido.access.tests.kinds import PrivacyKind, kinds, rows

pytestmark = pytest.mark.django_db

KINDS = kinds()


def test_every_kind_has_rows_and_its_markers_are_unique():
    assert {"member", "group", "application", "report", "event"} <= {kind.name for kind in KINDS}
    for kind in KINDS:
        assert rows(kind), kind.name


def _mismatches(kind: PrivacyKind, seen) -> list[str]:
    return [
        f"{kind.name}: {row.relation} {'should' if row.visible else 'must not'} see {row.field}"
        for row in rows(kind)
        if seen(row) != row.visible
    ]


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_the_policy_hands_each_viewer_what_the_table_says(kind: PrivacyKind):
    world = kind.build()
    shown = {relation: kind.policy(world, user) for relation, user in world.viewers.items()}
    assert _mismatches(kind, lambda row: world.markers[row.field] in shown[row.relation]) == []


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_the_pages_show_each_viewer_what_the_table_says(kind: PrivacyKind):
    world = kind.build()
    pages, statuses = {}, {}
    for relation, user in world.viewers.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(world.page(relation))
        pages[relation], statuses[relation] = response.content.decode(), response.status_code
    # A kind names a relation that sees the thing whatever else (`sees_everything`): while
    # that viewer's page is a 404, the kind's page is not built yet (its view is still a
    # placeholder), and only the policy and the API rows can run.
    probe = world.extra.get("sees_everything")
    if probe is not None and statuses[probe] == 404:
        pytest.skip(f"{kind.name}: its page is not built yet ({world.page(probe)} is a 404)")
    assert _mismatches(kind, lambda row: world.markers[row.field] in pages[row.relation]) == []
