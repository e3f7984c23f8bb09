"""The search indexes of services and businesses, and the directory's two taxonomies (its
categories and its attributes) in both languages (tejido/directory/taxonomy_seed.py)."""

from django.db import migrations

from tejido.core.search import CreateSearchIndex
from tejido.directory.taxonomy_seed import ATTRIBUTES_ID, CATEGORIES_ID, seed_taxonomies


def seed(apps, schema_editor):
    seed_taxonomies(apps.get_model("directory", "Taxonomy"), apps.get_model("directory", "TaxonomyTerm"))


def unseed(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    Taxonomy.objects.filter(id__in=[CATEGORIES_ID, ATTRIBUTES_ID]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        CreateSearchIndex("directory_servicewords", "words"),
        CreateSearchIndex("directory_business", "words"),
        migrations.RunPython(seed, unseed),
    ]
