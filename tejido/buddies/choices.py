"""The fixed lists a buddy opt-in chooses from: what one would like to talk about and when one
is free. Plain data, shared by the pages, the API, the services and the matching."""

from django.utils.translation import gettext_lazy as _

TOPIC_CHOICES = (
    ("coming_out", _("coming out")),
    ("transition", _("transition")),
    ("family", _("family")),
    ("relationships", _("relationships")),
    ("faith", _("faith")),
    ("migration", _("migration")),
    ("work", _("work")),
    ("mental_health", _("mental health")),
    ("loneliness", _("loneliness")),
    ("parenting", _("being a parent")),
)
TOPIC_CODES = frozenset(code for code, _label in TOPIC_CHOICES)

AVAILABILITY_CHOICES = (
    ("weekday_mornings", _("weekday mornings")),
    ("weekday_afternoons", _("weekday afternoons")),
    ("weekday_evenings", _("weekday evenings")),
    ("weekends", _("weekends")),
)
AVAILABILITY_CODES = frozenset(code for code, _label in AVAILABILITY_CHOICES)
