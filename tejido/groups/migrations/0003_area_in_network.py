import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0002_initial"),
        ("network", "0001_initial"),
    ]

    operations = [
        # The same table and column; only the model's home changed (see network 0001).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="group",
                    name="area",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to="network.area", verbose_name="area"),
                ),
            ],
            database_operations=[],
        ),
    ]
