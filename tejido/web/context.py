from functools import partial
from typing import Any

from django.http import HttpRequest

from tejido.access.base import is_organiser, is_vetted
from tejido.accounts.models import User
from tejido.moderation.report_selectors import count_open_reports
from tejido.network.models import NetworkSettings
from tejido.notifications.selectors import unread_count
from tejido.web.middleware import DISCREET_COOKIE_NAME


def chrome(request: HttpRequest) -> dict[str, Any]:
    """What every page's frame needs: the network's name, the quick-exit target, discreet
    mode, the viewer's standing, their unread notices and, for the organiser menu, how many
    reports are open."""
    user = getattr(request, "user", None)
    network = NetworkSettings.current()
    if user is not None and user.is_authenticated:
        discreet = bool(user.discreet_mode)
    else:
        # A device where a member in discreet mode was logged in stays neutral after logout.
        discreet = request.COOKIES.get(DISCREET_COOKIE_NAME) == "1"
    return {
        "network": network,
        "quick_exit_url": network.quick_exit_url,
        "discreet": discreet,
        "viewer_is_member": is_vetted(user),
        "viewer_is_organiser": is_organiser(user),
        # Someone still applying: their header leads to their application and settings.
        "viewer_is_applicant": getattr(user, "state", None) == User.State.APPLICANT,
        "unread_notices": unread_count(user=user) if user is not None and is_vetted(user) else 0,
        # Counted only where a page shows it (the organiser menu): templates call callables.
        "open_reports": partial(count_open_reports, viewer=user),
    }
