from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0001_initial"),
        ("accounts", "0006_area_in_network"),
        ("groups", "0003_area_in_network"),
    ]

    operations = [
        # The tables now belong to tejido.network (see network 0001); nothing is dropped.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Area"),
                migrations.DeleteModel(name="NetworkSettings"),
            ],
            database_operations=[],
        ),
    ]
