"""The support circles' sessions part of the sweep's world (proof/world.py): a circle whose
weekly sessions' title and exact address, and a facilitator's note, hold markers.

`facilitator` facilitates the circle; `member` and `blocker` are in it and have a confirmed
seat at the session two hours away (its place already shown to confirmed attendees); `shared`
only asked for a place. The session's title is for the circle (facilitator, member, blocker),
its address for them too (confirmed, after the reveal time, and the facilitator always), and
never for the organiser, who is not in the circle. The note, about `member` after last week's
session, is for `facilitator` alone: not the member noted, not the organiser."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from tejido.accounts.models import User

Add = Callable[..., str]


def plant_support_sessions(
    *,
    people: dict[str, User],
    add: Add,
    mk: Callable[[str], str],
    capture: Callable[..., Any],
) -> dict[str, list[int]]:
    """Plant the circle and its sessions; returns the ids of the circle, its two dates (last
    week's, with attendance and the note, and the one two hours away) and the note."""
    from tejido.core.clock import now
    from tejido.gatherings.models import Rsvp
    from tejido.gatherings.services import rsvp
    from tejido.support.models import Circle, Facilitator, Place
    from tejido.support.note_services import write_note
    from tejido.support.session_services import create_session_series, record_session_attendance

    circle_people = frozenset({"facilitator", "member", "blocker"})
    facilitator = people["facilitator"]
    circle = Circle.objects.create(
        name_es="Círculo de los martes", theme="coming_out", language="es", size_limit=8
    )
    Facilitator.objects.create(circle=circle, user=facilitator)
    places = {
        key: Place.objects.create(circle=circle, user=people[key], state="member")
        for key in ("member", "blocker")
    }
    Place.objects.create(circle=circle, user=people["shared"], state="asked")
    title = add(
        mk("sessiontitle"), "circle session", "a circle session's title", viewers=circle_people
    )
    address = add(
        mk("sessionaddress"),
        "circle session address",
        "a circle session's address",
        viewers=circle_people,
    )
    text = add(mk("circlenote"), "facilitator note", "a facilitator's note", owner="facilitator")
    starts = now().replace(microsecond=0) + timedelta(hours=2) - timedelta(days=7)
    with capture(execute=True):
        event = create_session_series(
            actor=facilitator,
            circle=circle,
            frequency="weekly",
            title_es=title,
            title_en=title,
            address=address,
            reveal_hours=24,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
        )
        last_week, soon = list(event.occurrences.order_by("starts_at")[:2])
        for key in ("member", "blocker"):
            rsvp(actor=people[key], occurrence=soon, answer=Rsvp.Answer.GOING)
        record_session_attendance(
            actor=facilitator,
            occurrence=last_week,
            present={places["member"].pk: True, places["blocker"].pk: False},
        )
        note = write_note(
            actor=facilitator, occurrence=last_week, place_id=places["member"].pk, text=text
        )
    return {
        "circle": [circle.pk],
        "occurrence": [last_week.pk, soon.pk],
        "note": [note.pk],
    }
