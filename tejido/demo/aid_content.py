"""The demo network's mutual aid board: where its areas lie, what members offer and ask for
(each in the language its author writes in, Spanish or English), the matches made, and the
microgrant fund. Days are relative to the day the demo is seeded."""

from dataclasses import dataclass

# Roughly where the demo's areas are (latitude, longitude), and which are next to each other.
PLACES = {
    "Lavapiés": (40.4087, -3.7008),
    "Malasaña": (40.4262, -3.7046),
    "Chueca": (40.4229, -3.6975),
    "Carabanchel": (40.3833, -3.7333),
    "Vallecas": (40.3850, -3.6580),
    "Usera": (40.3870, -3.7070),
    "Tetuán": (40.4600, -3.6980),
    "Getafe": (40.3080, -3.7320),
    "Alcalá de Henares": (40.4818, -3.3643),
    "Móstoles": (40.3223, -3.8649),
}
NEIGHBOURS = [
    ("Lavapiés", "Usera"),
    ("Lavapiés", "Chueca"),
    ("Malasaña", "Chueca"),
    ("Malasaña", "Tetuán"),
    ("Carabanchel", "Usera"),
    ("Usera", "Vallecas"),
    ("Getafe", "Carabanchel"),
]


@dataclass(frozen=True)
class DemoOffer:
    key: str
    helper: str
    category: str
    title: str
    description: str
    area: str
    languages: tuple[str, ...] = ("es",)
    visibility: str = "members"
    # Time windows: (days from now, from hour, to hour).
    windows: tuple[tuple[int, int, int], ...] = ()


@dataclass(frozen=True)
class DemoRequest:
    key: str
    requester: str
    category: str
    title: str
    description: str
    area: str
    urgency: str = "week"
    languages: tuple[str, ...] = ("es",)
    visibility: str = ""
    anonymous: bool = False
    amount: str = ""
    purpose: str = ""
    windows: tuple[tuple[int, int, int], ...] = ()
    # How long ago it was opened.
    days_ago: float = 0


OFFERS = [
    DemoOffer(
        key="company",
        helper="dani",
        category="transport",
        title="Te acompaño a citas médicas, juicios o trámites",
        description=(
            "Tengo las mañanas libres entre semana. Puedo ir contigo al centro de salud, a una "
            "vista en el juzgado o a la oficina que sea, y esperar contigo."
        ),
        area="Lavapiés",
        languages=("es", "en"),
        windows=((2, 9, 14), (3, 9, 14), (4, 9, 14)),
    ),
    DemoOffer(
        key="company_en",
        helper="emma",
        category="transport",
        title="I can go with you to appointments",
        description=(
            "Clinic visits, the registry office, a first day somewhere new: I can come along, "
            "in English or in my okay-ish Spanish."
        ),
        area="Tetuán",
        languages=("en", "es"),
        windows=((3, 16, 20), (5, 10, 18)),
    ),
    DemoOffer(
        key="legal",
        helper="carmen",
        category="legal",
        title="Orientación legal: cambio de nombre y mención de sexo",
        description=(
            "Soy abogada. Te explico los pasos de la ley trans, qué papeles pedir y cómo "
            "recurrir si te los niegan. Sin coste."
        ),
        area="Chueca",
    ),
    DemoOffer(
        key="sofa",
        helper="ines",
        category="housing",
        title="Sofá cama libre para una o dos noches",
        description="Piso tranquilo, con una gata. Mejor avisar con un día.",
        area="Usera",
        visibility="organisers",
    ),
    DemoOffer(
        key="cooking",
        helper="tomas",
        category="food",
        title="Cocino de más los domingos",
        description="Lentejas, cocido o lo que toque, en táper. Recoges en Carabanchel.",
        area="Carabanchel",
    ),
    DemoOffer(
        key="tech",
        helper="chris",
        category="tech",
        title="I fix phones and laptops, and set up private messaging",
        description="Screen swaps, a slow laptop, a phone that someone else set up for you.",
        area="Lavapiés",
        languages=("en",),
    ),
    DemoOffer(
        key="binders",
        helper="valentina",
        category="clothing",
        title="Binders y ropa de talla S y M",
        description="Tengo varios binders en buen estado y ropa que ya no uso.",
        area="Vallecas",
    ),
    DemoOffer(
        key="cv",
        helper="lucia",
        category="employment",
        title="Reviso tu CV y preparamos la entrevista",
        description="Trabajo en selección de personal. También cartas de presentación.",
        area="Malasaña",
        languages=("es", "en"),
    ),
]

