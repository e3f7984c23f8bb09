"""What the demo network says and who is in it. Every person here is made up; every address
ends in @demo.tejido.test, a domain that can never receive mail."""

from dataclasses import dataclass, field

DEMO_DOMAIN = "demo.tejido.test"
ORGANISER_EMAIL = f"organiser@{DEMO_DOMAIN}"
MEMBER_EMAIL = f"member@{DEMO_DOMAIN}"
DEFAULT_PASSWORD = "tejido-demo-2026"

NETWORK = {
    "name": "Red Arcoíris",
    "tagline_es": "Apoyo mutuo entre personas LGTBIQ+ de Madrid y alrededores.",
    "tagline_en": "Mutual aid among LGBTQ+ people in and around Madrid.",
    "mission_es": (
        "Red Arcoíris es una red de apoyo mutuo hecha por y para personas LGTBIQ+. Nos "
        "encontramos para hablar de lo que nos pasa (la identidad, salir del armario, la "
        "familia, el trabajo, las relaciones), para compartir comida y cine, y para echarnos "
        "una mano cuando hace falta: una mudanza, un trámite, una tarde de compañía.\n\n"
        "Aquí nadie tiene que demostrar nada. Usamos el nombre y los pronombres que cada "
        "persona elige, cuidamos lo que se comparte y nunca contamos quién viene a la red.\n\n"
        "No somos un servicio profesional ni una asociación con cuotas: somos gente del barrio "
        "que se organiza. Algunas personas de la red son facilitadoras formadas o "
        "profesionales verificadas y acompañan los círculos de apoyo."
    ),
    "mission_en": (
        "Red Arcoíris is a mutual aid network made by and for LGBTQ+ people. We meet to talk "
        "about what is going on in our lives (identity, coming out, family, work, "
        "relationships), to share food and films, and to help each other when it is needed: a "
        "move, some paperwork, an afternoon of company.\n\n"
        "Nobody here has to prove anything. We use the name and pronouns each person chooses, "
        "we look after what people share, and we never tell anyone who comes to the network.\n\n"
        "We are not a professional service or a fee-paying association: we are neighbours who "
        "organise. Some members are trained facilitators or verified professionals who "
        "accompany the support circles."
    ),
    "how_to_join_es": (
        "Si alguien de la red te ha dado un enlace de invitación, úsalo y entrarás "
        "directamente.\n\n"
        "Si no, crea una cuenta y responde a tres preguntas cortas. Una persona del equipo de "
        "organización leerá tu solicitud en unos días; a veces te haremos alguna pregunta antes "
        "de darte la bienvenida. Solo el equipo de organización ve tus respuestas.\n\n"
        "No necesitas dar tu nombre legal ni contarnos nada que no quieras contar."
    ),
    "how_to_join_en": (
        "If someone in the network gave you an invitation link, use it and you will be in "
        "straight away.\n\n"
        "Otherwise, create an account and answer three short questions. One of the organisers "
        "will read your application within a few days; sometimes we ask a question before we "
        "welcome you. Only the organisers see your answers.\n\n"
        "You never need to give your legal name or tell us anything you would rather keep to "
        "yourself."
    ),
    # A neutral page, far from anything LGBTQ+: the weather.
    "quick_exit_url": "https://www.eltiempo.es/madrid.html",
}


def _text(*paragraphs: str | tuple[str, str]) -> str:
    """Plain text for the |linebreaks filter: paragraphs apart, a section's title on its own
    line above its text."""
    return "\n\n".join(p if isinstance(p, str) else f"{p[0]}\n{p[1]}" for p in paragraphs)


