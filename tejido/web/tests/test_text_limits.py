"""One limit for each text, kept by its service: forms and API schemas read their limits from
the service's rules (tejido.core.text.TextRule, or a constant of the service or its model's
column) instead of restating them as numbers, so that a form, the service behind it and the
API always agree. A `max_length=140` in tejido/web/forms or tejido/api/v1 is a second copy of a
limit that will one day differ from the first; these tests fail on it."""

import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from django import forms

import tejido
from tejido.aid import fund_services
from tejido.core.errors import InvalidInput
from tejido.core.text import TextRule
from tejido.crisis import services as crisis
from tejido.directory import business_services, listing_services
from tejido.directory.cleaning import EMAIL
from tejido.directory.listing_services import save_organization
from tejido.gatherings.event_services import EVENT_TEXT_RULES
from tejido.gatherings.film_services import FILM_TEXT_RULES
from tejido.network.models import Area
from tejido.professionals import services as professionals
from tejido.web.forms.aid_organise import FundForm
from tejido.web.forms.crisis import CrisisLineForm
from tejido.web.forms.directory_organise import (
    BusinessForm,
    LocationForm,
    OrganizationForm,
    ServiceForm,
    StandingForm,
)
from tejido.web.forms.events import EventForm
from tejido.web.forms.films import FilmForm
from tejido.web.forms.professionals import ProfessionalForm
from tejido.web.forms.support_sessions import SessionSeriesForm

ROOT = Path(tejido.__file__).resolve().parent
SCANNED = ("web/forms", "api/v1")
# A length given as a number. `min_length=1` is allowed: it says "not empty", which is shape
# (the API refuses an empty required text before the service sees it), not a limit.
RESTATED = re.compile(r"\b(?:max_length\s*=\s*\d|min_length\s*=\s*(?!1\b)\d)")


def scanned_modules() -> list[Path]:
    files = []
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "tests" not in path.relative_to(ROOT).parts:
                files.append(path)
    return files


def test_the_scan_sees_the_forms_and_the_api_schemas():
    names = {p.relative_to(ROOT).as_posix() for p in scanned_modules()}
    assert {"web/forms/crisis.py", "web/forms/directory_organise.py"} <= names
    assert {"api/v1/films.py", "api/v1/directory.py", "api/v1/event_schemas.py"} <= names
    assert not any("/tests/" in name for name in names)


@pytest.mark.parametrize(
    ("line", "restated"),
    [
        ("name = forms.CharField(max_length=120)", True),
        ('q: Text = Field("", max_length = 100)', True),
        ("marks: Annotated[list[MarkIn], Field(min_length=2)]", True),
        ("Field(min_length=10, max_length=NAME_MAX)", True),
        ("name = forms.CharField(max_length=NAME_MAX)", False),
        ('Field(min_length=1, max_length=TEXTS["name"].max_length)', False),
        ("max_length=_max(name)", False),
    ],
)
def test_the_scan_tells_a_number_from_a_named_limit(line, restated):
    assert bool(RESTATED.search(line)) is restated


def test_forms_and_api_schemas_never_restate_a_limit_as_a_number():
    offences = []
    for path in scanned_modules():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if RESTATED.search(line):
                offences.append(
                    f"tejido/{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()}"
                )
    assert not offences, (
        "Take the limit from the service that owns the text (its TextRule, or a constant of "
        "the service or of its model's column) instead of writing the number again:\n  "
        + "\n  ".join(offences)
    )


def _translations(rules: Mapping[str, TextRule]) -> dict[str, TextRule]:
    """The rules of a directory form's `<field>_es` and `<field>_en` translations."""
    return {f"{name}_{lang}": rule for name, rule in rules.items() for lang in ("es", "en")}


# Each form (made as its page makes it, with nothing to choose from), and its service's rules.
FORMS: dict[str, Callable[[], tuple[forms.Form, Mapping[str, TextRule]]]] = {
    "crisis line": lambda: (CrisisLineForm(), {**crisis.TEXTS, **crisis.URLS}),
    "professional": lambda: (ProfessionalForm(areas=[]), professionals.TEXTS),
    "fund": lambda: (
        FundForm(),
        {"name": fund_services.NAME_RULE, "currency": fund_services.CURRENCY_RULE},
    ),
    "event": lambda: (
        EventForm(groups=None, network=True, areas=Area.objects.none()),
        EVENT_TEXT_RULES,
    ),
    "session series": lambda: (SessionSeriesForm(), EVENT_TEXT_RULES),
    "film": lambda: (FilmForm(), FILM_TEXT_RULES),
    "organisation": lambda: (
        OrganizationForm(),
        {
            "name": listing_services.NAME,
            "alternate_name": listing_services.OPTIONAL_NAME,
            "description": listing_services.REQUIRED_TEXT,
            **_translations(listing_services.TRANSLATED),
        },
    ),
    "service": lambda: (
        ServiceForm(organizations=[], categories=[], attributes=[], locations=[]),
        {
            "name": listing_services.NAME,
            **listing_services.SERVICE_TEXTS,
            **_translations(listing_services.SERVICE_TRANSLATED),
        },
    ),
    "place": lambda: (
        LocationForm(organizations=[], areas=[]),
        {
            "name": listing_services.NAME,
            **listing_services.ADDRESS_TEXTS,
            **_translations(listing_services.LOCATION_TRANSLATED),
        },
    ),
    "business": lambda: (
        BusinessForm(areas=[]),
        {
            **business_services.BUSINESS_TEXTS,
            **_translations(business_services.BUSINESS_TRANSLATED),
        },
    ),
    "business standing": lambda: (StandingForm(), {"note": business_services.NOTE}),
}


@pytest.mark.parametrize("what", FORMS)
def test_each_form_field_is_as_long_as_its_service_allows(what):
    form, rules = FORMS[what]()
    shared = [name for name in rules if name in form.fields]
    assert shared, f"the {what} form shares no field with its service's rules"
    different = {
        name: (form.fields[name].max_length, rules[name].max_length)
        for name in shared
        if form.fields[name].max_length != rules[name].max_length
    }
    assert not different, f"the {what} form's limits differ from its service's: {different}"


@pytest.mark.django_db
def test_a_crisis_lines_address_longer_than_its_column_is_refused_not_cut(make_user):
    organiser = make_user(role="organiser")
    too_long = "https://example.org/" + "a" * crisis.URLS["source"].max_length
    with pytest.raises(InvalidInput) as raised:
        crisis.save_line(
            actor=organiser, country="ES", name_es="Línea", phone="028", source=too_long
        )
    assert set(raised.value.detail) == {"source"}


@pytest.mark.django_db
def test_a_listings_email_longer_than_its_column_is_refused(make_user):
    organiser = make_user(role="organiser")
    too_long = "a" * EMAIL + "@example.org"
    with pytest.raises(InvalidInput) as raised:
        save_organization(actor=organiser, name="Colectivo", description="Apoyo.", email=too_long)
    assert set(raised.value.detail) == {"email"}
