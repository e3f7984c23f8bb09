"""What every listing in the directory has beside its HSDS fields: who may see it, and the
translations of its text into the network's other language."""

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# A listing not verified for this long is shown as stale until someone verifies it again.
STALE_AFTER_DAYS = 183
LANGUAGES = ("es", "en")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone, on the public directory")
    MEMBERS = "members", _("Members only")
    ORGANISERS = "organisers", _("Organisers only")


def visibility_field() -> models.CharField:
    return models.CharField(
        _("who can see it"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        db_index=True,
    )


def visibility_known(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(visibility__in=Visibility.values), name=f"{name}_visibility_known"
    )


def translations_field() -> models.JSONField:
    """{"en": {"name": "…", "description": "…"}, "es": {…}}: a listing's HSDS text is in the
    language it was written in; these say it in the other one. Never exported to HSDS."""
    return models.JSONField(_("translations"), default=dict, blank=True)


def shown_language() -> str:
    """The language listings are shown in: the active one."""
    return (get_language() or "es")[:2]


def in_language(translations: Any, field: str, written: str | None, language: str) -> str:
    """A field written as `written`, in `language` when `translations` (a listing's) give it:
    what `translated` reads, from columns fetched without their model."""
    return ((translations or {}).get(language) or {}).get(field) or written or ""


def translated(obj: object, field: str, language: str | None = None) -> str:
    """The field in the active language when a translation is given, else as written."""
    lang = (language or shown_language())[:2]
    return in_language(getattr(obj, "translations", None), field, getattr(obj, field, ""), lang)
