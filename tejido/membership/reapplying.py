"""When a declined applicant may apply again: once the waiting period that organisers set
(NetworkSettings.reapply_after_days) has passed since the decision. The service that takes a
new application and the page that tells the applicant both ask here."""

from datetime import datetime, timedelta

from tejido.membership.models import Application
from tejido.network.models import NetworkSettings


def may_apply_again_from(application: Application) -> datetime | None:
    """From when the person whose latest application this is may send a new one; None if
    they may not at all (it is still open, or was approved)."""
    if application.status != Application.Status.DECLINED:
        return None
    decided = application.decided_at or application.updated_at
    return decided + timedelta(days=NetworkSettings.current().reapply_after_days)
