"""Film nights: the network's film list, polls on the next film, and members' votes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.core.models import TimeStamped, in_language


class Film(TimeStamped):
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    original_language = models.CharField(_("original language"), max_length=10, blank=True)
    subtitle_languages = models.JSONField(_("subtitles"), default=list, blank=True)
    runtime_minutes = models.PositiveSmallIntegerField(
        _("runtime (minutes)"), null=True, blank=True
    )
    content_notes = models.TextField(_("content notes"), blank=True)
    representation = models.JSONField(_("representation"), default=list, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["title", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="film_has_a_title")]

    def __str__(self) -> str:
        return self.title

    def audit_label(self) -> str:
        return self.title


class Poll(TimeStamped):
    """A vote on the next film: one vote per member, changeable until it closes. A group's
    poll is for that group's members."""

    title_es = models.CharField(_("title (Spanish)"), max_length=140, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=140, blank=True)
    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, null=True, blank=True, related_name="polls"
    )
    closes_at = models.DateTimeField(_("closes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The event the winner became, once the host made it.
    event = models.ForeignKey(
        "gatherings.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-closes_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_es="") | ~Q(title_en=""), name="poll_has_a_title"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self, "title")

    def audit_label(self) -> str:
        return self.title


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["poll", "film"], name="film_once_per_poll")]

    def __str__(self) -> str:
        return f"{self.film} ({self.poll})"


class Vote(TimeStamped):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="one_vote_per_poll")]
