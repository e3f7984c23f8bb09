from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HsdsConfig(AppConfig):
    """HSDS import and export: an app of its own inside the directory, for its one model (an
    import under way) and its migrations."""

    name = "tejido.directory.hsds"
    label = "directory_hsds"
    verbose_name = _("Directory imports")

    def ready(self) -> None:
        # Register the audit labels of what organisers do here.
        from tejido.directory.hsds import audit  # noqa: F401
