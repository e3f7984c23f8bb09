from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    name = "tejido.gatherings"
    label = "gatherings"
    verbose_name = _("Gatherings")

    def ready(self) -> None:
        # Register the notice kinds this app sends.
        from tejido.gatherings import notices  # noqa: F401