REQUESTS = [
    DemoRequest(
        key="clinic",
        requester="member",
        category="transport",
        title="Compañía para una cita en el centro de salud",
        description=(
            "Tengo cita de endocrino el jueves por la mañana y me pone nerviosa ir sola. Solo "
            "necesito a alguien que venga conmigo."
        ),
        area="Lavapiés",
        urgency="week",
        windows=((3, 9, 12),),
        days_ago=1,
    ),
    DemoRequest(
        key="groceries",
        requester="liam",
        category="food",
        title="Groceries for this week",
        description="My pay is late this month; anything helps until it comes.",
        area="Chueca",
        urgency="today",
        languages=("en",),
        days_ago=0.2,
    ),
    DemoRequest(
        key="binder",
        requester="aitana",
        category="clothing",
        title="Busco un binder de talla S",
        description="El mío se ha roto y ahora mismo no puedo comprar otro.",
        area="Malasaña",
        visibility="helpers",
        days_ago=4,
    ),
    DemoRequest(
        key="name_change",
        requester="hugo",
        category="legal",
        title="Ayuda con el cambio de nombre en el registro",
        description="No sé qué papeles llevar ni si me pueden pedir informes médicos.",
        area="Alcalá de Henares",
        visibility="members",
        anonymous=True,
        days_ago=2,
    ),
    DemoRequest(
        key="bed",
        requester="kai",
        category="housing",
        title="Necesito un sitio donde dormir tres noches",
        description="He tenido que salir de casa de mi familia. Desde esta noche.",
        area="Usera",
        urgency="today",
        days_ago=0.1,
    ),
    DemoRequest(
        key="hearing",
        requester="mateo",
        category="transport",
        title="Alguien que venga conmigo a una vista en el juzgado",
        description="Es una vista por una denuncia por agresión. Prefiero no ir solo.",
        area="Móstoles",
        days_ago=6,
    ),
    DemoRequest(
        key="phone",
        requester="rosa",
        category="tech",
        title="Configurar el móvil nuevo y las videollamadas",
        description="Para hablar con mi grupo de mayores sin depender de mi sobrino.",
        area="Tetuán",
        days_ago=20,
    ),
    DemoRequest(
        key="transit_pass",
        requester="yeray",
        category="money",
        title="El abono de transporte de este mes",
        description="Empiezo unas prácticas y hasta el primer sueldo no llego.",
        area="Vallecas",
        amount="54.60",
        purpose="Abono mensual de transporte, zona B1.",
        days_ago=12,
    ),
    DemoRequest(
        key="registry_fee",
        requester="sol",
        category="money",
        title="Las tasas y las fotos para el DNI nuevo",
        description="Con el nombre nuevo ya aprobado, me falta esto.",
        area="Getafe",
        amount="32.00",
        purpose="Tasa de renovación del DNI y fotos.",
        days_ago=3,
    ),
]

# The matching helper's offer for a request, as made on the board.
IN_PROGRESS = ("hearing", "company")
IN_PROGRESS_MESSAGES = [
    ("mateo", "Gracias por aceptar. La vista es el martes a las 10 en Móstoles."),
    ("dani", "Perfecto. Quedamos a las 9:30 en la puerta, ¿te parece?"),
]
FULFILLED = ("phone", "tech")
FULFILLED_MESSAGES = [
    ("rosa", "Hello! I only speak a little English, is that okay?"),
    ("chris", "Of course, we will manage. Saturday at the community centre?"),
]
FEEDBACK = {
    "rosa": "Chris fue muy paciente. Ya hago videollamadas con mi grupo.",
    "chris": "Lovely afternoon. Rosa taught me some Galician in return!",
}

FUND_NAME = "Fondo de apoyo mutuo"
FUND_RECEIVED = [
    ("600.00", "Bote del potluck de primavera"),
    ("250.00", "Rifa del cineclub"),
]
GRANTED = "transit_pass"
