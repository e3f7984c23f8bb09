from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    name = "tejido.gatherings"
    label = "gatherings"
    verbose_name = _("Gatherings")

    def ready(self) -> None:
        # Register the notice kinds this app sends.
        from django.db.models.signals import post_delete

        from tejido.gatherings import notices  # noqa: F401
        from tejido.groups.models import GroupMembership

        # The one extension point gatherings take from groups: leaving a group (or being
        # removed from it) withdraws one's answers to its events one can no longer see.
        post_delete.connect(
            _left_group, sender=GroupMembership, dispatch_uid="gatherings-left-group"
        )


def _left_group(sender: object, instance: object, **kwargs: object) -> None:
    from tejido.gatherings.services import withdraw_from_lost_events

    withdraw_from_lost_events(
        user_id=instance.user_id,  # type: ignore[attr-defined]
        group_id=instance.group_id,  # type: ignore[attr-defined]
    )