CONDUCT_ES = _text(
    (
        "Este código recoge cómo nos cuidamos en Red Arcoíris. Vale en los encuentros, en los "
        "grupos, en esta plataforma y en cualquier espacio en el que nos juntemos. Al aceptarlo"
        " te comprometes a cumplirlo, y la red se compromete a hacerlo cumplir."
    ),
    (
        "1. Lo que pasa aquí, se queda aquí",
        (
            "No cuentes a nadie de fuera quién forma parte de la red ni lo que se dice en ella."
            " No hagas capturas de pantalla, fotos ni grabaciones sin el permiso expreso de "
            "todas las personas que aparecen. Sacar del armario a alguien, aunque sea sin "
            "querer, puede poner en peligro su casa, su trabajo o su seguridad."
        ),
    ),
    (
        "2. Respetamos cómo se nombra cada persona",
        (
            "Usa el nombre y los pronombres que cada persona ha elegido, también cuando no está"
            " delante. Si te equivocas, corrígete y sigue adelante. Nadie tiene que explicar ni"
            " justificar su identidad, su cuerpo o su historia, y no se hacen preguntas sobre "
            "ellos que la persona no haya invitado a hacer."
        ),
    ),
    (
        "3. Sin acoso ni discriminación",
        (
            "No toleramos la transfobia, la bifobia, la homofobia, el racismo, la xenofobia, el"
            " machismo, el capacitismo, la gordofobia, la serofobia, el edadismo ni el "
            "desprecio por la clase social o la religión de nadie. Tampoco el acoso: insistir "
            "cuando alguien ha dicho que no, seguir a alguien, o contactar por privado a quien "
            "no lo ha pedido."
        ),
    ),
    (
        "4. El consentimiento va primero",
        (
            "Pregunta antes de tocar, de abrazar, de hacer una foto o de escribir a alguien por"
            ' privado. Un "no", un silencio o una duda son un no. Cualquier persona puede irse '
            "de una conversación o de un encuentro sin dar explicaciones."
        ),
    ),
    (
        "5. Apoyo entre iguales, no terapia",
        (
            "En los círculos de apoyo hablamos desde la propia experiencia y escuchamos sin "
            "juzgar ni dar consejos que nadie ha pedido. Las personas facilitadoras cuidan el "
            "espacio, pero no sustituyen a una profesional. Si tú o alguien está en peligro, "
            "llama al 112; si piensas en el suicidio, al 024. Los dos son gratuitos y atienden "
            "a cualquier hora."
        ),
    ),
    (
        "6. Cuidamos los espacios compartidos",
        (
            "En los encuentros no se consume alcohol ni otras sustancias si el grupo no lo ha "
            "acordado, y siempre hay opciones sin alcohol. Respetamos las necesidades de "
            "accesibilidad, de alimentación y de descanso de cada persona."
        ),
    ),
    (
        "7. Si algo va mal, dilo",
        (
            "Puedes hablar con cualquier persona del equipo de organización o con quien "
            "facilite tu grupo, o denunciar a alguien con el enlace «Denunciar» de su perfil: "
            "solo el equipo de organización lee tu denuncia, la persona denunciada nunca sabe "
            "quién la hizo y te avisamos cuando la hayamos resuelto. Te escucharemos, "
            "mantendremos la confidencialidad y no haremos nada sin hablarlo contigo. Si una "
            "persona te molesta, puedes bloquearla: dejaréis de veros en la plataforma."
        ),
    ),
    (
        "8. Qué pasa si no se cumple",
        (
            "Según lo ocurrido, el equipo de organización puede hablar con la persona, darle "
            "una advertencia, quitarle la organización de un grupo, suspender su cuenta o "
            "expulsarla de la red. Cada decisión queda registrada y se explica a la persona "
            "afectada. Quien ha sufrido el daño es lo primero."
        ),
    ),
)

