"""What members add to the directory: recommendations of a service or a business, and
suggested edits or reports that a listing is out of date, which organisers review."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tejido.core.sealing import SealedTextField
from tejido.directory.models.businesses import Business
from tejido.directory.models.organizations import Organization, Service

RECOMMENDATION_NOTE_LENGTH = 280


def _target(model: type[models.Model], related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        model, on_delete=models.CASCADE, null=True, blank=True, related_name=related_name
    )


class Review(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class Recommendation(models.Model):
    """A vetted member recommends a service or a business with a short note. Organisers
    approve it before anyone else sees it; then members see the note and its author."""

    Review = Review

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommendations"
    )
    service = _target(Service, "recommendations")
    business = _target(Business, "recommendations")
    note = models.CharField(_("note"), max_length=RECOMMENDATION_NOTE_LENGTH)
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False, business__isnull=True)
                | Q(service__isnull=True, business__isnull=False),
                name="recommendation_of_one_listing",
            ),
            models.UniqueConstraint(
                fields=["author", "service"], name="one_recommendation_per_service"
            ),
            models.UniqueConstraint(
                fields=["author", "business"], name="one_recommendation_per_business"
            ),
            models.CheckConstraint(
                condition=Q(review__in=Review.values), name="recommendation_review_known"
            ),
            models.CheckConstraint(
                condition=Q(review="pending", reviewed_at__isnull=True)
                | (~Q(review="pending") & Q(reviewed_at__isnull=False)),
                name="recommendation_reviewed_when_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"recommendation #{self.pk}"

    def audit_label(self) -> str:
        return gettext("recommendation no. %(number)s") % {"number": self.pk}


class SuggestionKind(models.TextChoices):
    EDIT = "edit", _("A suggested change")
    OUTDATED = "outdated", _("Out of date")


class SuggestionState(models.TextChoices):
    OPEN = "open", _("Waiting for review")
    APPLIED = "applied", _("Taken into account")
    DISMISSED = "dismissed", _("Dismissed")


class Suggestion(models.Model):
    """A member's suggested edit to a listing, or their report that it is out of date, in
    the organisers' review queue. The text is sealed at rest; only organisers read it and who
    wrote it."""

    Kind = SuggestionKind
    State = SuggestionState

    kind = models.CharField(max_length=10, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_suggestions"
    )
    service = _target(Service, "suggestions")
    organization = _target(Organization, "suggestions")
    business = _target(Business, "suggestions")
    text = SealedTextField(_("what should change"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["state", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SuggestionKind.values), name="suggestion_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(state__in=SuggestionState.values), name="suggestion_state_known"
            ),
            models.CheckConstraint(
                condition=Q(service__isnull=False, organization__isnull=True, business__isnull=True)
                | Q(service__isnull=True, organization__isnull=False, business__isnull=True)
                | Q(service__isnull=True, organization__isnull=True, business__isnull=False),
                name="suggestion_about_one_listing",
            ),
            models.CheckConstraint(
                condition=Q(state="open", handled_at__isnull=True)
                | (~Q(state="open") & Q(handled_at__isnull=False)),
                name="suggestion_handled_when_closed",
            ),
        ]

    def __str__(self) -> str:
        # Never the text or who wrote it.
        return f"suggestion #{self.pk} ({self.kind})"

    def audit_label(self) -> str:
        return gettext("suggestion no. %(number)s") % {"number": self.pk}
