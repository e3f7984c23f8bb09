# The network's settings and areas move here from membership, so that the apps below
# membership can use them. This migration only tells Django where the models now live (their
# tables stay as they are); 0002 renames the tables.

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("membership", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Area",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=120, unique=True, verbose_name="name")),
                        ("position", models.PositiveIntegerField(default=0)),
                    ],
                    options={"ordering": ["position", "name"], "db_table": "membership_area"},
                ),
                migrations.CreateModel(
                    name="NetworkSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("name", models.CharField(default="Tejido", max_length=120, verbose_name="network name")),
                        ("tagline_es", models.CharField(blank=True, max_length=200, verbose_name="tagline (Spanish)")),
                        ("tagline_en", models.CharField(blank=True, max_length=200, verbose_name="tagline (English)")),
                        ("mission_es", models.TextField(blank=True, verbose_name="mission (Spanish)")),
                        ("mission_en", models.TextField(blank=True, verbose_name="mission (English)")),
                        ("how_to_join_es", models.TextField(blank=True, verbose_name="how to join (Spanish)")),
                        ("how_to_join_en", models.TextField(blank=True, verbose_name="how to join (English)")),
                        ("quick_exit_url", models.URLField(default="https://www.google.com/search?q=weather", verbose_name="quick exit destination")),
                        ("applications_open", models.BooleanField(default=True, verbose_name="applications open")),
                    ],
                    options={
                        "verbose_name": "network settings",
                        "db_table": "membership_networksettings",
                        "constraints": [models.CheckConstraint(condition=models.Q(("pk", 1)), name="single_settings_row")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
