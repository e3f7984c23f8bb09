from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "tejido.membership"
    label = "membership"
    verbose_name = _("Membership")

    def ready(self) -> None:
        # Register the notice kinds membership sends.
        from tejido.membership import notices  # noqa: F401
