# A business's opening hours become lines of days and times (BusinessHours, read by the same
# rule as a service's schedules, for "open now"), and it gets directions in words. What was
# written as free-text hours is kept, word for word, as the note about its hours (with its
# translations): nobody's words are lost, and an organiser turns them into lines when they
# next edit the business.

import django.db.models.deletion
from django.db import migrations, models

from tejido.core.search import RebuildSearchIndex


def _rename_translations(apps, old: str, new: str) -> None:
    Business = apps.get_model("directory", "Business")
    for business in Business.objects.exclude(translations={}).only("pk", "translations"):
        texts = business.translations or {}
        if not any(old in (texts.get(lang) or {}) for lang in texts):
            continue
        business.translations = {
            lang: {(new if name == old else name): value for name, value in (words or {}).items()}
            for lang, words in texts.items()
        }
        business.save(update_fields=["translations"])


def hours_into_note(apps, schema_editor) -> None:
    _rename_translations(apps, "opening_hours", "hours_note")


def note_into_hours(apps, schema_editor) -> None:
    _rename_translations(apps, "hours_note", "opening_hours")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_business_standing_note"),
    ]

    operations = [
        # Undone last when the migration is reversed: the table rebuilt again, the triggers made.
        RebuildSearchIndex("directory_business", "words"),
        migrations.RenameField(
            model_name="business", old_name="opening_hours", new_name="hours_note"
        ),
        migrations.AlterField(
            model_name="business",
            name="hours_note",
            field=models.TextField(blank=True, verbose_name="about the opening hours"),
        ),
        migrations.AddField(
            model_name="business",
            name="directions",
            field=models.TextField(blank=True, verbose_name="directions in words"),
        ),
        migrations.RunPython(hours_into_note, note_into_hours, elidable=False),
        migrations.CreateModel(
            name="BusinessHours",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("byday", models.CharField(max_length=60, verbose_name="days")),
                ("opens_at", models.TimeField(verbose_name="opens at")),
                ("closes_at", models.TimeField(verbose_name="closes at")),
                (
                    "business",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hours",
                        to="directory.business",
                    ),
                ),
            ],
            options={
                "verbose_name": "opening hours",
                "verbose_name_plural": "opening hours",
                "ordering": ["business", "position", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("byday", ""), _negated=True),
                        name="business_hours_days",
                    )
                ],
            },
        ),
        # SQLite rebuilt the table to rename and add the columns, and dropped its search triggers.
        RebuildSearchIndex("directory_business", "words"),
    ]
