"""The organiser actions gatherings record in the audit log, with their labels."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "event.create": _("Created a gathering"),
        "event.update": _("Edited a gathering"),
        "event.update_occurrence": _("Moved one date of a gathering"),
        "event.cancel": _("Cancelled a gathering"),
        "event.cancel_occurrence": _("Cancelled one date of a gathering"),
        "event.host_named": _("Named a host or facilitator of a gathering"),
        "event.host_removed": _("Removed a host or facilitator of a gathering"),
        "event.invite_link_renewed": _("Replaced a gathering's invitation link"),
        "event.message": _("Wrote to the attendees of a gathering"),
        "event.rsvp_approved": _("Gave a member a place at a gathering"),
        "event.rsvp_declined": _("Declined a member's place at a gathering"),
        "event.attendance": _("Recorded attendance at a gathering"),
        "film.update": _("Edited a film on the film list"),
        "film.remove": _("Removed a film from the film list"),
        "poll.create": _("Opened a poll on the next film"),
        "poll.close": _("Closed a poll on the next film"),
        "poll.event_made": _("Made a film night from a poll's winner"),
        "event.slot_added": _("Added a slot to a gathering's sign-up sheet"),
        "event.slot_changed": _("Changed a slot of a gathering's sign-up sheet"),
        "event.slot_removed": _("Removed a slot from a gathering's sign-up sheet"),
        "event.claim_removed": _("Removed a member's sign-up from a gathering's sheet"),
        "event.split": _("Changed a date of a gathering and the following ones"),
    }
)