CONDUCT_EN = _text(
    (
        "This code describes how we look after each other in Red Arcoíris. It applies at "
        "gatherings, in groups, on this platform and anywhere else we meet. By accepting it you"
        " agree to keep it, and the network agrees to uphold it."
    ),
    (
        "1. What happens here stays here",
        (
            "Do not tell anyone outside who belongs to the network or what is said in it. Do "
            "not take screenshots, photos or recordings without the clear permission of "
            "everyone in them. Outing someone, even by accident, can put their home, their job "
            "or their safety at risk."
        ),
    ),
    (
        "2. We respect how each person names themselves",
        (
            "Use the name and pronouns each person has chosen, also when they are not in the "
            "room. If you get it wrong, correct yourself and move on. Nobody has to explain or "
            "justify their identity, their body or their history, and nobody is asked about "
            "them unless they invited the question."
        ),
    ),
    (
        "3. No harassment or discrimination",
        (
            "We do not tolerate transphobia, biphobia, homophobia, racism, xenophobia, sexism, "
            "ableism, fatphobia, HIV stigma, ageism, or contempt for anyone's class or "
            "religion. Nor harassment: insisting after someone said no, following someone, or "
            "messaging people privately who did not ask for it."
        ),
    ),
    (
        "4. Consent comes first",
        (
            "Ask before touching, hugging, taking a photo or messaging someone privately. A "
            '"no", a silence or a hesitation is a no. Anyone may leave a conversation or a '
            "gathering without giving a reason."
        ),
    ),
    (
        "5. Peer support, not therapy",
        (
            "In support circles we speak from our own experience and listen without judging or "
            "giving advice nobody asked for. Facilitators look after the space but do not "
            "replace a professional. If you or someone else is in danger, call 112; if you are "
            "thinking about suicide, call 024. Both are free and answer at any hour."
        ),
    ),
    (
        "6. We look after shared spaces",
        (
            "At gatherings nobody drinks alcohol or uses other substances unless the group "
            "agreed to it, and there are always alcohol-free options. We respect each person's "
            "access, food and rest needs."
        ),
    ),
    (
        "7. If something goes wrong, say so",
        (
            "You can talk to any organiser or to whoever facilitates your group, or report "
            'someone with the "Report" link on their profile: only the organisers read your '
            "report, the person reported never learns who sent it, and we tell you when we have "
            "handled it. We will listen, keep it confidential and do nothing without talking it "
            "through with you. If someone bothers you, you can block them: you will no longer "
            "see each other on the platform."
        ),
    ),
    (
        "8. What happens when the code is broken",
        (
            "Depending on what happened, the organisers may talk with the person, give them a "
            "warning, stop them running a group, suspend their account or remove them from the "
            "network. Every decision is recorded and explained to the person concerned. The "
            "person who was harmed comes first."
        ),
    ),
)

AREAS = [
    "Lavapiés",
    "Malasaña",
    "Chueca",
    "Carabanchel",
    "Vallecas",
    "Usera",
    "Tetuán",
    "Getafe",
    "Alcalá de Henares",
    "Móstoles",
]


@dataclass(frozen=True)
class Question:
    text_es: str
    text_en: str
    help_es: str = ""
    help_en: str = ""
    required: bool = True


QUESTIONS = [
    Question(
        "¿Cómo conociste Red Arcoíris?",
        "How did you hear about Red Arcoíris?",
        "Por ejemplo: una amiga, un colectivo, una búsqueda en internet.",
        "For example: a friend, a collective, a web search.",
    ),
    Question(
        "¿Qué te gustaría encontrar o aportar en la red?",
        "What would you like to find or offer in the network?",
        "Compañía, apoyo, planes, ayuda práctica… Cuéntanos lo que quieras.",
        "Company, support, things to do, practical help… Tell us as much as you like.",
    ),
    Question(
        "¿Hay algo que debamos saber para que este sea un espacio seguro para ti?",
        "Is there anything we should know to help you feel safe?",
        "Opcional. Por ejemplo, si compartes el móvil o si prefieres que no te escribamos.",
        "Optional. For example, if you share your phone or would rather we did not email you.",
        required=False,
    ),
]


@dataclass(frozen=True)
class GroupSpec:
    slug: str
    name_es: str
    name_en: str
    description_es: str
    description_en: str
    kind: str  # "local" or "themed"
    join_policy: str  # "open", "request" or "invitation"
    area: str | None = None
    # A hidden group is known only to those in it (or asked, or invited) and network organisers.
    listed: bool = True


