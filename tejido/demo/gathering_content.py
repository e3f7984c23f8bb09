"""The demo network's calendar: what is on, who hosts it and who is going, in both languages.
Dates are relative to the day the demo is seeded, so the calendar is always alive."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoEvent:
    key: str
    kind: str
    host: str
    title_es: str
    title_en: str
    description_es: str
    description_en: str
    # Days from now and the local start time ("19:30"); hours it lasts.
    in_days: int
    at: str
    hours: float
    area: str
    address: str = ""
    call_link: str = ""
    mode: str = "in_person"
    group: str = ""
    visibility: str = "network"
    repeats: str = ""
    capacity: int | None = None
    promotion: str = "at_once"
    languages: tuple[str, ...] = ("es",)
    accessibility: tuple[str, ...] = ()
    content_notes: str = ""
    facilitators: tuple[str, ...] = ()
    going: tuple[str, ...] = ()
    maybe: tuple[str, ...] = ()
    # For a past date: who came (the rest of those going did not).
    came: tuple[str, ...] = ()
    discussion_guide: str = ""
    extra: dict[str, object] = field(default_factory=dict)


EVENTS = [
    DemoEvent(
        key="potluck",
        kind="potluck",
        host="organiser",
        group="lavapies",
        title_es="Potluck mensual de Lavapiés",
        title_en="Lavapiés monthly potluck",
        description_es=(
            "Cada primer sábado comemos juntas lo que cada persona ha cocinado en casa. Trae un "
            "plato para compartir (apúntalo en la hoja) y, si puedes, un táper para las sobras. "
            "Hay opciones veganas y sin gluten cada mes."
        ),
        description_en=(
            "Every first Saturday we share the food each of us cooked at home. Bring a dish "
            "(sign up on the sheet) and, if you can, a box for leftovers. There are vegan and "
            "gluten-free options every month."
        ),
        in_days=10,
        at="14:00",
        hours=3,
        area="Lavapiés",
        address="Centro social La Colmena, calle del Amparo 63, 2.º (timbre «Colmena»)",
        repeats="monthly_weekday",
        capacity=30,
        languages=("es", "en"),
        accessibility=("step_free", "accessible_toilet", "quiet_room"),
        going=("member", "nadia", "valentina", "tomas", "emma", "ahmed", "irene", "gabriel"),
        maybe=("ariadna", "xian"),
    ),
    DemoEvent(
        key="film",
        kind="film_night",
        host="sam",
        group="cineclub-queer",
        title_es="Cineclub queer: película por votar",
        title_en="Queer film club: film to be voted",
        description_es=(
            "La película de este mes la elegimos entre todas: vota en la encuesta del cineclub. "
            "Después de la proyección, charla facilitada de una hora."
        ),
        description_en=(
            "This month's film is chosen by all of us: vote in the film club's poll. After the "
            "screening, a facilitated one-hour discussion."
        ),
        in_days=17,
        at="19:30",
        hours=3.5,
        area="Malasaña",
        address="Sala Equis, calle del Duque de Alba 4 (entrada por el patio)",
        capacity=40,
        languages=("es", "en"),
        accessibility=("step_free", "captions"),
        content_notes="Puede tratar homofobia familiar. / May deal with family homophobia.",
        facilitators=("lucia",),
        going=("yeray", "aitana", "kai", "liam", "lea"),
        maybe=("member", "taylor"),
        discussion_guide=(
            "1. ¿Qué personaje te ha tocado más y por qué?\n"
            "2. ¿Se parece la salida del armario de la película a alguna que conozcas?\n"
            "3. Which scene would you change, and how?"
        ),
    ),
    DemoEvent(
        key="workshop",
        kind="art_workshop",
        host="nadia",
        title_es="Taller de fanzines: nuestras historias",
        title_en="Zine workshop: our stories",
        description_es=(
            "Recortes, collage y grapadora: hacemos un fanzine colectivo sobre lo que nos hace "
            "sentir en casa. No hace falta saber dibujar. Plazas limitadas."
        ),
        description_en=(
            "Cut-outs, collage and a stapler: we make a shared zine about what makes us feel at "
            "home. No drawing skills needed. Limited places."
        ),
        in_days=5,
        at="18:00",
        hours=2.5,
        area="Lavapiés",
        address="Taller Tinta Viva, calle de Embajadores 35, bajo izquierda",
        capacity=6,
        promotion="offer",
        languages=("es",),
        accessibility=("step_free", "quiet_room"),
        going=(
            "valentina",
            "tomas",
            "irene",
            "noa",
            "ariadna",
            "gabriel",
            # The workshop is full: these three wait, in this order.
            "member",
            "emma",
            "xian",
        ),
    ),
    DemoEvent(
        key="volunteering",
        kind="volunteering",
        host="lola",
        group="cocina-compartida",
        title_es="Jornada de voluntariado en el banco de alimentos",
        title_en="Food bank volunteering day",
        description_es=(
            "Clasificamos y repartimos alimentos con la despensa solidaria del barrio. Elige una "
            "tarea en la hoja: recepción, clasificación o reparto."
        ),
        description_en=(
            "We sort and hand out food with the neighbourhood's solidarity pantry. Choose a "
            "task on the sheet: welcome desk, sorting or delivery."
        ),
        in_days=12,
        at="10:00",
        hours=4,
        area="Usera",
        address="Despensa Solidaria de Usera, calle de Marcelo Usera 112",
        capacity=15,
        languages=("es", "en"),
        accessibility=("step_free",),
        going=("priya", "marco", "chris", "fatima", "sol"),
    ),
    DemoEvent(
        key="games",
        kind="social",
        host="organiser",
        title_es="Tarde de juegos de mesa",
        title_en="Board games afternoon",
        description_es="Juegos, té y charla tranquila. Trae tu juego favorito si quieres.",
        description_en="Games, tea and a quiet chat. Bring your favourite game if you like.",
        in_days=1,
        at="17:00",
        hours=3,
        area="Lavapiés",
        address="Café La Libre, calle de Lavapiés 9 (mesa del fondo)",
        capacity=12,
        languages=("es", "en"),
        accessibility=("step_free", "accessible_toilet"),
        going=("member", "emma", "robin", "gabriel"),
    ),
    DemoEvent(
        key="circle",
        kind="support_session",
        host="rio",
        group="circulo-trans",
        visibility="group",
        title_es="Círculo trans y no binario: sesión abierta",
        title_en="Trans and nonbinary circle: open session",
        description_es=(
            "Un espacio cuidado para hablar de lo que estés viviendo. Lo que se dice aquí, se "
            "queda aquí. En línea, con cámara opcional."
        ),
        description_en=(
            "A careful space to talk about what you are going through. What is said here stays "
            "here. Online, camera optional."
        ),
        in_days=3,
        at="19:00",
        hours=1.5,
        area="Malasaña",
        mode="online",
        call_link="https://meet.example.org/circulo-trans-demo",
        repeats="fortnightly",
        capacity=12,
        languages=("es", "en"),
        accessibility=("captions",),
        facilitators=("dani",),
        going=("member", "jordan", "sol", "ariadna", "xian"),
    ),
    DemoEvent(
        key="welcome",
        kind="social",
        host="organiser",
        title_es="Merienda de bienvenida",
        title_en="Welcome tea",
        description_es="Para quienes acaban de llegar a la red: conocernos con calma.",
        description_en="For those new to the network: getting to know each other, calmly.",
        in_days=-14,
        at="18:00",
        hours=2,
        area="Lavapiés",
        address="Centro social La Colmena, calle del Amparo 63",
        languages=("es", "en"),
        going=("member", "emma", "tomas", "irene", "gabriel", "ahmed"),
        came=("member", "emma", "irene", "gabriel"),
    ),
]


@dataclass(frozen=True)
class DemoSlot:
    course: str
    wanted: int
    label: str = ""
    # (who, dish or item, servings, diet tags, allergens)
    claims: tuple[tuple[str, str, int | None, tuple[str, ...], tuple[str, ...]], ...] = ()


# Sign-up sheets on the first date of an event, by event key: the potluck half filled, the
# workshop's materials, the volunteering day's roles.
SHEETS = {
    "potluck": [
        DemoSlot(
            "main",
            3,
            claims=(
                ("nadia", "Lentejas con verduras / Lentil and vegetable stew", 8, ("vegan",), ()),
                ("organiser", "Tortilla de patatas", 8, ("vegetarian", "gluten_free"), ("eggs",)),
            ),
        ),
        DemoSlot("salad", 2, claims=(("valentina", "Ensalada de garbanzos", 6, ("vegan",), ()),)),
        DemoSlot(
            "dessert",
            2,
            claims=(("ahmed", "Baklava", 12, ("vegetarian",), ("nuts", "gluten", "milk")),),
        ),
        DemoSlot("drinks", 2),
        DemoSlot(
            "bread", 1, claims=(("tomas", "Pan de masa madre / Sourdough", 10, (), ("gluten",)),)
        ),
        DemoSlot("tableware", 1),
    ],
    "workshop": [
        DemoSlot("material", 2, "Revistas viejas para recortar / Old magazines to cut up"),
        DemoSlot(
            "material",
            1,
            "Grapadora de brazo largo / Long-reach stapler",
            claims=(("irene", "Grapadora de brazo largo", None, (), ()),),
        ),
    ],
    "volunteering": [
        DemoSlot(
            "role", 2, "Recepción / Welcome desk", claims=(("priya", "Recepción", None, (), ()),)
        ),
        DemoSlot(
            "role", 4, "Clasificación / Sorting", claims=(("marco", "Clasificación", None, (), ()),)
        ),
        DemoSlot("role", 3, "Reparto / Delivery"),
    ],
}


@dataclass(frozen=True)
class DemoFilm:
    title: str
    year: int
    original_language: str
    subtitle_languages: tuple[str, ...]
    runtime_minutes: int
    representation: tuple[str, ...]
    content_notes: str = ""
    proposed_by: str = "sam"
    # Who has voted for it in the film club's open poll.
    votes: tuple[str, ...] = ()


FILMS = [
    DemoFilm(
        "Una mujer fantástica",
        2017,
        "es",
        ("en",),
        104,
        ("trans_lead",),
        "Transfobia, duelo. / Transphobia, grief.",
        votes=("yeray", "aitana", "kai"),
    ),
    DemoFilm(
        "Pride",
        2014,
        "en",
        ("es",),
        120,
        ("gay", "lesbian", "happy_ending"),
        "Homofobia, VIH. / Homophobia, HIV.",
        proposed_by="liam",
        votes=("liam", "lea"),
    ),
    DemoFilm(
        "Carmen y Lola",
        2018,
        "es",
        ("en",),
        103,
        ("lesbian", "coming_out", "qpoc"),
        "Rechazo familiar. / Family rejection.",
        proposed_by="lucia",
        votes=("lucia",),
    ),
    DemoFilm(
        "Moonlight",
        2016,
        "en",
        ("es",),
        111,
        ("gay", "qpoc", "coming_out"),
        "Acoso, drogas. / Bullying, drugs.",
    ),
]
POLL_TITLE_ES = "¿Qué vemos en el próximo cineclub?"
POLL_TITLE_EN = "What shall we watch at the next film club?"
POLL_GROUP = "cineclub-queer"
POLL_HOST = "sam"
POLL_CLOSES_IN_DAYS = 9
