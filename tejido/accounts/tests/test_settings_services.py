import pytest

from tejido.accounts.factories import ApplicantFactory, UserFactory
from tejido.accounts.models import User
from tejido.accounts.services import change_language, update_settings
from tejido.core.errors import InvalidInput, NotAllowed

pytestmark = pytest.mark.django_db


def test_update_settings_saves_language_zone_and_discreet_mode():
    me = UserFactory()
    update_settings(actor=me, language="en", time_zone="America/Bogota", discreet_mode=True)
    me.refresh_from_db()
    assert (me.language, me.time_zone, me.discreet_mode) == ("en", "America/Bogota", True)


def test_any_real_time_zone_is_accepted():
    me = ApplicantFactory()
    update_settings(actor=me, language="es", time_zone="Pacific/Auckland", discreet_mode=False)
    me.refresh_from_db()
    assert me.time_zone == "Pacific/Auckland"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"language": "fr"}, "language"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": "../../etc/passwd"}, "time_zone"),
        ({"time_zone": ""}, "time_zone"),
        ({"time_zone": None}, "time_zone"),
        ({"discreet_mode": "yes"}, "discreet_mode"),
    ],
)
def test_bad_settings_name_the_field_and_change_nothing(changes, field):
    me = UserFactory()
    values = {"language": "en", "time_zone": "UTC", "discreet_mode": True, **changes}
    with pytest.raises(InvalidInput) as caught:
        update_settings(actor=me, **values)
    assert field in caught.value.detail
    me.refresh_from_db()
    assert (me.language, me.time_zone, me.discreet_mode) == ("es", "Europe/Madrid", False)


def test_a_suspended_member_changes_no_settings():
    with pytest.raises(NotAllowed):
        update_settings(
            actor=UserFactory(state=User.State.SUSPENDED),
            language="en",
            time_zone="UTC",
            discreet_mode=True,
        )


def test_change_language_still_works():
    me = UserFactory()
    change_language(actor=me, language="en")
    me.refresh_from_db()
    assert me.language == "en"
    with pytest.raises(InvalidInput):
        change_language(actor=me, language="xx")