GROUPS = [
    GroupSpec(
        slug="lavapies",
        name_es="Red Arcoíris Lavapiés",
        name_en="Red Arcoíris Lavapiés",
        description_es=(
            "El grupo local del centro. Nos vemos el primer domingo de cada mes para el potluck "
            "y organizamos las tardes de acompañamiento a trámites."
        ),
        description_en=(
            "The local group for the city centre. We meet on the first Sunday of each month for "
            "the potluck and organise afternoons of help with paperwork."
        ),
        kind="local",
        join_policy="open",
        area="Lavapiés",
    ),
    GroupSpec(
        slug="circulo-trans",
        name_es="Círculo trans y no binario",
        name_en="Trans and non-binary circle",
        description_es=(
            "Un círculo de apoyo entre iguales para personas trans, no binarias y en "
            "cuestionamiento. Se entra por solicitud para cuidar la confidencialidad del grupo."
        ),
        description_en=(
            "A peer support circle for trans, non-binary and questioning people. Joining is by "
            "request so that the group stays confidential."
        ),
        kind="themed",
        join_policy="request",
    ),
    GroupSpec(
        slug="cineclub-queer",
        name_es="Cineclub queer",
        name_en="Queer film club",
        description_es=(
            "Una película queer al mes y una charla facilitada después. Votamos la siguiente "
            "película entre todas las personas del grupo y avisamos de los temas delicados."
        ),
        description_en=(
            "One queer film a month, followed by a facilitated discussion. The whole group votes "
            "on the next film, and we give content notes for difficult topics."
        ),
        kind="themed",
        join_policy="open",
    ),
    GroupSpec(
        slug="cocina-compartida",
        name_es="Cocina compartida",
        name_en="Shared kitchen",
        description_es=(
            "Quienes organizan los potlucks: recetas, listas de platos, alergias y quién trae "
            "qué. Cada persona cocina algo, aunque sea sencillo."
        ),
        description_en=(
            "The people behind the potlucks: recipes, dish lists, allergies and who brings what. "
            "Everyone cooks something, however simple."
        ),
        kind="themed",
        join_policy="open",
    ),
    GroupSpec(
        slug="mayores",
        name_es="Mayores LGTBIQ+",
        name_en="LGBTQ+ elders",
        description_es=(
            "Para personas de más de 60 años: paseos, meriendas y la memoria de quienes abrieron "
            "camino. También acompañamos a quien vive en soledad."
        ),
        description_en=(
            "For people over 60: walks, afternoon teas and the memories of those who paved the "
            "way. We also keep company with those who live alone."
        ),
        kind="themed",
        join_policy="open",
    ),
    GroupSpec(
        slug="getafe",
        name_es="Red Arcoíris Getafe",
        name_en="Red Arcoíris Getafe",
        description_es="El grupo local del sur: Getafe, Móstoles y alrededores.",
        description_en="The local group for the south: Getafe, Móstoles and nearby.",
        kind="local",
        join_policy="open",
        area="Getafe",
    ),
    GroupSpec(
        slug="acompanamiento-migrante",
        name_es="Acompañamiento migrante",
        name_en="Migrant support",
        description_es=(
            "Acompañamos a personas LGTBIQ+ migrantes en trámites, citas y solicitudes de asilo. "
            "El grupo está oculto: solo lo ven quienes están en él, para proteger a quien aún no "
            "tiene papeles."
        ),
        description_en=(
            "We go with LGBTQ+ migrants to appointments, paperwork and asylum interviews. The "
            "group is hidden: only those in it see it, to protect people who have no papers yet."
        ),
        kind="themed",
        join_policy="request",
        listed=False,
    ),
    GroupSpec(
        slug="familias-lgtbiq",
        name_es="Familias LGTBIQ+",
        name_en="LGBTQ+ families",
        description_es=(
            "Madres, padres y xadres LGTBIQ+ con criaturas pequeñas. Se entra por invitación: "
            "quien lo organiza invita a las familias que conoce de las quedadas."
        ),
        description_en=(
            "LGBTQ+ parents with small children. Joining is by invitation: its organisers invite "
            "the families they have met at gatherings."
        ),
        kind="themed",
        join_policy="invitation",
    ),
]

SHE = "ella / she/her"
HE = "él / he/him"
THEY = "elle / they/them"
ANY = "cualquier pronombre / any pronouns"
ASK = "pregúntame / ask me"


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    pronouns: str
    language: str
    languages: tuple[str, ...]
    area: str | None
    # slug -> "member" | "organiser" | "requested" | "invited"
    groups: dict[str, str] = field(default_factory=dict)
    bio: str = ""
    interests: str = ""
    skills: str = ""
    organiser: bool = False
    facilitator: bool = False
    time_zone: str = "Europe/Madrid"
    discreet: bool = False
    # Who sees the bio: the narrow default unless the person chose to share more.
    bio_audience: str = "shared_group"
    days_ago: int = 200

    @property
    def email(self) -> str:
        if self.key == "organiser":
            return ORGANISER_EMAIL
        if self.key == "member":
            return MEMBER_EMAIL
        return f"{self.key}@{DEMO_DOMAIN}"


