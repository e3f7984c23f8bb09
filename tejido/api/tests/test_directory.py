"""The members' directory API: what the pages show, as JSON; a hidden listing is the same 404
as a missing one; recommending, suggesting and vouching, each once."""

import pytest

from tejido.directory.factories import BusinessFactory, ServiceFactory, tag, term
from tejido.directory.models import Recommendation, Suggestion, Visibility, Vouch

pytestmark = pytest.mark.django_db


def test_members_list_and_read_services(api, make_user):
    member = make_user()
    tag(ServiceFactory(name="Asesoría jurídica"), "legal")
    ServiceFactory(name="Casa segura", visibility=Visibility.ORGANISERS)
    response = api(member).get("/directory/services", q="asesoria")
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["name"] == "Asesoría jurídica"
    assert "visibility" not in item
    assert [c["code"] for c in item["categories"]] == ["legal"]
    detail = api(member).get(f"/directory/services/{item['id']}").json()
    assert detail["places"] == []
    assert detail["recommendations"] == []
    names = [i["name"] for i in api(member).get("/directory/services").json()["items"]]
    assert "Casa segura" not in names
    organiser = api(make_user(role="organiser")).get("/directory/services").json()
    assert {i["name"]: i["visibility"] for i in organiser["items"]}["Casa segura"] == "organisers"
    category = api(member).get("/directory/services", category=str(term("legal").pk)).json()
    assert category["count"] == 1


def test_hidden_and_missing_are_the_same_404(api, make_user):
    hidden = ServiceFactory(visibility=Visibility.ORGANISERS)
    client = api(make_user())
    for path in (
        f"/directory/services/{hidden.pk}",
        "/directory/services/00000000-0000-0000-0000-000000000000",
        "/directory/businesses/999999",
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_recommend_suggest_and_vouch_once(api, make_user):
    member = make_user()
    service, business = ServiceFactory(), BusinessFactory()
    client = api(member)
    sent = client.post(f"/directory/services/{service.pk}/recommendation", {"note": "Genial"})
    assert sent.status_code == 201
    again = client.post(f"/directory/services/{service.pk}/recommendation", {"note": "Otra"})
    assert (again.status_code, again.json()["code"]) == (409, "already_recommended")
    assert Recommendation.objects.count() == 1
    response = client.post(
        f"/directory/businesses/{business.pk}/suggestion", {"kind": "outdated", "text": "Cerró"}
    )
    assert response.status_code == 201
    assert Suggestion.objects.get().business == business
    bad = client.post(
        f"/directory/businesses/{business.pk}/suggestion", {"kind": "outdated", "text": ""}
    )
    assert bad.status_code == 422
    assert client.post(f"/directory/businesses/{business.pk}/vouch").status_code == 201
    assert client.post(f"/directory/businesses/{business.pk}/vouch").status_code == 409
    card = client.get(f"/directory/businesses/{business.pk}").json()
    assert (card["vouch_count"], card["i_vouched"]) == (1, True)
    assert client.delete(f"/directory/businesses/{business.pk}/vouch").status_code == 204
    assert not Vouch.objects.exists()
    listing = client.get("/directory/businesses", kind="hair").json()
    assert listing["count"] == 1
