from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "tejido.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        # Each app registers what can be reported of it in its `reports.py` (see
        # tejido.access.reportables); import them all before anything is reported.
        autodiscover_modules("reports")
