from typing import Any

from django.db import models
from django.utils.translation import get_language


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def bilingual(obj: object, field: str) -> dict[str, str]:
    """A bilingual field in both languages, for a notice to render in its reader's language
    whenever they read it (see tejido.notifications.kinds)."""
    return {"es": getattr(obj, f"{field}_es", ""), "en": getattr(obj, f"{field}_en", "")}


def in_language(obj: object, field: str, language: str | None = None) -> str:
    """The bilingual field `field_es` / `field_en` in the active language, falling back to the
    other one when the translation is empty."""
    return pick_language(getattr(obj, f"{field}_es", ""), getattr(obj, f"{field}_en", ""), language)


def pick_language(es: str, en: str, language: str | None = None) -> str:
    """Of a text in Spanish and English, the one in `language` (the active one by default),
    else the other when that one is empty."""
    lang = (language or get_language() or "es")[:2]
    return (en or es) if lang == "en" else (es or en)


class CodePointOrderField(models.CharField):
    """Text that sorts by code point on every database. SQLite compares bytes; PostgreSQL's
    default collation would skip spaces and punctuation at first, so "ana maria" and
    "anabel" would sort differently there. For columns of folded words (tejido.core.text)."""

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params
