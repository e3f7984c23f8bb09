"""The directory's two taxonomies (its categories and its attributes) in both languages, as
data: the data migration makes them, and `seed_taxonomies` makes them again where a test's
database was emptied (a transactional test flushes what migrations wrote). Their ids are
fixed, so an HSDS file made on one installation names the same terms on another."""

import uuid
from typing import Any

from tejido.directory.models.taxonomy import ATTRIBUTES_ID, CATEGORIES_ID

# (code, parent code, Spanish name, English name, Spanish description, English description)
CATEGORIES = [
    (
        "housing",
        "",
        "Vivienda",
        "Housing assistance",
        "Alojamiento de urgencia, ayuda para el alquiler y para encontrar casa.",
        "Emergency shelter, help with rent and with finding a home.",
    ),
    (
        "legal",
        "",
        "Asesoría jurídica",
        "Legal advice",
        "Asesoramiento y acompañamiento legal.",
        "Legal advice and support.",
    ),
    (
        "legal-name-gender",
        "legal",
        "Cambio de nombre y de sexo registral",
        "Name and gender-marker change",
        "Trámites para cambiar el nombre y la mención del sexo en los documentos.",
        "Changing one's name and gender marker on official documents.",
    ),
    (
        "legal-asylum",
        "legal",
        "Asilo y protección internacional",
        "Asylum",
        "Solicitudes de asilo y protección internacional por orientación o identidad.",
        "Asylum and international protection claims on grounds of orientation or identity.",
    ),
    (
        "legal-discrimination",
        "legal",
        "Discriminación",
        "Discrimination",
        "Denuncias y defensa ante la discriminación y los delitos de odio.",
        "Complaints and defence against discrimination and hate crimes.",
    ),
    (
        "employment",
        "",
        "Empleo",
        "Employment",
        "Orientación laboral, formación y programas de empleo.",
        "Careers advice, training and job programmes.",
    ),
    ("health", "", "Salud", "Health care", "Atención sanitaria.", "Health care."),
    (
        "health-general",
        "health",
        "Atención sanitaria general",
        "General health care",
        "Medicina de familia y atención primaria respetuosa.",
        "Respectful family medicine and primary care.",
    ),
    (
        "health-gender-affirming",
        "health",
        "Salud trans y afirmación de género",
        "Gender-affirming care",
        "Hormonación, acompañamiento y cirugías de afirmación de género.",
        "Hormones, support and gender-affirming surgery.",
    ),
    (
        "health-sexual",
        "health",
        "Salud sexual y PrEP",
        "Sexual health and PrEP",
        "Pruebas de VIH e ITS, PrEP y anticoncepción.",
        "HIV and STI testing, PrEP, contraception.",
    ),
    (
        "health-mental",
        "health",
        "Salud mental",
        "Mental health",
        "Psicología y psiquiatría afirmativas.",
        "Affirming psychology and psychiatry.",
    ),
    (
        "food",
        "",
        "Alimentación",
        "Food",
        "Bancos de alimentos, comedores y cestas.",
        "Food banks, community meals and parcels.",
    ),
    (
        "education",
        "",
        "Educación",
        "Education",
        "Clases, idiomas, apoyo escolar y formación.",
        "Classes, languages, tutoring and training.",
    ),
    (
        "community-centre",
        "",
        "Centros comunitarios",
        "Community centres",
        "Espacios de encuentro y actividades.",
        "Places to meet and take part.",
    ),
    (
        "crisis-line",
        "",
        "Líneas de crisis",
        "Crisis lines",
        "Teléfonos y chats de ayuda inmediata.",
        "Phone and chat lines for help right now.",
    ),
]
ATTRIBUTES = [
    (
        "lgbtq-led",
        "",
        "Dirigido por personas LGBTQ+",
        "LGBTQ+-led",
        "Lo dirigen personas LGBTQ+.",
        "Run by LGBTQ+ people.",
    ),
    (
        "trans-led",
        "",
        "Dirigido por personas trans",
        "Trans-led",
        "Lo dirigen personas trans.",
        "Run by trans people.",
    ),
    (
        "trans-youth",
        "",
        "Atiende a jóvenes trans",
        "Serves trans youth",
        "Atiende a menores y jóvenes trans.",
        "Serves trans children and young people.",
    ),
    (
        "asylum-seekers",
        "",
        "Atiende a solicitantes de asilo",
        "Serves asylum seekers",
        "Atiende a personas solicitantes de asilo.",
        "Serves people seeking asylum.",
    ),
    (
        "spanish-staff",
        "",
        "Personal que habla español",
        "Spanish-speaking staff",
        "Hay personal que atiende en español.",
        "Some staff speak Spanish.",
    ),
    ("free", "", "Gratuito", "Free", "No cuesta nada.", "Costs nothing."),
    (
        "no-id",
        "",
        "Sin documentación",
        "No ID required",
        "No piden documentos de identidad.",
        "No identity documents asked for.",
    ),
]


def term_id(taxonomy_id: uuid.UUID, code: str) -> uuid.UUID:
    """A seeded term's id: the same on every installation."""
    return uuid.uuid5(taxonomy_id, code)


def seed_taxonomies(taxonomy_model: Any, term_model: Any) -> None:
    """Make the taxonomies and their terms, unless they are there (the models may be a
    migration's historical ones)."""
    Taxonomy, TaxonomyTerm = taxonomy_model, term_model
    for taxonomy_id, es, en, terms in [
        (
            CATEGORIES_ID,
            ("Categorías", "Qué tipo de servicio es."),
            ("Categories", "What kind of service it is."),
            CATEGORIES,
        ),
        (
            ATTRIBUTES_ID,
            ("Características", "Quién lo dirige y a quién atiende."),
            ("Attributes", "Who runs it and whom it serves."),
            ATTRIBUTES,
        ),
    ]:
        taxonomy, _ = Taxonomy.objects.get_or_create(
            id=taxonomy_id,
            defaults={
                "name": es[0],
                "description": es[1],
                "version": "1",
                "translations": {"en": {"name": en[0], "description": en[1]}},
            },
        )
        for position, (code, parent, name_es, name_en, about_es, about_en) in enumerate(terms):
            TaxonomyTerm.objects.get_or_create(
                id=term_id(taxonomy_id, code),
                defaults={
                    "code": code,
                    "name": name_es,
                    "description": about_es,
                    "parent_id": term_id(taxonomy_id, parent) if parent else None,
                    "taxonomy_detail": taxonomy,
                    "language": "es",
                    "translations": {"en": {"name": name_en, "description": about_en}},
                    "position": position,
                },
            )
