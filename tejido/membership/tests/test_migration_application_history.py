"""Migration 0003 turns an applicant's one application into a history: the applications that
exist keep their people and statuses."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tejido.membership.models import Application

BEFORE = [("membership", "0002_settings_and_areas_to_network")]


@pytest.mark.django_db(transaction=True)
def test_existing_applications_are_kept():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    person = old.get_model("accounts", "User").objects.create(email="a@example.org")
    old.get_model("membership", "Application").objects.create(user=person, status="declined")

    executor = MigrationExecutor(connection)
    # Every app's newest migration, 0003 among them: later tests find the schema they expect.
    executor.migrate(executor.loader.graph.leaf_nodes())

    application = Application.objects.get()
    assert (application.user_id, application.status) == (person.pk, "declined")
    Application.objects.create(user_id=person.pk)  # a second one is possible now
    assert Application.objects.filter(user_id=person.pk).count() == 2
