"""The audit table gets its own name, and each entry's target becomes a model and an id (read
in the reader's language) instead of an English string such as "invitation #1"."""

import re

from django.db import migrations, models

# How the old strings named their targets, and which model each names.
_BY_ID = {
    "application": "membership.application",
    "invitation": "membership.invitation",
    "question": "membership.applicationquestion",
}
# Actions whose old target was the area's name.
_AREA_ACTIONS = ("area.add", "area.rename", "area.move", "area.delete")
# Codes that were recorded without a label; they now have one under a new code.
_RENAMED = {
    "group_request_approved": "group.approve_request",
    "group_request_declined": "group.decline_request",
}


def _target(apps, entry):
    text = entry.target or ""
    match = re.fullmatch(r"(application|invitation|question) #(\d+)", text)
    if match:
        return _BY_ID[match.group(1)], int(match.group(2))
    match = re.fullmatch(r"code of conduct v(\d+)", text)
    if match:
        code = apps.get_model("membership", "CodeOfConduct").objects.filter(
            version=int(match.group(1))
        )
        return "membership.codeofconduct", code.values_list("pk", flat=True).first()
    if text.startswith("group:"):
        group = apps.get_model("groups", "Group").objects.filter(slug=text[len("group:") :])
        return "groups.group", group.values_list("pk", flat=True).first()
    if text == "network":
        return "network.networksettings", 1
    if entry.action in _AREA_ACTIONS and text:
        area = apps.get_model("network", "Area").objects.filter(name=text)
        return "network.area", area.values_list("pk", flat=True).first()
    return "", None


def forwards(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    for entry in AuditEntry.objects.iterator():
        kind, pk = _target(apps, entry)
        entry.target_kind = kind
        entry.target_id = pk
        # "member #3" said nothing that target_user does not.
        entry.target_name = "" if entry.target.startswith("member #") else entry.target[:200]
        entry.action = _RENAMED.get(entry.action, entry.action)
        entry.save(update_fields=["target_kind", "target_id", "target_name", "action"])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("moderation", "0002_auditentry_to_audit"),
        ("membership", "0002_settings_and_areas_to_network"),
        ("network", "0002_tables_contact_reapply"),
        ("groups", "0003_area_in_network"),
    ]

    operations = [
        migrations.AlterModelTable(name="auditentry", table=None),
        migrations.AlterModelOptions(
            name="auditentry",
            options={"ordering": ["-created_at", "-id"], "verbose_name_plural": "audit entries"},
        ),
        migrations.AddField(
            model_name="auditentry",
            name="target_kind",
            field=models.CharField(blank=True, max_length=60),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="target_id",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="target_name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="auditentry", name="target"),
    ]
