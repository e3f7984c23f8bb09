"""The fixed lists a profile and the settings page choose from: languages spoken, pronoun
presets and common time zones. Plain data, shared by the web pages, the API and the services
that validate against them."""

from django.utils.translation import gettext_lazy as _

# Languages a member can say they speak, by code, with a translated name. "other" covers the
# rest; a member can say more in their bio.
LANGUAGE_CHOICES = (
    ("es", _("Spanish")),
    ("en", _("English")),
    ("ca", _("Catalan")),
    ("eu", _("Basque")),
    ("gl", _("Galician")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
    ("it", _("Italian")),
    ("de", _("German")),
    ("ro", _("Romanian")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("zh", _("Chinese")),
    ("lse", _("Spanish Sign Language")),
    ("other", _("Another language")),
)
LANGUAGE_CODES = frozenset(code for code, _label in LANGUAGE_CHOICES)
_LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


def language_name(code: str) -> str:
    """The translated name of a language code; an unknown code is shown as it is."""
    name = _LANGUAGE_NAMES.get(code)
    return str(name) if name is not None else code


# Pronoun presets. The stored value is the text itself, written in both languages so every
# member reads it whatever language they use; anything else is the member's own words.
PRONOUN_PRESETS = (
    "ella / she/her",
    "él / he/him",
    "elle / they/them",
    "cualquier pronombre / any pronouns",
    "pregúntame / ask me",
)

# Time zones offered on the settings page, with a translated place name. Any valid IANA zone
# is accepted by the service; a member's current zone is always offered too.
TIME_ZONE_CHOICES = (
    ("Europe/Madrid", _("Madrid (mainland Spain, Balearic Islands)")),
    ("Atlantic/Canary", _("Canary Islands")),
    ("Europe/Lisbon", _("Lisbon")),
    ("Europe/London", _("London")),
    ("Europe/Paris", _("Paris")),
    ("Europe/Berlin", _("Berlin")),
    ("Europe/Rome", _("Rome")),
    ("Europe/Kyiv", _("Kyiv")),
    ("Africa/Casablanca", _("Casablanca")),
    ("America/Mexico_City", _("Mexico City")),
    ("America/Bogota", _("Bogotá")),
    ("America/Lima", _("Lima")),
    ("America/Caracas", _("Caracas")),
    ("America/Santiago", _("Santiago de Chile")),
    ("America/Argentina/Buenos_Aires", _("Buenos Aires")),
    ("America/Sao_Paulo", _("São Paulo")),
    ("America/New_York", _("New York")),
    ("America/Los_Angeles", _("Los Angeles")),
    ("UTC", _("Coordinated Universal Time (UTC)")),
)


# What a member eats, and what they must not: the profile's structured dietary needs and the
# tags a dish brought to a potluck carries (tejido.gatherings' sign-up sheets).
DIET_CHOICES = (
    ("vegan", _("Vegan")),
    ("vegetarian", _("Vegetarian")),
    ("gluten_free", _("Gluten-free")),
    ("dairy_free", _("Dairy-free")),
    ("halal", _("Halal")),
    ("kosher", _("Kosher")),
)
DIET_CODES = frozenset(code for code, _label in DIET_CHOICES)

# The 14 allergen groups that EU law (Regulation 1169/2011, Annex II) asks food to declare.
ALLERGEN_CHOICES = (
    ("gluten", _("Cereals with gluten")),
    ("crustaceans", _("Crustaceans")),
    ("eggs", _("Eggs")),
    ("fish", _("Fish")),
    ("peanuts", _("Peanuts")),
    ("soybeans", _("Soy")),
    ("milk", _("Milk")),
    ("nuts", _("Tree nuts")),
    ("celery", _("Celery")),
    ("mustard", _("Mustard")),
    ("sesame", _("Sesame")),
    ("sulphites", _("Sulphites")),
    ("lupin", _("Lupin")),
    ("molluscs", _("Molluscs")),
)
ALLERGEN_CODES = frozenset(code for code, _label in ALLERGEN_CHOICES)
