"""The demo network's directory: made-up organisations, services and welcoming businesses in
both languages (every name is fictional), across the taxonomy; one service not verified for
a year, one safe house for organisers only, vouches and recommendations."""

from dataclasses import dataclass, field

PUBLIC, MEMBERS, ORGANISERS = "public", "members", "organisers"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")


@dataclass(frozen=True)
class DemoOrganization:
    key: str
    name: str
    description_es: str
    description_en: str
    website: str = ""
    visibility: str = PUBLIC


@dataclass(frozen=True)
class DemoPlace:
    key: str
    name: str
    area: str
    street: str
    postal_code: str
    transportation_es: str
    transportation_en: str
    accessibility_es: str = ""
    visibility: str = PUBLIC


@dataclass(frozen=True)
class DemoService:
    organization: str
    name_es: str
    name_en: str
    description_es: str
    description_en: str
    terms: tuple[str, ...]
    places: tuple[str, ...] = ()
    # (days, opens, closes)
    hours: tuple[tuple[tuple[str, ...], str, str], ...] = ()
    languages: tuple[str, ...] = ("es",)
    phone: str = ""
    cost: str | None = "0"
    visibility: str = PUBLIC
    # Days since it was last verified (None: never).
    verified_days_ago: int | None = 20
    # Members who recommend it (approved), and their notes.
    recommendations: tuple[tuple[str, str], ...] = ()


ORGANIZATIONS = [
    DemoOrganization(
        "arcoiris",
        "Asociación Arcoíris Sur (ficticia)",
        "Asociación de personas LGBTQ+ del sur de la ciudad: acogida, asesoría y apoyo mutuo.",
        "An association of LGBTQ+ people in the south of the city: welcome, advice, mutual aid.",
    ),
    DemoOrganization(
        "juristas",
        "Juristas por la Diversidad (ficticia)",
        "Abogadas y abogados voluntarios que acompañan trámites y denuncias.",
        "Volunteer lawyers who help with paperwork and complaints.",
    ),
    DemoOrganization(
        "salud",
        "Centro de Salud Comunitaria Violeta (ficticio)",
        "Atención sanitaria respetuosa y sin juicios.",
        "Respectful, non-judgemental health care.",
    ),
    DemoOrganization(
        "red",
        "Red Arcoíris",
        "Los servicios que organiza la propia red.",
        "The services the network itself runs.",
    ),
]

PLACES = [
    DemoPlace(
        "local-sur",
        "Local de Arcoíris Sur",
        "Usera",
        "Calle del Ejemplo 12",
        "28026",
        "Metro Usera (línea 6), salida Avenida de Rafaela Ybarra; a cinco minutos a pie.",
        "Usera metro (line 6), Avenida de Rafaela Ybarra exit; five minutes' walk.",
        "Entrada a pie de calle; aseo adaptado.",
    ),
    DemoPlace(
        "despacho",
        "Despacho de Juristas por la Diversidad",
        "Malasaña",
        "Calle Imaginaria 3, 2.º",
        "28004",
        "Metro Tribunal (líneas 1 y 10). Segundo piso con ascensor.",
        "Tribunal metro (lines 1 and 10). Second floor, with a lift.",
        "Ascensor; puerta de 90 cm.",
    ),
    DemoPlace(
        "consulta",
        "Consulta Violeta",
        "Lavapiés",
        "Plaza Inventada 7",
        "28012",
        "Metro Lavapiés (línea 3). Frente a la plaza, puerta verde.",
        "Lavapiés metro (line 3). Across the square, green door.",
        "Sin escalones; sala tranquila.",
    ),
    DemoPlace(
        "piso-acogida",
        "Piso de acogida",
        "Carabanchel",
        "Calle Reservada 21, 3.º B",
        "28025",
        "Solo con cita: una organizadora te acompaña desde el metro.",
        "By appointment only: an organiser meets you at the metro.",
        visibility=ORGANISERS,
    ),
]

