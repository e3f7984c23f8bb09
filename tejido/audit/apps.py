from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tejido.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        # Each app names the actions it records in its `audit.py`; import them all, so that
        # every process (the web, the worker, a command) knows every label.
        autodiscover_modules("audit")
