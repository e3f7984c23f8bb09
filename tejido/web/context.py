from typing import Any

from django.http import HttpRequest

from tejido.access.audience import is_organiser, is_vetted
from tejido.membership.models import NetworkSettings
from tejido.notifications.selectors import unread_count


def chrome(request: HttpRequest) -> dict[str, Any]:
    """What every page's frame needs: the network's name, the quick-exit target, discreet
    mode, the viewer's standing and their unread notices."""
    user = getattr(request, "user", None)
    network = NetworkSettings.current()
    return {
        "network": network,
        "quick_exit_url": network.quick_exit_url,
        "discreet": bool(user and user.is_authenticated and user.discreet_mode),
        "viewer_is_member": is_vetted(user),
        "viewer_is_organiser": is_organiser(user),
        "unread_notices": unread_count(user=user) if is_vetted(user) else 0,
    }
