import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The factories set a password on every user; these tests never log in with one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
