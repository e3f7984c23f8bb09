"""The directory's API lists cost the same number of SQL queries whatever the amount of data,
as its pages do (tejido/web/tests/test_directory_queries.py), on the same network."""

import pytest

from tejido.directory.factories import directory_of
from tejido.directory.models import Business, Service

pytestmark = pytest.mark.django_db

SIZES = [2, 7]

# The token, its last use, the code of conduct.
TOKEN_QUERIES = 3


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("path", "model", "queries"),
    [
        # The page's count, its ids and their rows; its places, the hours of the services and
        # of those places, its languages and costs; the terms (no filter form to fill).
        ("/directory/services", Service, 8),
        # The page's count and rows, their opening hours, and what the member vouched for (no
        # areas: the page's filter form asks for them).
        ("/directory/businesses", Business, 4),
    ],
)
def test_the_lists_cost_the_same_at_any_size(
    api, member, django_assert_num_queries, size, path, model, queries
):
    directory_of(size)
    client = api(member)
    with django_assert_num_queries(TOKEN_QUERIES + queries):
        response = client.get(path)
    assert response.status_code == 200
    assert len(response.json()["items"]) == model.objects.count() == size
