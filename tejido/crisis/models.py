"""Crisis and support lines that organisers keep, per country and language: anyone may read
them, signed in or not, from the "Need help now?" page every page links to. Each line says
where its number was seen (`source`) and when an organiser last checked it; lines change, so
one not checked for six months is flagged to organisers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.core.models import TimeStamped, in_language

# A line not checked for this long is flagged on the organisers' list.
STALE_AFTER_DAYS = 182
# The public list's rows in the shared cache (tejido.core.cache), forgotten on every write.
CRISIS_LINES_CACHE_KEY = "tejido:crisis-lines"


class LineAudience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    LGBTQ = "lgbtq", _("LGBTQ+ people")
    YOUTH = "youth", _("Young people")
    TRANS = "trans", _("Trans and nonbinary people")


# The countries a line can be for, with their translated names; ISO 3166-1 alpha-2 codes.
class Country(models.TextChoices):
    AR = "AR", _("Argentina")
    BO = "BO", _("Bolivia")
    CL = "CL", _("Chile")
    CO = "CO", _("Colombia")
    CR = "CR", _("Costa Rica")
    CU = "CU", _("Cuba")
    DO = "DO", _("Dominican Republic")
    EC = "EC", _("Ecuador")
    SV = "SV", _("El Salvador")
    GT = "GT", _("Guatemala")
    HN = "HN", _("Honduras")
    MX = "MX", _("Mexico")
    NI = "NI", _("Nicaragua")
    PA = "PA", _("Panama")
    PY = "PY", _("Paraguay")
    PE = "PE", _("Peru")
    PR = "PR", _("Puerto Rico")
    ES = "ES", _("Spain")
    UY = "UY", _("Uruguay")
    VE = "VE", _("Venezuela")
    US = "US", _("United States")
    CA = "CA", _("Canada")
    GB = "GB", _("United Kingdom")
    IE = "IE", _("Ireland")
    PT = "PT", _("Portugal")
    FR = "FR", _("France")
    DE = "DE", _("Germany")
    IT = "IT", _("Italy")


class CrisisLine(TimeStamped):
    Audience = LineAudience

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    sms = models.CharField(_("text message (SMS)"), max_length=80, blank=True)
    chat_url = models.URLField(_("chat address"), max_length=500, blank=True)
    hours = models.CharField(_("hours"), max_length=200, blank=True)
    # Language codes (tejido.accounts.choices), in the order the line gives them.
    languages = models.JSONField(_("languages"), default=list, blank=True)
    audience = models.CharField(
        _("for whom"), max_length=10, choices=LineAudience.choices, default=LineAudience.EVERYONE
    )
    notes_es = models.TextField(_("notes (Spanish)"), blank=True)
    notes_en = models.TextField(_("notes (English)"), blank=True)
    source = models.URLField(_("where the number was seen"), max_length=500, blank=True)
    checked_on = models.DateField(_("last checked"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["country", "name_en", "name_es", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_es="") | ~Q(name_en=""), name="crisis_line_has_a_name"
            ),
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(sms="") | ~Q(chat_url=""),
                name="crisis_line_can_be_reached",
            ),
            models.CheckConstraint(
                condition=Q(audience__in=LineAudience.values), name="crisis_line_audience_known"
            ),
            models.CheckConstraint(
                condition=Q(country__in=Country.values), name="crisis_line_country_known"
            ),
            # What `load_crisis_lines` finds a line again by.
            models.UniqueConstraint(
                fields=["country", "name_en", "name_es"], name="crisis_line_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self, "name")

    def audit_label(self) -> str:
        return self.name


class LoadedList(models.Model):
    """A file of lines loaded into the network (`load_crisis_lines`, the demo): its "about"
    says how far the numbers can be trusted, and stays on the organisers' page."""

    about = models.TextField(blank=True)
    lines = models.PositiveIntegerField(default=0)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at", "-pk"]

    def __str__(self) -> str:
        return f"crisis lines loaded {self.loaded_at:%Y-%m-%d}"
