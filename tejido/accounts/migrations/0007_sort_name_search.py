"""Profiles keep their chosen name's plain words (tejido.core.text.fold) in `sort_name`: the
members list sorts by it and searches it through tejido.core.search. A change to `fold`
needs a migration that refills the column the same way as `fill_sort_names` here."""

from django.db import migrations, models

import tejido.core.models
from tejido.core.search import CreateSearchIndex
from tejido.core.text import fold


def fill_sort_names(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    profiles = list(Profile.objects.only("pk", "chosen_name"))
    for profile in profiles:
        profile.sort_name = fold(profile.chosen_name)[:255]
    Profile.objects.bulk_update(profiles, ["sort_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_area_in_network"),
        ("network", "0002_tables_contact_reapply"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="profile", name="profile_name_order"),
        migrations.AddField(
            model_name="profile",
            name="sort_name",
            field=tejido.core.models.CodePointOrderField(default="", editable=False, max_length=255),
        ),
        migrations.RunPython(fill_sort_names, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="profile",
            index=models.Index(fields=["sort_name", "user"], name="profile_sort_name_order"),
        ),
        # Last: on SQLite a later table rebuild in this migration would drop its triggers.
        CreateSearchIndex("accounts_profile", "sort_name"),
    ]
