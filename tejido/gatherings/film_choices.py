"""The representation tags a film can carry: a fixed list, so that members can filter the film
list by them in either language."""

from django.utils.translation import gettext_lazy as _

REPRESENTATION_CHOICES = (
    ("trans_lead", _("Trans lead")),
    ("nonbinary", _("Nonbinary character")),
    ("lesbian", _("Lesbian story")),
    ("gay", _("Gay story")),
    ("bisexual", _("Bisexual story")),
    ("intersex", _("Intersex character")),
    ("ace_aro", _("Asexual or aromantic character")),
    ("qpoc", _("Queer people of colour")),
    ("older", _("Older queer people")),
    ("family", _("Queer family")),
    ("coming_out", _("Coming out story")),
    ("happy_ending", _("Happy ending")),
)
REPRESENTATION_CODES = frozenset(code for code, _label in REPRESENTATION_CHOICES)
_NAMES = dict(REPRESENTATION_CHOICES)


def representation_name(code: str) -> str:
    """The translated name of a tag; an unknown one is shown as it is."""
    name = _NAMES.get(code)
    return str(name) if name is not None else code
