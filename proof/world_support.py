"""Support circles' part of the sweep's world (proof/world.py): a hidden circle whose name and
description are markers, and a listed one where someone's intake answers are a marker.

- "hidden": `facilitator` facilitates it and `member` is in it (it was hidden once they were):
  its name and description are for the two of them and the organisers (who keep circles).
- "listed": `facilitator` facilitates it; `shared` asked for a place there, and their answer
  to its intake question (sealed at rest) is for `shared` and `facilitator` only: not for the
  organisers, nor for `blocker`, who is in the circle. `blocked` asked too (in a block with
  `blocker`): the facilitator is only warned that they cannot be placed. `s_fac`, whose profile
  is for "facilitators of my circles", is in it: their fields are for `facilitator` alone.
The notices these send are content-free, so no marker may reach any inbox or email."""

from collections.abc import Callable
from typing import Any

from tejido.accounts.models import User

Add = Callable[..., str]


def plant_support(
    *,
    people: dict[str, User],
    add: Add,
    mk: Callable[[str], str],
    capture: Callable[..., Any],
) -> dict[str, list[int]]:
    """Plant the circles; returns the ids of the circles and places for the sweep's addresses."""
    from tejido.support import circle_services, place_services

    organiser, facilitator = people["organiser"], people["facilitator"]
    knowing = frozenset({"facilitator", "member", "organiser"})
    with capture(execute=True):
        hidden = circle_services.create_circle(
            actor=organiser,
            facilitator_id=facilitator.pk,
            name_es=add(mk("circlename"), "circle", "a hidden circle's name", viewers=knowing),
            description_es=add(
                mk("circletext"), "circle", "a hidden circle's description", viewers=knowing
            ),
            theme="trans_nonbinary",
            language="es",
            size_limit=6,
            show_names_to_members=True,
        )
        listed = circle_services.create_circle(
            actor=organiser,
            facilitator_id=facilitator.pk,
            name_es="Salir del armario",
            theme="coming_out",
            language="es",
            size_limit=6,
        )
        for circle in (hidden, listed):
            circle_services.edit_intake(
                actor=facilitator,
                circle=circle,
                questions_es=["¿Qué te trae al círculo?"],
                questions_en=["What brings you to the circle?"],
                agreement_es="Lo que se dice aquí se queda aquí.",
                agreement_en="What is said here stays here.",
            )
        inside = place_services.ask_for_place(
            actor=people["member"], circle=hidden, answers=["Quiero estar"], agreed=True
        )
        place_services.decide_place(actor=facilitator, place=inside, decision="accept")
        # Hidden once its members are in: nobody else may learn that it exists.
        circle_services.edit_circle(actor=organiser, circle=hidden, is_listed=False)
        with_blocker = place_services.ask_for_place(
            actor=people["blocker"], circle=listed, answers=["Hola"], agreed=True
        )
        place_services.decide_place(actor=facilitator, place=with_blocker, decision="accept")
        for_facilitators = place_services.ask_for_place(
            actor=people["s_fac"], circle=listed, answers=["Hola"], agreed=True
        )
        place_services.decide_place(actor=facilitator, place=for_facilitators, decision="accept")
        answer = add(
            mk("intakeanswer"),
            "intake answer",
            "an answer to a circle's intake question",
            owner="shared",
            viewers=frozenset({"facilitator"}),
        )
        asked = place_services.ask_for_place(
            actor=people["shared"], circle=listed, answers=[answer], agreed=True
        )
        apart = place_services.ask_for_place(
            actor=people["blocked"], circle=listed, answers=["Hola"], agreed=True
        )
    return {
        "circle": [hidden.pk, listed.pk, 999_999],
        "place": [asked.pk, apart.pk, inside.pk, 999_999],
    }
