"""The demo circles' sessions (to run after the circles are seeded): a weekly series for each
circle with a facilitator, its first session last week with the attendance recorded, and one
facilitator's note about a member of the coming-out circle. Made through the services, as the
facilitators would make them."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from tejido.core.clock import now
from tejido.support.models import Circle, Facilitator, Place, PlaceState
from tejido.support.note_services import write_note
from tejido.support.session_services import create_session_series, record_session_attendance

# By theme: the session series' titles, and where they meet.
SERIES = {
    Circle.Theme.TRANS_NONBINARY: (
        "Encuentro semanal del círculo",
        "The circle's weekly meeting",
        "Centro comunitario, sala 2 (planta baja, acceso sin escalones)",
    ),
    Circle.Theme.COMING_OUT: (
        "Charla de los jueves",
        "Thursday talk",
        "Biblioteca del barrio, sala de estudio 3",
    ),
    Circle.Theme.FAMILY: (
        "Sesión de terapia de grupo",
        "Group therapy session",
        "Consulta de la psicóloga, calle de la Paz 14, 2.º",
    ),
}
NOTE = (
    "Primera sesión: habló poco pero se quedó hasta el final. Preguntarle la próxima vez si "
    "quiere compartir algo; no presionar."
)


def _last_week_at(hour: int) -> datetime:
    zone = ZoneInfo(settings.TIME_ZONE)
    day = now().astimezone(zone).date() - timedelta(days=7)
    return datetime.combine(day, time(hour), zone)


def seed_support_sessions() -> int:
    """Sessions for the demo circles found by theme; returns how many series were made."""
    made = 0
    for theme, (title_es, title_en, address) in SERIES.items():
        circle = Circle.objects.filter(theme=theme, archived_at__isnull=True).first()
        facilitator = Facilitator.objects.filter(circle=circle).select_related("user").first()
        if circle is None or facilitator is None:
            continue
        starts = _last_week_at(18 + made)
        event = create_session_series(
            actor=facilitator.user,
            circle=circle,
            frequency="weekly",
            title_es=title_es,
            title_en=title_en,
            address=address,
            reveal_hours=4,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1, minutes=30),
        )
        first = event.occurrences.order_by("starts_at").first()
        places = list(Place.objects.filter(circle=circle, state=PlaceState.MEMBER).order_by("pk"))
        if first is not None and places:
            record_session_attendance(
                actor=facilitator.user,
                occurrence=first,
                present={place.pk: n % 3 != 2 for n, place in enumerate(places)},
            )
            if theme == Circle.Theme.COMING_OUT:
                write_note(
                    actor=facilitator.user, occurrence=first, place_id=places[0].pk, text=NOTE
                )
        made += 1
    return made
