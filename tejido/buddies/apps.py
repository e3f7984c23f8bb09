from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuddiesConfig(AppConfig):
    name = "tejido.buddies"
    label = "buddies"
    verbose_name = _("Peer buddies")
