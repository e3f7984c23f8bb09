"""What every app may need to know about the network itself: its settings and the areas
organisers keep. Everything else in Tejido sits above this app, so nothing here imports it."""

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tejido.core.cache import forget, remembered
from tejido.core.models import TimeStamped, in_language

NETWORK_CACHE_KEY = "tejido:network-settings"
DEFAULT_REAPPLY_DAYS = 30


class NetworkSettings(TimeStamped):
    """The one row of settings organisers edit; `current()` creates it on first use."""

    name = models.CharField(_("network name"), max_length=120, default="Tejido")
    tagline_es = models.CharField(_("tagline (Spanish)"), max_length=200, blank=True)
    tagline_en = models.CharField(_("tagline (English)"), max_length=200, blank=True)
    mission_es = models.TextField(_("mission (Spanish)"), blank=True)
    mission_en = models.TextField(_("mission (English)"), blank=True)
    how_to_join_es = models.TextField(_("how to join (Spanish)"), blank=True)
    how_to_join_en = models.TextField(_("how to join (English)"), blank=True)
    organiser_contact = models.CharField(
        _("how to reach the organisers"),
        max_length=300,
        blank=True,
        help_text=_(
            "An address, phone number or place where anyone, a suspended member included, can "
            "reach the organisers. Shown on the About page."
        ),
    )
    quick_exit_url = models.URLField(
        _("quick exit destination"), default="https://www.google.com/search?q=weather"
    )
    applications_open = models.BooleanField(_("applications open"), default=True)
    reapply_after_days = models.PositiveIntegerField(
        _("days before a declined applicant may apply again"),
        default=DEFAULT_REAPPLY_DAYS,
    )

    class Meta:
        verbose_name = _("network settings")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="single_settings_row")]

    @classmethod
    def current(cls) -> "NetworkSettings":
        return remembered(NETWORK_CACHE_KEY, lambda: cls.objects.get_or_create(pk=1)[0])

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        forget(NETWORK_CACHE_KEY)

    @property
    def tagline(self) -> str:
        return in_language(self, "tagline")

    @property
    def mission(self) -> str:
        return in_language(self, "mission")

    @property
    def how_to_join(self) -> str:
        return in_language(self, "how_to_join")

    def audit_label(self) -> str:
        return gettext("the network's settings")


class Area(models.Model):
    """A neighbourhood or town organisers list; never an address."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def audit_label(self) -> str:
        return self.name