MEM, ORG, REQ, INV = "member", "organiser", "requested", "invited"

PEOPLE = [
    Person(
        "organiser",
        "Marisol",
        SHE,
        "es",
        ("es", "en"),
        "Lavapiés",
        {"lavapies": ORG, "cocina-compartida": MEM, "cineclub-queer": MEM},
        bio="Organizo los potlucks de Lavapiés desde hace años. Si es tu primera vez, búscame.",
        interests="Cocina, huertos urbanos, cine de los 90",
        skills="Trámites de extranjería, cocina para muchas personas",
        organiser=True,
        bio_audience="members",
        days_ago=900,
    ),
    Person(
        "dani",
        "Dani Ferrer",
        THEY,
        "es",
        ("es", "ca", "en"),
        "Malasaña",
        {"circulo-trans": ORG, "lavapies": MEM, "getafe": MEM, "acompanamiento-migrante": ORG},
        bio="Coordino el equipo de organización. Estudio trabajo social.",
        interests="Fanzines, escalada, radio comunitaria",
        skills="Mediación, diseño gráfico",
        organiser=True,
        bio_audience="members",
        days_ago=850,
    ),
    Person(
        "member",
        "Álex",
        THEY,
        "es",
        ("es", "en"),
        "Carabanchel",
        {
            "lavapies": MEM,
            "cineclub-queer": MEM,
            "cocina-compartida": MEM,
            "circulo-trans": MEM,
            "familias-lgtbiq": INV,
        },
        bio="Llegué a Madrid hace un año y la red ha sido mi primera familia aquí.",
        interests="Cine, bici, juegos de mesa",
        skills="Puedo ayudar con ordenadores y móviles",
        days_ago=330,
    ),
    Person(
        "ines",
        "Inés Robles",
        SHE,
        "es",
        ("es", "en", "fr"),
        "Chueca",
        {"circulo-trans": MEM, "mayores": MEM, "familias-lgtbiq": ORG},
        bio="Psicóloga sanitaria. Acompaño el círculo trans una vez al mes como profesional.",
        interests="Natación, novela negra",
        skills="Psicología clínica con personas LGTBIQ+",
        facilitator=True,
        bio_audience="members",
        days_ago=700,
    ),
    Person(
        "rio",
        "Río",
        THEY,
        "es",
        ("es", "pt"),
        "Usera",
        {"circulo-trans": ORG, "lavapies": MEM},
        bio="Facilito el círculo trans y no binario. Escucho mucho y hablo poco.",
        interests="Cerámica, poesía",
        skills="Facilitación de grupos, primeros auxilios psicológicos",
        facilitator=True,
        days_ago=780,
    ),
    Person(
        "sam",
        "Sam Okafor",
        THEY,
        "en",
        ("en", "es"),
        "Malasaña",
        {"cineclub-queer": ORG, "lavapies": MEM},
        bio="I run the film club. Ask me about anything Cheryl Dunye ever made.",
        interests="Film, photography, running",
        skills="Facilitation, subtitles, English and Spanish translation",
        facilitator=True,
        bio_audience="members",
        days_ago=640,
    ),
    Person(
        "joaquin",
        "Joaquín",
        HE,
        "es",
        ("es",),
        "Vallecas",
        {"getafe": ORG, "mayores": MEM},
        bio="Facilitador del círculo de hombres gais y bis. Jubilado de Correos.",
        interests="Senderismo, zarzuela",
        facilitator=True,
        days_ago=610,
    ),
    Person(
        "nadia",
        "Nadia",
        SHE,
        "es",
        ("es", "ar", "fr"),
        "Tetuán",
        {"lavapies": MEM, "cocina-compartida": MEM},
        bio="Facilito encuentros para personas migrantes y racializadas.",
        interests="Cocina marroquí, bordado",
        skills="Árabe y francés, acompañamiento a citas médicas",
        facilitator=True,
        days_ago=560,
    ),
    Person(
        "lucia",
        "Lucía",
        SHE,
        "es",
        ("es", "lse"),
        "Alcalá de Henares",
        {"getafe": MEM, "cineclub-queer": MEM},
        bio="Facilitadora y intérprete de lengua de signos.",
        skills="Lengua de signos española",
        facilitator=True,
        days_ago=500,
    ),
    Person(
        "carmen",
        "Carmen",
        SHE,
        "es",
        ("es",),
        "Chueca",
        {"mayores": ORG, "lavapies": MEM},
        bio="Estuve en la primera manifestación del Orgullo en Madrid. Ahora organizo meriendas.",
        interests="Historia, baile",
        bio_audience="members",
        days_ago=880,
    ),
    Person("tomas", "Tomás", HE, "es", ("es",), "Carabanchel", {"lavapies": MEM}, days_ago=420),
    Person(
        "yeray",
        "Yeray",
        HE,
        "es",
        ("es",),
        None,
        {"cineclub-queer": MEM},
        bio="Desde Canarias, en remoto de momento.",
        time_zone="Atlantic/Canary",
        days_ago=150,
    ),
    Person("aitana", "Aitana", SHE, "es", ("es", "en"), "Malasaña", {"cineclub-queer": MEM}),
    Person(
        "noa",
        "Noa",
        THEY,
        "es",
        ("es",),
        "Vallecas",
        {"lavapies": MEM, "circulo-trans": REQ},
        discreet=True,
        days_ago=40,
    ),
    Person(
        "kai",
        "Kai",
        THEY,
        "en",
        ("en", "de"),
        "Lavapiés",
        {"circulo-trans": REQ, "cineclub-queer": MEM},
        days_ago=25,
    ),
    Person(
        "priya",
        "Priya",
        SHE,
        "en",
        ("en", "es"),
        "Chueca",
        {"cocina-compartida": MEM},
        bio="Software engineer, terrible dancer, excellent dal.",
        interests="Cooking, climbing",
        days_ago=260,
    ),
    Person(
        "jordan",
        "Jordan",
        THEY,
        "en",
        ("en",),
        "Malasaña",
        {"cineclub-queer": MEM, "circulo-trans": MEM},
        time_zone="Europe/London",
        days_ago=190,
    ),
    Person("emma", "Emma", SHE, "en", ("en", "es"), "Tetuán", {"lavapies": MEM}, days_ago=90),
    Person("liam", "Liam", HE, "en", ("en",), "Chueca", {"cineclub-queer": MEM}, days_ago=75),
    Person(
        "ahmed",
        "Ahmed",
        HE,
        "es",
        ("ar", "es", "fr"),
        "Usera",
        {"lavapies": MEM},
        bio="Llegué hace dos años. Me gusta ayudar a quien acaba de llegar.",
        skills="Árabe, papeles de asilo",
        discreet=True,
        days_ago=240,
    ),
    Person(
        "oksana",
        "Oksana",
        SHE,
        "es",
        ("uk", "ru", "es"),
        "Getafe",
        {"getafe": MEM},
        skills="Ucraniano y ruso",
        days_ago=210,
    ),
    Person(
        "valentina",
        "Valentina",
        SHE,
        "es",
        ("es",),
        "Usera",
        {"lavapies": MEM, "cocina-compartida": MEM},
        interests="Arepas, salsa, voluntariado",
        time_zone="Europe/Madrid",
        days_ago=300,
    ),
    Person("mateo", "Mateo", HE, "es", ("es",), "Móstoles", {"getafe": MEM}, days_ago=120),
    Person(
        "sol",
        "Sol",
        THEY,
        "es",
        ("es", "it"),
        "Lavapiés",
        {"circulo-trans": MEM, "cocina-compartida": MEM},
        interests="Teatro, costura",
        days_ago=280,
    ),
    Person("paco", "Paco", HE, "es", ("es",), "Chueca", {"mayores": MEM}, days_ago=820),
    Person("rosa", "Rosa", SHE, "es", ("es", "gl"), "Tetuán", {"mayores": MEM}, days_ago=760),
    Person("irene", "Irene", SHE, "es", ("es", "en"), "Carabanchel", {"lavapies": MEM}),
    Person("bea", "Bea", SHE, "es", ("es",), "Vallecas", {"getafe": MEM, "cineclub-queer": MEM}),
    Person(
        "marco",
        "Marco",
        HE,
        "es",
        ("it", "es", "en"),
        "Malasaña",
        {"cocina-compartida": MEM},
        skills="Pasta fresca para cuarenta personas",
        days_ago=170,
    ),
    Person(
        "lea", "Léa", THEY, "es", ("fr", "es"), "Lavapiés", {"cineclub-queer": MEM}, days_ago=60
    ),
    Person("hugo", "Hugo", HE, "es", ("es",), "Alcalá de Henares", {"getafe": MEM}, days_ago=130),
    Person(
        "ariadna",
        "Ariadna",
        SHE,
        "es",
        ("ca", "es"),
        "Chueca",
        {"lavapies": MEM, "circulo-trans": MEM},
        days_ago=230,
    ),
    Person("iker", "Iker", HE, "es", ("eu", "es"), "Tetuán", {"cineclub-queer": MEM}, days_ago=110),
    Person(
        "xian",
        "Xián",
        THEY,
        "es",
        ("gl", "es"),
        "Usera",
        {"circulo-trans": MEM, "lavapies": MEM},
        days_ago=160,
    ),
    Person("chris", "Chris", ANY, "en", ("en",), "Lavapiés", {"cocina-compartida": MEM}),
    Person(
        "robin",
        "Robin",
        ASK,
        "en",
        ("en", "de"),
        None,
        {"cineclub-queer": MEM},
        time_zone="Europe/Berlin",
        days_ago=50,
    ),
    Person(
        "fatima",
        "Fátima",
        SHE,
        "es",
        ("ar", "es"),
        "Getafe",
        {"getafe": MEM, "cocina-compartida": MEM},
        discreet=True,
        days_ago=140,
    ),
    Person(
        "gabriel",
        "Gabriel",
        HE,
        "es",
        ("pt", "es"),
        "Carabanchel",
        {"lavapies": MEM},
        time_zone="Europe/Madrid",
        days_ago=95,
    ),
    Person(
        "lola",
        "Lola",
        SHE,
        "es",
        ("es",),
        "Lavapiés",
        {"cocina-compartida": ORG, "lavapies": MEM},
        bio="Si hay potluck, hay tortilla de Lola.",
        bio_audience="members",
        days_ago=720,
    ),
    Person(
        "taylor",
        "Taylor",
        THEY,
        "en",
        ("en", "es"),
        "Malasaña",
        {"cineclub-queer": MEM},
        days_ago=12,
    ),
]