SERVICES = [
    DemoService(
        "arcoiris",
        "Vivienda de emergencia",
        "Emergency housing",
        "Alojamiento temporal y ayuda para buscar piso para personas LGBTQ+ expulsadas de casa.",
        "Temporary shelter and help finding a flat for LGBTQ+ people thrown out of home.",
        ("housing", "lgbtq-led", "free", "no-id"),
        places=("local-sur",),
        hours=((WEEKDAYS, "10:00", "14:00"),),
        phone="+34 600 100 200",
        recommendations=(("member", "Me ayudaron a encontrar habitación en dos semanas."),),
    ),
    DemoService(
        "juristas",
        "Asesoría jurídica: cambio de nombre y sexo registral",
        "Legal advice: name and gender-marker change",
        "Te acompañamos en el trámite de rectificación registral, paso a paso.",
        "We help you through the change of name and gender marker, step by step.",
        ("legal-name-gender", "trans-led", "free"),
        places=("despacho",),
        hours=((("TU", "TH"), "17:00", "20:00"),),
        languages=("es", "en"),
        recommendations=(
            ("dani", "Resolvieron todas mis dudas con mucha paciencia."),
            ("sam", "Clear and kind. They used my name from the first minute."),
        ),
    ),
    DemoService(
        "juristas",
        "Asilo por orientación o identidad",
        "Asylum on grounds of orientation or identity",
        "Preparación de la entrevista de asilo y acompañamiento durante el procedimiento.",
        "Preparing the asylum interview and support through the procedure.",
        ("legal-asylum", "asylum-seekers", "free", "no-id"),
        places=("despacho",),
        hours=((("MO", "WE"), "10:00", "13:00"),),
        languages=("es", "en", "fr", "ar"),
    ),
    DemoService(
        "juristas",
        "Denuncias por discriminación",
        "Discrimination complaints",
        "Orientación para denunciar discriminación laboral, en la vivienda o delitos de odio.",
        "Guidance on reporting discrimination at work, in housing, or hate crimes.",
        ("legal-discrimination",),
        places=("despacho",),
        cost="30",
        # Not verified for a year: shown as stale until an organiser checks it.
        verified_days_ago=400,
    ),
    DemoService(
        "arcoiris",
        "Programa de empleo inclusivo",
        "Inclusive jobs programme",
        "Talleres de currículum, entrevistas simuladas y empresas que contratan sin prejuicios.",
        "CV workshops, mock interviews and employers who hire without prejudice.",
        ("employment", "lgbtq-led", "free"),
        places=("local-sur",),
        hours=((("WE",), "16:00", "19:00"),),
    ),
    DemoService(
        "salud",
        "Consulta de medicina de familia",
        "Family doctor's surgery",
        "Medicina general con profesionales formados en diversidad.",
        "General practice with staff trained in diversity.",
        ("health-general", "spanish-staff"),
        places=("consulta",),
        hours=((WEEKDAYS, "08:30", "15:00"),),
        languages=("es", "en", "pt"),
    ),
    DemoService(
        "salud",
        "Acompañamiento en la transición",
        "Gender-affirming care",
        "Hormonación, seguimiento y acompañamiento psicológico para personas trans y no binarias.",
        "Hormones, follow-up and psychological support for trans and non-binary people.",
        ("health-gender-affirming", "trans-led", "trans-youth"),
        places=("consulta",),
        hours=((("MO", "TH"), "09:00", "14:00"),),
        recommendations=(("ines", "Un trato impecable. Por fin me sentí escuchada."),),
    ),
    DemoService(
        "salud",
        "Pruebas rápidas de VIH y PrEP",
        "Rapid HIV testing and PrEP",
        "Pruebas gratuitas y confidenciales, y derivación a la PrEP.",
        "Free, confidential tests, and referral to PrEP.",
        ("health-sexual", "free", "no-id"),
        places=("consulta",),
        hours=((("TU", "FR"), "16:00", "20:00"),),
        languages=("es", "en"),
    ),
    DemoService(
        "arcoiris",
        "Grupo de apoyo psicológico",
        "Peer mental health support",
        "Grupo semanal con una psicóloga afirmativa. Plazas limitadas.",
        "A weekly group with an affirming psychologist. Places are limited.",
        ("health-mental", "lgbtq-led"),
        places=("local-sur",),
        hours=((("TH",), "18:30", "20:00"),),
        cost="5",
        visibility=MEMBERS,
    ),
    DemoService(
        "arcoiris",
        "Despensa solidaria",
        "Community pantry",
        "Cestas de comida cada semana, sin preguntas.",
        "Weekly food parcels, no questions asked.",
        ("food", "free", "no-id"),
        places=("local-sur",),
        hours=((("SA",), "10:00", "13:00"),),
    ),
    DemoService(
        "arcoiris",
        "Clases de castellano",
        "Spanish classes",
        "Clases de castellano para personas migrantes, en un ambiente seguro.",
        "Spanish classes for migrants, in a safe space.",
        ("education", "asylum-seekers", "free"),
        places=("local-sur",),
        hours=((("MO", "WE"), "18:00", "19:30"),),
        languages=("es", "en", "ar", "uk"),
    ),
    DemoService(
        "arcoiris",
        "Centro comunitario Arcoíris Sur",
        "Arcoíris Sur community centre",
        "Espacio abierto para encontrarse, leer, merendar y organizarse.",
        "An open space to meet, read, have a snack and get organised.",
        ("community-centre", "lgbtq-led"),
        places=("local-sur",),
        hours=((WEEKDAYS, "17:00", "21:00"),),
    ),
    DemoService(
        "red",
        "Línea de escucha nocturna",
        "Night listening line",
        "Una voz amiga todas las noches, de 20:00 a 8:00. Llama o escribe.",
        "A friendly voice every night, from 8 pm to 8 am. Call or text.",
        ("crisis-line", "lgbtq-led", "free"),
        hours=((("MO", "TU", "WE", "TH", "FR", "SA", "SU"), "20:00", "08:00"),),
        phone="+34 600 000 111",
        languages=("es", "en"),
    ),
    DemoService(
        "red",
        "Casa refugio",
        "Safe house",
        "Alojamiento seguro y discreto para quien huye de la violencia. Solo a través de las "
        "organizadoras.",
        "Safe, discreet shelter for those fleeing violence. Only through the organisers.",
        ("housing", "free"),
        places=("piso-acogida",),
        visibility=ORGANISERS,
    ),
]


