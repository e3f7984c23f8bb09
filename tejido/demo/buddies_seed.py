"""The demo network's peer buddies and check-ins, made through their services as members and
organisers would: Emma and Irene are buddies with a few messages (in English and Spanish),
Aitana is looking for a buddy (the demo member, who offers to be one, is suggested to her and
sees her among their suggestions), Rosa is on the check-in team and Paco is due for a
check-in."""

from datetime import timedelta

from tejido.accounts.models import User
from tejido.buddies import services as buddies
from tejido.checkins import services as checkins
from tejido.checkins.models import CheckinChoice
from tejido.core.clock import now
from tejido.network.models import Area

PAIR_MESSAGES = (
    ("emma", "Hi Irene! Thank you for saying yes. Would a walk on Saturday morning suit you?"),
    ("irene", "¡Hola, Emma! El sábado me viene genial. ¿Quedamos en el Retiro a las 11?"),
    ("emma", "Perfect, see you there. I may need to talk about my family's visit."),
)


def _area(name: str) -> int | None:
    area = Area.objects.filter(name=name).first()
    return area.pk if area is not None else None


def seed_buddies(by_key: dict[str, User]) -> None:
    buddies.opt_in(
        actor=by_key["emma"],
        seeking=True,
        offering=False,
        languages=["en", "es"],
        area_id=_area("Tetuán"),
        topics=["coming_out", "family"],
        availability=["weekends"],
    )
    buddies.opt_in(
        actor=by_key["irene"],
        seeking=False,
        offering=True,
        languages=["es", "en"],
        area_id=_area("Carabanchel"),
        topics=["family", "relationships"],
        availability=["weekends", "weekday_evenings"],
    )
    pair = buddies.propose(actor=by_key["emma"], other_id=by_key["irene"].pk, role="seeker")
    buddies.answer(actor=by_key["irene"], pair=pair, accept=True)
    for key, text in PAIR_MESSAGES:
        buddies.post_message(actor=by_key[key], pair=pair, body=text)

    buddies.opt_in(
        actor=by_key["aitana"],
        seeking=True,
        offering=False,
        languages=["es", "en"],
        area_id=_area("Malasaña"),
        topics=["coming_out", "mental_health"],
        availability=["weekday_evenings"],
    )
    buddies.opt_in(
        actor=by_key["member"],
        seeking=False,
        offering=True,
        languages=["es", "en"],
        topics=["coming_out", "work"],
        availability=["weekday_evenings", "weekends"],
    )

    checkins.add_to_team(actor=by_key["organiser"], member_id=by_key["rosa"].pk)
    checkins.opt_in(actor=by_key["paco"], weeks=4)
    CheckinChoice.objects.filter(user=by_key["paco"]).update(
        last_seen_on=checkins.today() - timedelta(weeks=5), due_since=now() - timedelta(days=2)
    )
    checkins.opt_in(actor=by_key["member"], weeks=6)
