"""The professionals' search index (tejido.core.search)."""

from django.db import migrations

from tejido.core.search import CreateSearchIndex


class Migration(migrations.Migration):
    dependencies = [("professionals", "0001_initial")]

    operations = [CreateSearchIndex("professionals_professional", "words")]
