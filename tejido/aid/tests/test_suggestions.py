"""What the home page suggests a helper: the best of the most urgent requests only."""

import pytest

from tejido.aid.factories import AidOfferFactory, AidRequestFactory
from tejido.aid.suggestions import requests_for

pytestmark = pytest.mark.django_db


def test_scoring_a_few_candidates_takes_the_most_urgent_first():
    offer = AidOfferFactory(category="food")
    helper = offer.helper
    whenever = [AidRequestFactory(category="food", urgency="whenever") for _ in range(3)]
    today = AidRequestFactory(category="food", urgency="today")
    every = requests_for(helper, [offer], k=5)[offer.pk]
    assert {s.request.id for s in every} == {r.pk for r in [*whenever, today]}
    few = requests_for(helper, [offer], k=5, candidates=1)[offer.pk]
    assert [s.request.id for s in few] == [today.pk]
