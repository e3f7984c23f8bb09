from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "tejido.support"
    label = "support"
    verbose_name = _("Emotional support")

    # --- sessions and notes ---
    def ready(self) -> None:
        from django.db.models.signals import post_delete

        # The audit labels of sessions and notes.
        from tejido.support import session_audit  # noqa: F401
        from tejido.support.models import Place

        # Leaving a circle deletes the place (its notes and attendance go with it, by
        # cascade); its answers to the circle's sessions to come go too.
        post_delete.connect(_left_circle, sender=Place, dispatch_uid="support-left-circle")


def _left_circle(sender: object, instance: object, **kwargs: object) -> None:
    from tejido.support.session_services import withdraw_from_circle_sessions

    withdraw_from_circle_sessions(
        user_id=instance.user_id,  # type: ignore[attr-defined]
        circle_id=instance.circle_id,  # type: ignore[attr-defined]
    )
