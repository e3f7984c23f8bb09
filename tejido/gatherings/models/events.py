"""Events, their occurrences, who hosts them and who is invited. An event is a series (a single
gathering is a series of one): its rule (RFC 5545 RRULE) makes occurrences, each with its own
RSVPs, so the monthly potluck is one event with a sheet and a guest list per month."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.core.models import TimeStamped, in_language
from tejido.core.sealing import SealedTextField

DEFAULT_REVEAL_HOURS = 24
DEFAULT_OFFER_HOURS = 12
DEFAULT_REMINDER_HOURS = 24


def _known(field: str, choices: type[models.TextChoices], name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class EventKind(models.TextChoices):
    POTLUCK = "potluck", _("Potluck")
    FILM_NIGHT = "film_night", _("Film night")
    ART_WORKSHOP = "art_workshop", _("Art workshop")
    SOCIAL = "social", _("Social evening")
    VOLUNTEERING = "volunteering", _("Volunteering")
    COMMUNITY_SERVICE = "community_service", _("Community service")
    SUPPORT_SESSION = "support_session", _("Support session")
    ADVOCACY = "advocacy", _("Advocacy action")
    OTHER = "other", _("Other")


class EventMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    BOTH = "both", _("In person and online")


class EventVisibility(models.TextChoices):
    NETWORK = "network", _("The whole network")
    GROUP = "group", _("Members of the group")
    INVITATION = "invitation", _("By invitation only (a link)")
    # A support circle's session: its members and facilitators only (tejido.access.events);
    # made by tejido.support, never chosen on the gatherings' own forms.
    CIRCLE = "circle", _("Members of the support circle")


class EventPromotion(models.TextChoices):
    AT_ONCE = "at_once", _("Give the seat to the first on the waitlist at once")
    OFFER = "offer", _("Offer the seat to the first on the waitlist for a while, then the next")


class EventAttendeeList(models.TextChoices):
    HOSTS = "hosts", _("Hosts and facilitators only")
    ATTENDEES = "attendees", _("Confirmed attendees too")
    EVERYONE = "everyone", _("Everyone who can see the event")


class Event(TimeStamped):
    Kind = EventKind
    Mode = EventMode
    Visibility = EventVisibility
    Promotion = EventPromotion
    AttendeeList = EventAttendeeList

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SOCIAL)
    title_es = models.CharField(_("title (Spanish)"), max_length=140, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=140, blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # A network event when empty; otherwise the group's organisers run it too.
    group = models.ForeignKey(
        "groups.Group",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("group"),
    )
    visibility = models.CharField(
        _("who can see it"), max_length=12, choices=Visibility.choices, default=Visibility.NETWORK
    )
    # The support circle whose session series this is (visibility "circle"), else empty.
    circle = models.ForeignKey(
        "support.Circle",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("support circle"),
    )
    # The secret part of the invitation link of an invitation-only event; a new one revokes it.
    invite_token = models.CharField(max_length=43, unique=True, null=True, blank=True)

    # When: the first occurrence, in the event's time zone (the network's when it was made),
    # and the rule that repeats it (an RFC 5545 RRULE without DTSTART; empty: it happens once).
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(max_length=64, default=settings.TIME_ZONE)
    recurrence = models.CharField(_("repeats"), max_length=200, blank=True)

    # Where: the area is shown to all who see the event; the address and the call link only to
    # confirmed attendees, from `reveal_hours` before each occurrence (tejido.access.events).
    mode = models.CharField(_("where"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    area = models.ForeignKey(
        "network.Area", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("area")
    )
    address = SealedTextField(_("exact address"), blank=True)
    call_link = SealedTextField(_("call link"), blank=True)
    reveal_hours = models.PositiveIntegerField(
        _("hours before the start the place is shown"), default=DEFAULT_REVEAL_HOURS
    )

    # Seats.
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    promotion = models.CharField(
        _("when a seat frees"), max_length=10, choices=Promotion.choices, default=Promotion.AT_ONCE
    )
    offer_hours = models.PositiveIntegerField(
        _("hours a freed seat is offered"), default=DEFAULT_OFFER_HOURS
    )
    needs_approval = models.BooleanField(_("hosts approve each RSVP"), default=False)
    attendee_list = models.CharField(
        _("who sees who is going"),
        max_length=10,
        choices=AttendeeList.choices,
        default=AttendeeList.HOSTS,
    )
    reminder_hours = models.PositiveIntegerField(
        _("hours before the start a reminder is sent"), default=DEFAULT_REMINDER_HOURS
    )

    # What to expect.
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    quiet_room = models.BooleanField(_("quiet room"), default=False)
    sign_language = models.BooleanField(_("sign language"), default=False)
    captions = models.BooleanField(_("captions"), default=False)
    content_notes = models.TextField(_("content notes"), blank=True)
    age_min = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    image = models.ImageField(_("image"), upload_to="events/", blank=True)
    image_description = models.CharField(_("image description"), max_length=300, blank=True)

    # Film nights: the film shown, and questions for the discussion after it.
    film = models.ForeignKey(
        "gatherings.Film",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("film"),
    )
    discussion_guide = models.TextField(_("discussion guide"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            _known("kind", EventKind, "event_kind_known"),
            _known("mode", EventMode, "event_mode_known"),
            _known("visibility", EventVisibility, "event_visibility_known"),
            _known("promotion", EventPromotion, "event_promotion_known"),
            _known("attendee_list", EventAttendeeList, "event_attendee_list_known"),
            models.CheckConstraint(
                condition=~Q(title_es="") | ~Q(title_en=""), name="event_has_a_title"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=~Q(visibility="group") | Q(group__isnull=False),
                name="group_event_has_a_group",
            ),
            models.CheckConstraint(
                condition=Q(visibility="circle", circle__isnull=False)
                | (~Q(visibility="circle") & Q(circle__isnull=True)),
                name="circle_session_has_its_circle",
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_max__gte=models.F("age_min")),
                name="event_age_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0), name="event_has_seats"
            ),
        ]
        # A member's circle sessions (the home page's "next session") are found among the
        # few circle events; without it PostgreSQL read all 20,000 events at 100,000 members.
        indexes = [
            models.Index(
                fields=["starts_at"], condition=Q(visibility="circle"), name="event_circle_sessions"
            )
        ]

    def __str__(self) -> str:
        return self.audit_label()

    @property
    def title(self) -> str:
        return in_language(self, "title")

    @property
    def description(self) -> str:
        return in_language(self, "description")

    def audit_label(self) -> str:
        # A circle session's title can say who is in the circle: logs and the audit log get
        # its number only.
        if self.visibility == EventVisibility.CIRCLE:
            return f"circle session #{self.pk}"
        return self.title

    @property
    def notices_content_free(self) -> bool:
        """A circle session's notices say nothing of it (tejido.notifications.services)."""
        return self.visibility == EventVisibility.CIRCLE


