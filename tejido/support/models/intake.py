"""Intake: what a circle asks of those who want a place in it (its questions and its
confidentiality agreement, both in Spanish and English), and what each of them answered and
agreed to. Answers are sealed at rest: they often say why someone needs the circle."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.core.models import TimeStamped, in_language, pick_language
from tejido.core.sealing import SealedTextField
from tejido.support.models.circles import Circle, Place


class CircleIntake(TimeStamped):
    """A circle's intake questions and agreement, kept by its facilitators. Each question is
    {"es": …, "en": …}. The agreement's version rises whenever its text changes: members who
    agreed to an older one agree again before they see the circle's content."""

    circle = models.OneToOneField(Circle, on_delete=models.CASCADE, related_name="intake")
    questions = models.JSONField(_("intake questions"), default=list, blank=True)
    agreement_es = models.TextField(_("confidentiality agreement (Spanish)"), blank=True)
    agreement_en = models.TextField(_("confidentiality agreement (English)"), blank=True)
    agreement_version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(agreement_version__gte=1), name="agreement_version")
        ]

    def __str__(self) -> str:
        return f"intake of circle #{self.circle_id}"

    @property
    def agreement(self) -> str:
        return in_language(self, "agreement")

    def questions_in_language(self, language: str | None = None) -> list[str]:
        return [pick_language(q.get("es", ""), q.get("en", ""), language) for q in self.questions]


class PlaceIntake(TimeStamped):
    """What one member answered when asking for a place (questions and answers, sealed as one
    JSON text), and which version of the agreement they last accepted. It goes with the place
    when they leave."""

    place = models.OneToOneField(Place, on_delete=models.CASCADE, related_name="intake")
    answers = SealedTextField(_("intake answers"), blank=True)
    agreed_version = models.PositiveIntegerField(default=0)
    agreed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"intake of place #{self.place_id}"
