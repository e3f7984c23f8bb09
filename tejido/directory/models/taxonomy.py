"""HSDS 3.0 taxonomies: a taxonomy holds terms (in a tree by `parent_id`), and an attribute
links a term to any record (`link_entity` is the record's table, `link_id` its id). The
directory's categories and its attributes (LGBTQ+-led, free …) are two taxonomies of the
network, seeded by a data migration in both languages."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.core.models import TimeStamped
from tejido.directory.models.listing import translated, translations_field
from tejido.directory.models.organizations import (
    CODE_LENGTH,
    NAME_LENGTH,
    hsds_id,
    short,
    text,
)

# The two taxonomies the directory's filters read, by their HSDS ids (the data migration
# makes them; an import may add terms to them or bring other taxonomies).
CATEGORIES_ID = uuid.UUID("5f3a2b1c-7d4e-4c8a-9b6f-1e2d3c4b5a60")
ATTRIBUTES_ID = uuid.UUID("5f3a2b1c-7d4e-4c8a-9b6f-1e2d3c4b5a61")
# The attribute terms that mean the service costs nothing.
FREE_CODE = "free"


class Taxonomy(TimeStamped):
    id = hsds_id()
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    description = models.TextField(_("description"))
    uri = models.URLField(max_length=500, blank=True)
    version = short(_("version"), CODE_LENGTH)
    translations = translations_field()

    class Meta:
        verbose_name_plural = "taxonomies"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def shown(self, field: str) -> str:
        return translated(self, field)


class TaxonomyTerm(TimeStamped):
    id = hsds_id()
    # The term's identifier in its taxonomy ("housing"): with the taxonomy, it names the term.
    code = short(_("code"), CODE_LENGTH)
    name = models.CharField(_("name"), max_length=NAME_LENGTH)
    description = models.TextField(_("description"))
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    # HSDS: the name of an established taxonomy the term is from, when it has no
    # `taxonomy_id`; the taxonomy itself is `taxonomy_detail` (its column is `taxonomy_id`).
    taxonomy = short(_("taxonomy name"))
    taxonomy_detail = models.ForeignKey(
        Taxonomy,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_column="taxonomy_id",
        related_name="terms",
    )
    language = short(_("language"), 10)
    term_uri = models.URLField(max_length=500, blank=True)
    translations = translations_field()
    # Where it comes among its siblings on the directory's pages.
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy_detail", "code"],
                condition=~Q(code=""),
                name="one_term_per_code_in_a_taxonomy",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def shown(self, field: str) -> str:
        return translated(self, field)


class Attribute(TimeStamped):
    id = hsds_id()
    link_id = models.UUIDField()
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes"
    )
    link_type = short(_("what it describes"), CODE_LENGTH)
    # The table of the record `link_id` names: "service", "organization", "location" …
    link_entity = models.CharField(max_length=40)
    value = text(_("value"))

    class Meta:
        indexes = [models.Index(fields=["link_entity", "link_id"])]

    def __str__(self) -> str:
        return f"{self.link_entity} {self.link_id}: {self.taxonomy_term_id}"