class Occurrence(TimeStamped):
    """One date of an event. `original_start` is where the rule put it (RFC 5545's
    RECURRENCE-ID), so making the series' occurrences again never doubles one that was moved."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="occurrences")
    original_start = models.DateTimeField()
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "original_start"], name="one_occurrence_per_date"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="occurrence_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        return f"{self.event} ({self.starts_at:%Y-%m-%d})"

    def audit_label(self) -> str:
        return f"{self.event.audit_label()} ({self.starts_at:%Y-%m-%d})"


class Host(TimeStamped):
    """Someone who runs an event beside the network's and its group's organisers."""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        FACILITATOR = "facilitator", _("Facilitator")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="hosts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hosting"
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.HOST)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_host_role_per_event"),
            models.CheckConstraint(
                condition=Q(role__in=["host", "facilitator"]), name="host_role_known"
            ),
        ]


class Invitation(TimeStamped):
    """A member who opened an invitation-only event's link (or was invited by a host): they
    see the event from then on, until the link is replaced."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_invitations"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_invitation_per_event")
        ]


class Rsvp(TimeStamped):
    """A member's answer for one occurrence, and their seat if they are going."""

    class Answer(models.TextChoices):
        GOING = "going", _("Going")
        MAYBE = "maybe", _("Maybe")
        NOT_GOING = "not_going", _("Not going")

    class Seat(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        # Waiting for the hosts to approve (events that need approval).
        PENDING = "pending", _("Waiting for approval")
        WAITLISTED = "waitlisted", _("On the waitlist")
        # A freed seat held for them until `offer_expires_at`.
        OFFERED = "offered", _("Offered a seat")
        NONE = "none", _("No seat")

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps"
    )
    answer = models.CharField(max_length=10, choices=Answer.choices)
    seat = models.CharField(max_length=10, choices=Seat.choices, default=Seat.NONE)
    # The waitlist's order: when they asked for a seat.
    queued_at = models.DateTimeField()
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    # Recorded by the hosts after the occurrence: came (True), did not (False), not yet (None).
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "user"], name="one_rsvp_per_occurrence"),
            models.CheckConstraint(
                condition=Q(answer__in=["going", "maybe", "not_going"]), name="rsvp_answer_known"
            ),
            models.CheckConstraint(
                condition=Q(seat__in=["confirmed", "pending", "waitlisted", "offered", "none"]),
                name="rsvp_seat_known",
            ),
            # Only someone going holds or waits for a seat.
            models.CheckConstraint(
                condition=Q(
                    answer="going", seat__in=["confirmed", "pending", "waitlisted", "offered"]
                )
                | (~Q(answer="going") & Q(seat="none")),
                name="rsvp_seat_matches_answer",
            ),
            models.CheckConstraint(
                condition=~Q(seat="offered") | Q(offer_expires_at__isnull=False),
                name="offered_seat_expires",
            ),
        ]
        indexes = [models.Index(fields=["occurrence", "seat", "queued_at"])]


class AddressView(models.Model):
    """That a member was shown an occurrence's exact address or call link, and when first:
    hosts see who has it."""

    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="address_views"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    first_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "user"], name="one_address_view_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.occurrence_id}"


class CalendarFeed(models.Model):
    """A member's private calendar feed: its address holds a secret whose digest is kept here;
    a new one replaces it, and the old address answers as if it never existed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"
