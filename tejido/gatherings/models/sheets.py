"""Sign-up sheets on an occurrence: slots (dishes by course for a potluck, materials for a
workshop, roles for a volunteering day) with how many are wanted, and members' claims."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.core.models import TimeStamped


class SlotCourse(models.TextChoices):
    MAIN = "main", _("Main dish")
    SIDE = "side", _("Side dish")
    SALAD = "salad", _("Salad")
    DESSERT = "dessert", _("Dessert")
    DRINKS = "drinks", _("Drinks")
    BREAD = "bread", _("Bread")
    TABLEWARE = "tableware", _("Tableware")
    MATERIAL = "material", _("Materials")
    ROLE = "role", _("Volunteer role")


class Slot(TimeStamped):
    Course = SlotCourse

    occurrence = models.ForeignKey(
        "gatherings.Occurrence", on_delete=models.CASCADE, related_name="slots"
    )
    course = models.CharField(_("kind"), max_length=10, choices=Course.choices)
    # What is wanted in words, when the course alone does not say it ("brushes", "greeter").
    label = models.CharField(_("what is needed"), max_length=120, blank=True)
    wanted = models.PositiveSmallIntegerField(_("how many are wanted"), default=1)

    class Meta:
        ordering = ["occurrence", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(course__in=SlotCourse.values), name="slot_course_known"
            ),
            models.CheckConstraint(condition=Q(wanted__gt=0), name="slot_wants_something"),
        ]


class Claim(TimeStamped):
    """A member's promise to bring one of a slot's things. A slot never has more claims than it
    wants (services lock the slot to hold that under concurrency)."""

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims"
    )
    dish = models.CharField(_("dish or item"), max_length=120)
    servings = models.PositiveSmallIntegerField(_("servings"), null=True, blank=True)
    diet_tags = models.JSONField(_("diet"), default=list, blank=True)
    allergens = models.JSONField(_("allergens"), default=list, blank=True)

    class Meta:
        ordering = ["slot", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "user"], name="one_claim_per_slot_per_member"),
            models.CheckConstraint(condition=~Q(dish=""), name="claim_names_its_dish"),
        ]
