import pytest


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    # Tests here make many people; hashing their passwords with Argon2 is beside the point.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
