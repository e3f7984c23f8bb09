"""The directory's pages: the public directory for visitors (public listings only, no account
needed), the members' directory, a service, an organisation, businesses, suggesting an edit,
recommending, vouching, and what organisers review and edit. Missing and hidden answer the
same 404."""

from datetime import time, timedelta

import pytest
from django.urls import reverse

from tejido.accounts.factories import BlockFactory
from tejido.directory.factories import (
    AddressFactory,
    BusinessFactory,
    LocationFactory,
    RecommendationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    SuggestionFactory,
    tag,
    term,
)
from tejido.directory.models import (
    Business,
    Recommendation,
    Review,
    Service,
    Standing,
    Suggestion,
    Visibility,
    Vouch,
)
from tejido.moderation.models import Report

pytestmark = pytest.mark.django_db

SAFE_HOUSE = "Casa Refugio Marcador"
SAFE_STREET = "Calle Secreta Marcador 7"


@pytest.fixture
def safe_house():
    service = ServiceFactory(name=SAFE_HOUSE, visibility=Visibility.ORGANISERS)
    place = LocationFactory(visibility=Visibility.ORGANISERS, name="Piso refugio")
    AddressFactory(location=place, address_1=SAFE_STREET)
    ServiceAtLocationFactory(service=service, location=place)
    return service


def _html(client, name, *args, status=200, **params):
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == status, response.content[:300]
    return response.content.decode()


def test_a_visitor_uses_the_public_directory_without_an_account(client, safe_house):
    public = tag(ServiceFactory(name="Asesoría jurídica", description="Cambio de nombre"), "legal")
    ServiceFactory(name="Solo para socias", visibility=Visibility.MEMBERS)
    html = _html(client, "directory")
    assert "Asesoría jurídica" in html
    assert "Solo para socias" not in html
    assert SAFE_HOUSE not in html
    html = _html(client, "directory", q="asesoria juridica")
    assert "Asesoría jurídica" in html
    html = _html(client, "directory_service", public.pk)
    assert "Asesoría jurídica" in html
    assert "Suggest an edit" not in html
    assert "Sugerir" not in html
    _html(client, "directory_service", safe_house.pk, status=404)


def test_members_see_members_listings_and_never_the_safe_house(login, make_user, safe_house):
    ServiceFactory(name="Solo para socias", visibility=Visibility.MEMBERS)
    client = login(make_user(language="en"))
    html = _html(client, "directory")
    assert "Solo para socias" in html
    assert SAFE_HOUSE not in html
    _html(client, "directory_service", safe_house.pk, status=404)
    _html(client, "directory_service", "00000000-0000-0000-0000-000000000000", status=404)


def test_organisers_see_the_safe_house_and_its_address(login, make_user, safe_house):
    client = login(make_user(role="organiser", language="en"))
    html = _html(client, "directory_service", safe_house.pk)
    assert SAFE_STREET in html
    assert "Organisers only" in html


def test_a_service_page_shows_hours_place_and_open_now(client):
    service = ServiceFactory(name="Comedor social")
    ScheduleFactory(
        service=service, byday="MO,TU,WE,TH,FR,SA,SU", opens_at=time(0), closes_at=time(23, 59)
    )
    place = LocationFactory(transportation="Metro Sol, salida 2")
    AddressFactory(location=place, address_1="Calle Mayor 3")
    ServiceAtLocationFactory(service=service, location=place)
    html = _html(client, "directory_service", service.pk)
    assert "Calle Mayor 3" in html
    assert "Metro Sol, salida 2" in html
    assert "Abierto ahora" in html or "Open now" in html


def test_filters_and_bad_filter_values(client):
    tag(ServiceFactory(name="PrEP gratuita"), "health-sexual", "free")
    ServiceFactory(name="Otra cosa")
    html = _html(client, "directory", category=str(term("health").pk))
    assert "PrEP gratuita" in html
    assert "Otra cosa" not in html
    for bad in (
        {"category": "nope"},
        {"area": "x"},
        {"cost": "cheap"},
        {"page": "99"},
        {"q": "x" * 500},
    ):
        _html(client, "directory", **bad)


def test_a_member_suggests_an_edit_and_reports_outdated_information(login, make_user):
    service = ServiceFactory(name="Banco de alimentos")
    member = make_user(language="en")
    client = login(member)
    url = reverse("directory_suggest_service", kwargs={"listing_id": service.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "outdated", "text": ""})
    assert response.status_code == 400
    assert not Suggestion.objects.exists()
    response = client.post(url, {"kind": "outdated", "text": "Closed on Mondays now."})
    assert response.status_code == 302
    assert Suggestion.objects.get().author == member


