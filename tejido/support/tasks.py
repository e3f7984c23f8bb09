"""Support circles' background work on Django's tasks framework: forgetting facilitator notes
when their circle's retention period has passed. Each note written schedules its circle's
sweep for the moment it expires; a sweep deletes every note of the circle past the circle's
current retention (so a shortened period takes effect at the next one)."""

from datetime import timedelta

from django.db import transaction
from django.tasks import task

from tejido.core.clock import now
from tejido.support.models import Circle, FacilitatorNote


@task()
def forget_expired_notes(circle_id: int) -> int:
    """Delete the circle's notes older than its retention period. Returns how many."""
    circle = Circle.objects.filter(pk=circle_id).first()
    if circle is None:
        return 0
    with transaction.atomic():
        cutoff = now() - timedelta(days=circle.retention_days)
        deleted, _ = FacilitatorNote.objects.filter(
            place__circle=circle_id, created_at__lte=cutoff
        ).delete()
    return deleted
