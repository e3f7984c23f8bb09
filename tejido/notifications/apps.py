from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tejido.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Each feature registers its notice kinds in its app's `notices.py`; import them all
        # so a worker process renders every kind, not only those some view happened to import.
        autodiscover_modules("notices")
