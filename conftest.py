import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _isolated_cache():
    # Rate limits live in the cache: each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()
