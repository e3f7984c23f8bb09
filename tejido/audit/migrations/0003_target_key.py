"""Each entry keeps its target's key as text, so that a listing whose key is a UUID (an HSDS
record) has a history too; the entries already written get theirs from the id, or from the
"id" the directory put in their detail."""

from django.conf import settings
from django.db import migrations, models


def _fill_keys(apps, schema_editor):
    entries = apps.get_model("audit", "AuditEntry")
    for entry in entries.objects.exclude(target_kind="").iterator():
        detail = entry.detail if isinstance(entry.detail, dict) else {}
        key = str(entry.target_id) if entry.target_id is not None else str(detail.get("id", ""))
        if key:
            entries.objects.filter(pk=entry.pk).update(target_key=key[:40])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_targets_by_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="target_key",
            field=models.CharField(blank=True, default="", max_length=40),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["target_kind", "target_key"], name="audit_by_target"),
        ),
        migrations.RunPython(_fill_keys, migrations.RunPython.noop),
    ]
