"""The professionals' API for vetted members: the list (searched and filtered as on the page)
and one professional, with how to reach them; organisers' fields for organisers only; an
unlisted, lapsed or missing listing is the same 404."""

from datetime import timedelta

import pytest

from tejido.network.factories import AreaFactory
from tejido.professionals.factories import ProfessionalFactory
from tejido.professionals.moments import today

pytestmark = pytest.mark.django_db


def test_members_list_filter_and_read_professionals(api, make_user):
    area = AreaFactory()
    lucia = ProfessionalFactory(name="Lucía", area=area, how_to_reach="lucia@example.org")
    ProfessionalFactory(name="Andrés", profession="lawyer", cost="free", languages=" fr ")
    client = api(make_user())
    page = client.get("/professionals").json()
    assert page["count"] == 2
    assert [item["name"] for item in page["items"]] == ["Andrés", "Lucía"]
    assert all("listed" not in item and "verified_by" not in item for item in page["items"])
    assert page["items"][1]["how_to_reach"] == "lucia@example.org"
    for query, names in (
        ("?q=lucia", ["Lucía"]),
        ("?profession=lawyer", ["Andrés"]),
        ("?language=fr", ["Andrés"]),
        ("?cost=free", ["Andrés"]),
        (f"?area={area.pk}", ["Lucía"]),
    ):
        assert [i["name"] for i in client.get(f"/professionals{query}").json()["items"]] == names
    one = client.get(f"/professionals/{lucia.pk}").json()
    assert one["language_codes"] == ["es", "en"]
    assert one["due"] is False


def test_organisers_get_their_fields(api, make_user):
    listed = ProfessionalFactory(listed=False)
    one = api(make_user(role="organiser")).get(f"/professionals/{listed.pk}").json()
    assert one["listed"] is False
    assert "verified_by" in one


def test_hidden_and_missing_are_the_same_404(api, make_user):
    old = today() - timedelta(days=500)
    lapsed = ProfessionalFactory(verified_on=old, verify_again_by=old + timedelta(days=365))
    unlisted = ProfessionalFactory(listed=False)
    client = api(make_user())
    answers = [client.get(f"/professionals/{pk}") for pk in (lapsed.pk, unlisted.pk, 999999)]
    assert {a.status_code for a in answers} == {404}
    assert len({a.content for a in answers}) == 1


def test_bad_filters_are_refused_clearly(api, make_user):
    client = api(make_user())
    for query in ("?profession=wizard", "?cost=cheap", "?language=xx", "?area=0"):
        response = client.get(f"/professionals{query}")
        assert response.status_code == 422 or response.status_code == 400
        assert "code" in response.json()


def test_no_token_no_list(api):
    assert api(None).get("/professionals").status_code == 401


@pytest.mark.parametrize("size", [2, 9])
def test_the_list_costs_the_same(api, make_user, django_assert_num_queries, size):
    for _ in range(size):
        ProfessionalFactory(area=AreaFactory())
    client = api(make_user())
    # The same five queries whatever the list's length.
    with django_assert_num_queries(5):
        page = client.get("/professionals").json()
    assert len(page["items"]) == size