def test_a_visitor_is_sent_to_log_in_to_suggest_or_recommend(client):
    service = ServiceFactory()
    for name in ("directory_suggest_service", "directory_recommend_service"):
        response = client.get(reverse(name, kwargs={"listing_id": service.pk}))
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_a_member_recommends_a_business_and_vouches_for_it(login, make_user):
    business = BusinessFactory(name="Peluquería Arcoíris")
    member = make_user(language="en")
    client = login(member)
    url = reverse("directory_recommend_business", kwargs={"listing_id": business.pk})
    assert client.post(url, {"note": "They used my name."}).status_code == 302
    assert Recommendation.objects.get().review == Review.PENDING
    assert client.post(url, {"note": "Again"}).status_code == 302
    assert Recommendation.objects.count() == 1
    client.post(reverse("directory_vouch", args=[business.pk]))
    assert Vouch.objects.filter(member=member).exists()
    html = _html(client, "directory_business", business.pk)
    assert "1 member vouches for it" in html
    assert "You are one of them" in html
    client.post(reverse("directory_vouch", args=[business.pk]), {"withdraw": "1"})
    assert not Vouch.objects.exists()


def test_vouchers_are_never_named_to_members(login, make_user):
    business = BusinessFactory()
    voucher = make_user()
    Vouch.objects.create(business=business, member=voucher)
    html = _html(login(make_user()), "directory_business", business.pk)
    assert voucher.profile.chosen_name not in html


