"""The demo network's verified professionals, listed through the professionals' services as the
demo organiser: a psychologist, a lawyer for name and gender-marker changes, a doctor for
gender-affirming care and a therapist on a sliding scale. All made up, in both languages; the
lawyer's verification is dated back so that it shows as due to organisers and members."""

from datetime import timedelta
from typing import Any

from tejido.accounts.models import User
from tejido.network.models import Area
from tejido.professionals.models import Cost, Profession, Professional
from tejido.professionals.moments import today
from tejido.professionals.services import save_professional

PROFESSIONALS: list[dict[str, Any]] = [
    {
        "name": "Lucía Ortega Vidal",
        "profession": Profession.PSYCHOLOGIST,
        "specialities_es": "Salida del armario, rechazo familiar, ansiedad y duelo. Colegiada.",
        "specialities_en": "Coming out, family rejection, anxiety and grief. Registered.",
        "languages": ["es", "en"],
        "cost": Cost.FEE,
        "cost_note_es": "Primera consulta gratuita; 45 € la sesión.",
        "cost_note_en": "First consultation free; €45 a session.",
        "how_to_reach": "Correo lucia.ortega@example.org (de martes a viernes). "
        "Di que vienes de la red.",
        "area": "Chueca",
    },
    {
        "name": "Andrés Ferrer Sanz",
        "profession": Profession.LAWYER,
        "specialities_es": "Cambio de nombre y de la mención del sexo en el registro, "
        "discriminación laboral, asilo por orientación o identidad.",
        "specialities_en": "Name and gender-marker changes in the civil register, discrimination "
        "at work, asylum on grounds of orientation or identity.",
        "languages": ["es", "en", "fr"],
        "cost": Cost.FREE,
        "cost_note_es": "Gratis para miembros de la red.",
        "cost_note_en": "Free for members of the network.",
        "how_to_reach": "Correo andres.ferrer@example.org; responde en dos días laborables.",
        "area": "Lavapiés",
    },
    {
        "name": "Dra. Carmen Ruiz Beltrán",
        "profession": Profession.DOCTOR,
        "specialities_es": "Atención sanitaria de afirmación de género: hormonación, "
        "seguimiento y derivaciones, con trato respetuoso del nombre elegido.",
        "specialities_en": "Gender-affirming care: hormone therapy, follow-up and referrals, "
        "using your chosen name.",
        "languages": ["es"],
        "cost": Cost.FREE,
        "cost_note_es": "En la sanidad pública; pide cita en tu centro de salud.",
        "cost_note_en": "Through the public health service; ask your health centre.",
        "how_to_reach": "Consulta de los jueves en el centro de salud de Malasaña; "
        "cita por carmen.ruiz@example.org.",
        "area": "Malasaña",
    },
    {
        "name": "Sam Moreno",
        "profession": Profession.THERAPIST,
        "specialities_es": "Terapia para personas trans y no binarias, parejas y familias.",
        "specialities_en": "Therapy for trans and nonbinary people, couples and families.",
        "languages": ["es", "en"],
        "cost": Cost.SLIDING,
        "cost_note_es": "Escala según ingresos: de 10 € a 50 € la sesión.",
        "cost_note_en": "Sliding scale by income: €10 to €50 a session.",
        "how_to_reach": "Escribe a sam.moreno@example.org o pasa por el local de la red los lunes.",
        "area": "Lavapiés",
    },
]
# The lawyer was verified a year and ten days ago: due again, still in the grace.
DUE = "Andrés Ferrer Sanz"


def seed_professionals(organiser: User) -> list[Professional]:
    areas = {area.name: area.pk for area in Area.objects.all()}
    made = []
    for entry in PROFESSIONALS:
        fields = dict(entry)
        area = areas.get(fields.pop("area"))
        made.append(save_professional(actor=organiser, area_id=area, **fields))
    back = today() - timedelta(days=375)
    Professional.objects.filter(name=DUE).update(
        verified_on=back, verify_again_by=back + timedelta(days=365)
    )
    return made
