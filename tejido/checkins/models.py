"""Check-ins: a member's choice to be checked on gently after some weeks without activity, the
check-in team the organisers name, and each check-in a team member takes: a short private
thread (tejido.buddies' threads, sealed at rest) between the two.

What is kept of a member's activity is one day, the last on which they used Tejido, and only
for members who opted in; nobody but the member sees it. The team sees only that someone is
due, and since when."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MIN_WEEKS, DEFAULT_WEEKS, MAX_WEEKS = 2, 4, 12
SNOOZE_WEEKS = (2, 4)


class CheckinChoice(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkin_choice"
    )
    weeks = models.PositiveSmallIntegerField(_("weeks without activity"), default=DEFAULT_WEEKS)
    last_seen_on = models.DateField()
    snoozed_until = models.DateField(null=True, blank=True)
    # Set by the daily task once the weeks have passed; cleared by activity, a snooze or a
    # check-in done.
    due_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(weeks__gte=MIN_WEEKS, weeks__lte=MAX_WEEKS),
                name="checkins_weeks_in_range",
            )
        ]
        indexes = [models.Index(fields=["due_since"])]

    def __str__(self) -> str:
        return f"check-in choice #{self.pk}"


class TeamMember(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkin_team"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"check-in team member #{self.pk}"

    def audit_label(self) -> str:
        return f"#{self.user_id}"


class CheckInState(models.TextChoices):
    OPEN = "open", _("Reaching out")
    DONE = "done", _("Done")
    CLOSED = "closed", pgettext_lazy("check-in state", "Closed")


class CheckIn(models.Model):
    State = CheckInState

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins_received"
    )
    team_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins_taken"
    )
    thread = models.OneToOneField(
        "buddies.Thread", on_delete=models.PROTECT, related_name="checkin"
    )
    state = models.CharField(max_length=8, choices=CheckInState.choices, default=CheckInState.OPEN)
    taken_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-taken_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=CheckInState.values), name="checkins_state_known"
            ),
            models.CheckConstraint(
                condition=~Q(member=models.F("team_member")), name="checkins_not_oneself"
            ),
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(state=CheckInState.OPEN),
                name="checkins_one_open_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"check-in #{self.pk}"


class DueSweep(models.Model):
    """A day the daily task marked who is due: each day is swept once."""

    day = models.DateField(unique=True)

    def __str__(self) -> str:
        return f"check-in sweep of {self.day}"