def test_an_incident_report_keeps_the_reporter_from_everyone_but_organisers(login, make_user):
    business = BusinessFactory(name="Bar Hostil")
    reporter = make_user(language="en")
    client = login(reporter)
    html = _html(client, "directory_business", business.pk)
    report_url = reverse("report_form", args=["business", business.pk])
    assert report_url in html
    response = client.post(report_url, {"reason": "hate", "text": "They refused to use my name."})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.reported is None
    other = _html(login(make_user()), "directory_business", business.pk)
    assert reporter.profile.chosen_name not in other
    organiser = login(make_user(role="organiser", language="en"))
    queue = _html(organiser, "organise_reports")
    assert "Bar Hostil" in queue
    assert reporter.profile.chosen_name in queue
    page = _html(organiser, "organise_report", report.pk)
    assert reverse("directory_business", args=[business.pk]) in page
    response = organiser.post(
        reverse("directory_business_standing", args=[business.pk]),
        {"standing": Standing.SUSPENDED, "note": "Told them on the phone."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.ACTED
    assert Business.objects.get().standing == Standing.SUSPENDED
    _html(login(make_user()), "directory_business", business.pk, status=404)


def test_the_review_queue(login, make_user):
    organiser = make_user(role="organiser", language="en")
    suggestion = SuggestionFactory(text="Nuevo teléfono: 600 111 222")
    recommendation = RecommendationFactory(note="Muy recomendable")
    client = login(organiser)
    html = _html(client, "directory_review")
    assert "Nuevo teléfono" in html
    assert "Muy recomendable" in html
    client.post(
        reverse("directory_review_suggestion", args=[suggestion.pk]), {"outcome": "applied"}
    )
    client.post(
        reverse("directory_review_recommendation", args=[recommendation.pk]),
        {"decision": "approve"},
    )
    suggestion.refresh_from_db()
    recommendation.refresh_from_db()
    assert suggestion.state == Suggestion.State.APPLIED
    assert recommendation.review == Review.APPROVED
    html = _html(client, "directory_review")
    assert "Nothing waits" in html
    for person in (make_user(), make_user(role="applicant")):
        _html(login(person), "directory_review", status=404)


def test_an_organiser_makes_and_edits_a_service_with_the_forms(login, make_user):
    organiser = make_user(role="organiser", language="en")
    client = login(organiser)
    response = client.post(
        reverse("directory_organization_new"),
        {"name": "Colectivo Nuevo", "description": "Apoyo.", "visibility": "public"},
    )
    assert response.status_code == 302
    organization_id = response["Location"].rstrip("/").split("/")[-1]
    assert (
        client.get(reverse("directory_service_new"), {"organization": organization_id}).status_code
        == 200
    )
    data = {
        "organization_id": organization_id,
        "name": "Clases de castellano",
        "status": "active",
        "visibility": "members",
        "categories": [str(term("education").pk)],
        "language_codes": ["es"],
        "days_1": ["MO", "TH"],
        "opens_1": "17:00",
        "closes_1": "19:00",
        "cost": "0",
        "phones": "600 000 001",
    }
    response = client.post(reverse("directory_service_new"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    service = Service.objects.get(name="Clases de castellano")
    html = _html(client, "directory_service_edit", service.pk)
    assert "Clases de castellano" in html
    response = client.post(
        reverse("directory_service_edit", args=[service.pk]), {**data, "name": ""}
    )
    assert response.status_code == 400
    assert Service.objects.get().name == "Clases de castellano"
    client.post(reverse("directory_service_verify", args=[service.pk]))
    service.refresh_from_db()
    assert service.verified_by == organiser
    client.post(reverse("directory_service_edit", args=[service.pk]), {**data, "alert": "Cerrado"})
    # The history: who did what, newest first, and which fields an edit changed.
    html = _html(client, "directory_service_edit", service.pk)
    history = html[html.index('id="history-heading"') :]
    assert history.index("Edited a service") < history.index("Verified a service")
    assert history.index("Verified a service") < history.index("Listed a service")
    assert "Changed: Notice" in history
    assert organiser.profile.chosen_name in history


def test_an_organiser_adds_a_place_and_a_business(login, make_user):
    client = login(make_user(role="organiser", language="en"))
    response = client.post(
        reverse("directory_place_new"),
        {"name": "Local", "visibility": "public", "location_type": "physical", "country": "ES"},
    )
    assert response.status_code == 302
    assert "Local" in _html(client, "directory_places")
    response = client.post(
        reverse("directory_business_new"),
        {
            "name": "Gimnasio Libre",
            "kind": "gym",
            "visibility": "public",
            "pledge_accepted_on": "2026-01-10",
        },
    )
    assert response.status_code == 302
    business = Business.objects.get()
    assert business.pledge_accepted_on is not None
    assert "Gimnasio Libre" in _html(client, "directory_businesses", q="gimnasio")
    # Never verified: the review queue lists it as due, until it is verified.
    assert "Gimnasio Libre" in _review_section(client, "Welcoming businesses due")
    client.post(reverse("directory_business_verify", args=[business.pk]))
    business.refresh_from_db()
    assert business.reverify_on is not None
    assert "Gimnasio Libre" not in _review_section(client, "Welcoming businesses due")
    assert "Verified a welcoming business" in _html(client, "directory_business_edit", business.pk)
    # Six months on (a session would not last that long: the date moves instead).
    Business.objects.update(reverify_on=business.reverify_on - timedelta(days=200))
    assert "Gimnasio Libre" in _review_section(client, "Welcoming businesses due")


def _review_section(client, heading):
    html = _html(client, "directory_review")
    return html[html.index(heading) :]


def test_blocked_members_do_not_see_each_others_recommendations(login, make_user):
    author, blocked = make_user(), make_user()
    BlockFactory(blocker=blocked, blocked=author)
    service = ServiceFactory()
    RecommendationFactory(
        author=author,
        service=service,
        note="Nota del autor",
        review=Review.APPROVED,
        reviewed_at="2026-01-01T00:00Z",
    )
    assert "Nota del autor" not in _html(login(blocked), "directory_service", service.pk)
    assert "Nota del autor" in _html(login(make_user()), "directory_service", service.pk)


def test_empty_states_say_what_to_do(client, login, make_user, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "No service is listed yet" in _html(client, "directory")
    assert "No business is listed yet" in _html(client, "directory_businesses")
    html = _html(login(make_user(role="organiser", language="en")), "directory")
    assert "Add an organisation" in html


def test_the_home_page_shows_what_was_verified_lately(login, make_user):
    from datetime import date

    ServiceFactory(name="Comedor verificado", assured_date=date(2026, 1, 10))
    ServiceFactory(
        name="Casa segura verificada",
        assured_date=date(2026, 1, 11),
        visibility=Visibility.ORGANISERS,
    )
    ServiceFactory(name="Sin verificar")
    html = _html(login(make_user(language="en")), "home")
    assert "Recently verified in the directory" in html
    assert "Comedor verificado" in html
    assert "Casa segura verificada" not in html
    assert "Sin verificar" not in html
