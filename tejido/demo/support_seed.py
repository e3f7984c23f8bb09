"""The demo network's support circles, made through the services as organisers, facilitators
and members would make them: a trans and nonbinary peer circle, a coming-out circle and a
family group therapy run by the verified psychologist, with members in each and one request
for a place waiting for an answer. Everything in Spanish and English."""

from dataclasses import dataclass

from tejido.accounts.models import User
from tejido.support import circle_services, place_services

AGREEMENT_ES = (
    "Lo que se cuenta en el círculo se queda en el círculo: no contamos fuera quién viene ni "
    "lo que dice. Hablamos en primera persona, escuchamos sin juzgar y sin dar consejos que "
    "nadie pidió. Puedes irte cuando quieras."
)
AGREEMENT_EN = (
    "What is shared in the circle stays in the circle: we never tell anyone outside who comes "
    "or what they say. We speak for ourselves, listen without judging and without advice "
    "nobody asked for. You can leave whenever you want."
)


@dataclass(frozen=True)
class DemoCircle:
    name_es: str
    name_en: str
    description_es: str
    description_en: str
    theme: str
    kind: str
    language: str
    size_limit: int
    facilitators: tuple[str, ...]
    members: tuple[str, ...]
    question_es: str
    question_en: str
    show_names_to_members: bool = False
    waiting: tuple[str, ...] = ()


CIRCLES = (
    DemoCircle(
        name_es="Círculo trans y no binarie",
        name_en="Trans and nonbinary circle",
        description_es=(
            "Un espacio entre pares para hablar de transición, familia, trabajo y papeles, "
            "con quien lo vive. Nos vemos cada dos semanas."
        ),
        description_en=(
            "A peer space to talk about transition, family, work and paperwork with people "
            "who live it too. We meet every other week."
        ),
        theme="trans_nonbinary",
        kind="peer",
        language="es",
        size_limit=10,
        facilitators=("rio",),
        members=("kai", "noa", "robin"),
        question_es="¿Qué te gustaría encontrar en el círculo?",
        question_en="What would you like to find in the circle?",
        show_names_to_members=True,
    ),
    DemoCircle(
        name_es="Salir del armario",
        name_en="Coming out",
        description_es=(
            "Para quien está pensando en salir del armario, acaba de hacerlo o lo vive con su "
            "familia o en el trabajo. A tu ritmo."
        ),
        description_en=(
            "For anyone thinking about coming out, who just did, or is going through it with "
            "family or at work. At your own pace."
        ),
        theme="coming_out",
        kind="peer",
        language="en",
        size_limit=8,
        facilitators=("sam", "nadia"),
        members=("liam", "mateo"),
        question_es="¿Qué te trae al círculo ahora?",
        question_en="What brings you to the circle now?",
        waiting=("yeray",),
    ),
    DemoCircle(
        name_es="Terapia de grupo para familias",
        name_en="Family group therapy",
        description_es=(
            "Terapia de grupo para madres, padres y familiares de personas LGBTQ+, con una "
            "psicóloga sanitaria verificada. Ocho sesiones."
        ),
        description_en=(
            "Group therapy for parents and relatives of LGBTQ+ people, run by a verified "
            "health psychologist. Eight sessions."
        ),
        theme="family",
        kind="therapy",
        language="es",
        size_limit=8,
        facilitators=("ines",),
        members=("carmen", "ahmed"),
        question_es="¿Qué te gustaría trabajar en el grupo?",
        question_en="What would you like to work on in the group?",
    ),
)


def seed_support(by_key: dict[str, User]) -> None:
    organiser = by_key["organiser"]
    for spec in CIRCLES:
        first, *others = spec.facilitators
        circle = circle_services.create_circle(
            actor=organiser,
            facilitator_id=by_key[first].pk,
            name_es=spec.name_es,
            name_en=spec.name_en,
            description_es=spec.description_es,
            description_en=spec.description_en,
            theme=spec.theme,
            kind=spec.kind,
            language=spec.language,
            size_limit=spec.size_limit,
            show_names_to_members=spec.show_names_to_members,
        )
        for key in others:
            circle_services.name_facilitator(
                actor=organiser, circle=circle, member_id=by_key[key].pk
            )
        facilitator = by_key[first]
        circle_services.edit_intake(
            actor=facilitator,
            circle=circle,
            questions_es=[spec.question_es],
            questions_en=[spec.question_en],
            agreement_es=AGREEMENT_ES,
            agreement_en=AGREEMENT_EN,
        )
        for key in (*spec.members, *spec.waiting):
            place = place_services.ask_for_place(
                actor=by_key[key],
                circle=circle,
                answers=["Necesito hablar con gente que lo entienda."],
                agreed=True,
            )
            if key in spec.members:
                place_services.decide_place(actor=facilitator, place=place, decision="accept")
