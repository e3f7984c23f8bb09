"""Peer buddies: a member's opt-in (looking for a buddy, able to be one, or both, with what
they would like to talk about), the pairs two members agree to, and the private threads a pair
(and a check-in, tejido.checkins) writes in, their messages sealed at rest.

A pair has two roles: the one looking (`seeker`) and the buddy. A member is in at most one
active pair in each role; the database holds it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.core.sealing import SealedTextField


class BuddyProfile(models.Model):
    """What a member opted in with. Shown to nobody as it is: a suggestion shows the other's
    chosen name and what the two have in common, never these lists."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_profile"
    )
    seeking = models.BooleanField(_("looking for a buddy"), default=False)
    offering = models.BooleanField(_("able to be a buddy"), default=False)
    languages = models.JSONField(default=list, blank=True)
    area = models.ForeignKey("network.Area", on_delete=models.SET_NULL, null=True, blank=True)
    topics = models.JSONField(default=list, blank=True)
    availability = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["seeking", "offering"])]

    def __str__(self) -> str:
        return f"buddy profile #{self.pk}"

    @property
    def opted_in(self) -> bool:
        return self.seeking or self.offering


class Thread(models.Model):
    """A private thread between two people; what it belongs to (a pair, a check-in) says who
    they are and who may read it."""

    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"private thread #{self.pk}"


class ThreadMessage(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = SealedTextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return f"private message #{self.pk}"


class PairState(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for an answer")
    ACTIVE = "active", _("Buddies")
    DECLINED = "declined", _("Not this time")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ENDED = "ended", _("Ended")


LIVE_PAIRS = (PairState.PROPOSED, PairState.ACTIVE)


class BuddyPair(models.Model):
    State = PairState

    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_pairs_sought"
    )
    buddy = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_pairs_given"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(max_length=10, choices=PairState.choices, default=PairState.PROPOSED)
    thread = models.OneToOneField(Thread, on_delete=models.PROTECT, related_name="pair")
    created_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=PairState.values), name="buddies_pair_state_known"
            ),
            models.CheckConstraint(
                condition=~Q(seeker=models.F("buddy")), name="buddies_pair_of_two"
            ),
            models.CheckConstraint(
                condition=Q(proposed_by=models.F("seeker")) | Q(proposed_by=models.F("buddy")),
                name="buddies_pair_proposed_by_a_side",
            ),
            models.UniqueConstraint(
                fields=["seeker", "buddy"],
                condition=Q(state__in=LIVE_PAIRS),
                name="buddies_one_live_pair_per_two",
            ),
            models.UniqueConstraint(
                fields=["seeker"],
                condition=Q(state=PairState.ACTIVE),
                name="buddies_one_active_pair_seeking",
            ),
            models.UniqueConstraint(
                fields=["buddy"],
                condition=Q(state=PairState.ACTIVE),
                name="buddies_one_active_pair_as_buddy",
            ),
        ]

    def __str__(self) -> str:
        return f"buddy pair #{self.pk}"

    def other_of(self, user_id: int | None) -> int:
        return self.buddy_id if user_id == self.seeker_id else self.seeker_id
