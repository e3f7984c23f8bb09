from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "tejido.support"
    label = "support"
    verbose_name = _("Emotional support")

    # --- sessions and notes ---
    def ready(self) -> None:
        # The audit labels of sessions and notes.
        from tejido.support import session_audit  # noqa: F401
