from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("audit", "0001_initial"),
    ]

    operations = [
        # The table now belongs to tejido.audit (see audit 0001); nothing is dropped.
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEntry")],
            database_operations=[],
        ),
    ]