@dataclass(frozen=True)
class DemoBusiness:
    name: str
    kind: str
    area: str
    address: str
    description_es: str
    description_en: str
    fitting_rooms_es: str = ""
    names_used_es: str = ""
    staff_trained_es: str = ""
    directions_es: str = ""
    # (days, opens, closes), as a service's
    hours: tuple[tuple[tuple[str, ...], str, str], ...] = ()
    hours_note_es: str = ""
    pledge_days_ago: int | None = 60
    visited_days_ago: int | None = 45
    vouchers: tuple[str, ...] = ()
    recommendations: tuple[tuple[str, str], ...] = ()
    translations_en: dict[str, str] = field(default_factory=dict)


BUSINESSES = [
    DemoBusiness(
        "Peluquería Tijeras Libres (ficticia)",
        "hair",
        "Lavapiés",
        "Calle de la Fantasía 4",
        "Cortes sin género: el precio depende del pelo, no de quién eres.",
        "Genderless haircuts: the price depends on the hair, not on who you are.",
        names_used_es="Preguntan tu nombre y tus pronombres al pedir cita.",
        staff_trained_es="Todo el equipo hizo el taller de la red.",
        directions_es="Metro Lavapiés, salida Argumosa; la puerta azul al lado del quiosco.",
        hours=((("TU", "WE", "TH", "FR", "SA"), "10:00", "20:00"),),
        hours_note_es="Cerrado la segunda quincena de agosto.",
        vouchers=("member", "sam", "noa"),
        recommendations=(("member", "Me cortaron el pelo como quería y sin preguntas raras."),),
        translations_en={
            "names_used": "They ask your name and pronouns when you book.",
            "staff_trained": "The whole team took the network's workshop.",
            "directions": "Lavapiés metro, Argumosa exit; the blue door next to the kiosk.",
            "hours_note": "Closed the second half of August.",
        },
    ),
    DemoBusiness(
        "Ropa Trenza (ficticia)",
        "clothing",
        "Malasaña",
        "Calle Soñada 15",
        "Ropa de segunda mano para todos los cuerpos.",
        "Second-hand clothes for every body.",
        fitting_rooms_es="Probadores individuales y sin distinción de género.",
        names_used_es="Sin problema con nombres que no coinciden con la tarjeta.",
        hours=((("MO", "TU", "WE", "TH", "FR"), "11:00", "14:00"), (("SA",), "11:00", "15:00")),
        vouchers=("dani", "kai"),
        translations_en={
            "fitting_rooms": "Single, gender-neutral fitting rooms.",
            "names_used": "No fuss about names that differ from the card.",
        },
    ),
    DemoBusiness(
        "Café La Tertulia (ficticio)",
        "cafe",
        "Chueca",
        "Plaza de Ningunaparte 2",
        "Café tranquilo con baños para todas las personas.",
        "A quiet café with toilets for everyone.",
        fitting_rooms_es="Baños individuales sin género.",
        hours=((("MO", "TU", "WE", "TH", "FR", "SA", "SU"), "08:00", "01:00"),),
        vouchers=("ines",),
        recommendations=(("sam", "Great coffee and the staff are lovely."),),
        translations_en={"fitting_rooms": "Single, gender-neutral toilets."},
    ),
    DemoBusiness(
        "Farmacia del Puente (ficticia)",
        "pharmacy",
        "Usera",
        "Avenida Supuesta 30",
        "Dispensan la hormonación con discreción y explican cada cambio.",
        "They dispense hormones discreetly and explain every change.",
        staff_trained_es="La farmacéutica titular se formó en salud trans.",
        pledge_days_ago=20,
        visited_days_ago=None,
        translations_en={"staff_trained": "The head pharmacist trained in trans health."},
    ),
    DemoBusiness(
        "Gimnasio Fuerza Común (ficticio)",
        "gym",
        "Vallecas",
        "Calle Hipotética 9",
        "Vestuario mixto y vestuarios individuales; clases de defensa personal.",
        "A mixed changing room and private ones; self-defence classes.",
        fitting_rooms_es="Vestuario mixto y tres cabinas individuales.",
        pledge_days_ago=None,
        visited_days_ago=None,
        translations_en={"fitting_rooms": "A mixed changing room and three private cubicles."},
    ),
]
