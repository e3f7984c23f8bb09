from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("membership", "0002_settings_and_areas_to_network"),
    ]

    operations = [
        migrations.AlterModelTable(name="area", table=None),
        migrations.AlterModelTable(name="networksettings", table=None),
        migrations.AddField(
            model_name="networksettings",
            name="organiser_contact",
            field=models.CharField(blank=True, help_text="An address, phone number or place where anyone, a suspended member included, can reach the organisers. Shown on the About page.", max_length=300, verbose_name="how to reach the organisers"),
        ),
        migrations.AddField(
            model_name="networksettings",
            name="reapply_after_days",
            field=models.PositiveIntegerField(default=30, verbose_name="days before a declined applicant may apply again"),
        ),
    ]
