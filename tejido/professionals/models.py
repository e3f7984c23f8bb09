"""Professionals the network has verified: therapists, psychologists, lawyers and doctors who
work well with LGBTQ+ people. They are listings, not accounts (a member's own credentials are
accounts.ProfessionalVerification). An organiser checks a professional's credentials and
verifies them again by `verify_again_by` (a year on by default); a listing past that date is
flagged to organisers and, after a grace period, hidden from members
(tejido.access.professionals says why)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tejido.core.models import CodePointOrderField, TimeStamped, in_language
from tejido.core.sealing import SealedTextField

# How long a verification holds, by default.
VERIFIED_FOR_DAYS = 365


class Profession(models.TextChoices):
    THERAPIST = "therapist", _("Therapist")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    LAWYER = "lawyer", _("Lawyer")
    DOCTOR = "doctor", _("Doctor")


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    SLIDING = "sliding", _("Sliding scale")
    FEE = "fee", _("Fee")


class Professional(TimeStamped):
    Profession = Profession
    Cost = Cost

    name = models.CharField(_("name"), max_length=120)
    profession = models.CharField(_("profession"), max_length=12, choices=Profession.choices)
    specialities_es = models.TextField(_("specialities (Spanish)"), blank=True)
    specialities_en = models.TextField(_("specialities (English)"), blank=True)
    # Language codes (tejido.accounts.choices) between spaces, " es en ": a filter by one
    # language is a plain `contains` on every database.
    languages = models.CharField(_("languages"), max_length=200, default=" ")
    cost = models.CharField(_("cost"), max_length=8, choices=Cost.choices)
    cost_note_es = models.CharField(_("about the cost (Spanish)"), max_length=300, blank=True)
    cost_note_en = models.CharField(_("about the cost (English)"), max_length=300, blank=True)
    # For vetted members only; sealed at rest (a direct number a professional gave the network).
    how_to_reach = SealedTextField(_("how to reach them"))
    area = models.ForeignKey(
        "network.Area",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )
    verified_on = models.DateField(_("verified on"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verify_again_by = models.DateField(_("verify again by"), db_index=True)
    listed = models.BooleanField(_("listed"), default=True)
    # What search finds it by (tejido.core.search) and what the list is ordered by.
    words = models.TextField(blank=True)
    sort_name = CodePointOrderField(max_length=120, blank=True)

    class Meta:
        ordering = ["sort_name", "pk"]
        indexes = [models.Index(fields=["sort_name", "id"])]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="professional_has_a_name"),
            models.CheckConstraint(
                condition=Q(profession__in=Profession.values), name="professional_profession_known"
            ),
            models.CheckConstraint(
                condition=Q(cost__in=Cost.values), name="professional_cost_known"
            ),
            models.CheckConstraint(
                condition=Q(verify_again_by__gt=F("verified_on")),
                name="professional_verified_before_again",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_label(self) -> str:
        return self.name

    @property
    def specialities(self) -> str:
        return in_language(self, "specialities")

    @property
    def cost_note(self) -> str:
        return in_language(self, "cost_note")

    @property
    def language_codes(self) -> list[str]:
        return self.languages.split()
