from django.utils import translation

from tejido.notifications.kinds import KINDS


def test_group_request_approved_is_registered_and_renders():
    kind = KINDS["group_request_approved"]
    with translation.override("en"):
        assert kind.render_subject({"group": "Film club"}) == "You are now in Film club"
        assert "Film club" in kind.render_text({"group": "Film club"})
