from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "tejido.groups"
    label = "groups"
    verbose_name = _("Groups")

    def ready(self) -> None:
        # Register the notice kinds this app sends.
        from tejido.groups import notices  # noqa: F401
