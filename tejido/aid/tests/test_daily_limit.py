"""The daily limit on requests holds when one member opens many at the same moment (SQLite and
PostgreSQL)."""

import pytest

from tejido.accounts.factories import UserFactory
from tejido.aid import rules
from tejido.aid.models import AidRequest
from tejido.aid.services import open_request
from tejido.core.errors import DomainError
from tejido.core.testing import at_once


@pytest.mark.django_db(transaction=True)
def test_many_requests_at_once_stop_at_the_daily_limit():
    member = UserFactory()
    outcomes = at_once(
        *[
            lambda n=n: open_request(actor=member, category="food", title=f"Petición {n}")
            for n in range(12)
        ],
        refused=DomainError,
    )
    limit = rules.REQUESTS_PER_DAY
    assert outcomes == ["done"] * limit + ["refused"] * (12 - limit)
    assert AidRequest.objects.filter(requester=member).count() == limit
