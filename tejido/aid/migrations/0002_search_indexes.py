"""The search indexes over requests open to all and over offers (tejido.core.search)."""

from django.db import migrations

from tejido.core.search import CreateSearchIndex


class Migration(migrations.Migration):
    dependencies = [("aid", "0001_initial")]

    operations = [
        CreateSearchIndex("aid_aidrequest", "search_words"),
        CreateSearchIndex("aid_aidoffer", "search_words"),
    ]
