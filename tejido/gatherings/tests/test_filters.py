"""The upcoming list's filters that the pages and the API share: the age range."""

import pytest

from tejido.accounts.factories import UserFactory
from tejido.gatherings.factories import EventFactory, OccurrenceFactory
from tejido.gatherings.selectors import EventFilters, list_upcoming


@pytest.mark.django_db
def test_an_age_takes_the_gatherings_whose_range_includes_it():
    viewer = UserFactory()
    youth = OccurrenceFactory(event=EventFactory(age_min=16, age_max=25))
    adults = OccurrenceFactory(event=EventFactory(age_min=18))
    anyone = OccurrenceFactory(event=EventFactory())

    def ids(age):
        page = list_upcoming(viewer=viewer, filters=EventFilters(age=age))
        return {card.id for card in page}

    assert ids(17) == {youth.pk, anyone.pk}
    assert ids(30) == {adults.pk, anyone.pk}
    assert ids(None) == {youth.pk, adults.pk, anyone.pk}