@dataclass(frozen=True)
class Applicant:
    key: str
    name: str
    pronouns: str
    language: str
    answers: tuple[str, str, str]
    days_ago: int
    # The organisers' question, when they asked one before deciding.
    question: str = ""


APPLICANTS = [
    Applicant(
        "sara",
        "Sara",
        SHE,
        "es",
        (
            "Me habló de la red una compañera del trabajo que viene al cineclub.",
            "Quiero conocer a otras mujeres bi de mi edad y echar una mano con los potlucks.",
            "",
        ),
        days_ago=2,
    ),
    Applicant(
        "jamie",
        "Jamie",
        THEY,
        "en",
        (
            "I found you through the Orgullo volunteers' list.",
            "I just moved here from Manchester and I'd love a film club and some friends.",
            "Please don't email me at work; this address is personal.",
        ),
        days_ago=4,
    ),
    Applicant(
        "ernesto",
        "Ernesto",
        HE,
        "es",
        (
            "Por internet.",
            "Apoyo.",
            "Comparto el ordenador con mi familia.",
        ),
        days_ago=6,
        question=(
            "¡Hola, Ernesto! Gracias por escribir. ¿Te gustaría contarnos un poco más sobre el "
            "tipo de apoyo que buscas? Así podemos recomendarte el grupo que mejor te encaje. "
            "Como compartes el ordenador, activa el modo discreto en tu cuenta."
        ),
    ),
]


@dataclass(frozen=True)
class Professional:
    person: str
    profession: str
    method: str
    verified_by: str
    days_ago: int


# The one verified professional: what she is, and how the organisers checked it.
PROFESSIONAL = Professional(
    person="ines",
    profession="Psicóloga sanitaria / Health psychologist",
    method=(
        "Número de colegiada comprobado en el registro público del Colegio Oficial de la "
        "Psicología de Madrid y videollamada con dos personas del equipo de organización."
    ),
    verified_by="dani",
    days_ago=400,
)
