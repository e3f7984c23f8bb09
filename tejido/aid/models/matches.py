"""A match puts a request and a helper together: proposed by one side (a helper offers, or the
requester asks a suggested helper) and accepted by the other, or made by an organiser who
dispatches the request. Each match has a private thread, its messages sealed at rest; contact
details are shown only once both sides have chosen to share them. A follow-up asks both sides,
some days after the match, whether the help happened."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.aid.models.board import known
from tejido.core.sealing import SealedTextField

# Days after a match that the follow-up asks both sides whether the help happened.
FOLLOW_UP_DAYS = 7


class MatchState(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Agreed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A match that still holds a place: at most one per helper and request.
LIVE_MATCHES = (MatchState.PROPOSED, MatchState.ACCEPTED)


class ProposedBy(models.TextChoices):
    HELPER = "helper", _("The helper offered")
    REQUESTER = "requester", _("The person asking chose this helper")
    ORGANISER = "organiser", _("An organiser dispatched it")


class Match(models.Model):
    State = MatchState
    ProposedBy = ProposedBy

    request = models.ForeignKey("aid.AidRequest", on_delete=models.CASCADE, related_name="matches")
    # The offer it came from; a helper may offer on a request without one.
    offer = models.ForeignKey(
        "aid.AidOffer", on_delete=models.SET_NULL, null=True, blank=True, related_name="matches"
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="aid_matches"
    )
    proposed_by = models.CharField(max_length=10, choices=ProposedBy.choices)
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=10, choices=MatchState.choices, default=MatchState.PROPOSED)
    created_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Contact details each side chose to share; shown to the other only when both have.
    requester_contact = SealedTextField(blank=True)
    helper_contact = SealedTextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            known("state", MatchState.values, "aid_match_state_known"),
            known("proposed_by", ProposedBy.values, "aid_match_proposer_known"),
            models.UniqueConstraint(
                fields=["request", "helper"],
                condition=Q(state__in=LIVE_MATCHES),
                name="aid_one_live_match_per_helper",
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(state=MatchState.ACCEPTED),
                name="aid_one_agreed_match_per_request",
            ),
            models.CheckConstraint(
                condition=Q(proposed_by=ProposedBy.ORGANISER, dispatched_by__isnull=False)
                | (~Q(proposed_by=ProposedBy.ORGANISER) & Q(dispatched_by__isnull=True)),
                name="aid_match_dispatched_by_an_organiser",
            ),
            models.CheckConstraint(
                condition=Q(state=MatchState.PROPOSED) | Q(answered_at__isnull=False),
                name="aid_match_answered_when_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"aid match #{self.pk}"

    @property
    def dispatched(self) -> bool:
        return self.proposed_by == ProposedBy.ORGANISER

    def audit_label(self) -> str:
        return f"#{self.request_id}"


class Message(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = SealedTextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["match", "created_at"])]

    def __str__(self) -> str:
        return f"aid message #{self.pk}"


class FollowUp(models.Model):
    """The question to one side of a match, some days after it: did it happen? With optional
    feedback for the organisers."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="follow_ups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="aid_follow_ups"
    )
    asked_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    happened = models.BooleanField(null=True, blank=True)
    feedback = SealedTextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["match", "user"], name="aid_one_follow_up_per_side"),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, happened__isnull=True)
                | Q(answered_at__isnull=False, happened__isnull=False),
                name="aid_follow_up_answered_with_an_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"aid follow-up #{self.pk}"
