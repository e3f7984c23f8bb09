"""Background work of the notifications layer, run by Django's task framework."""

from django.tasks import task

from tejido.access.base import may_sign_in
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.notifications.email import build_message, notice_message
from tejido.notifications.models import Notice


def wants_email(user: User) -> bool:
    """Only people who may sign in get email: suspended, removed and deactivated accounts
    get none."""
    return bool(user.email) and may_sign_in(user)


@task()
def send_notice_email(notice_id: int) -> bool:
    """Email one notice to its member, at most once. Returns whether an email went out."""
    notice = Notice.objects.select_related("user").filter(pk=notice_id).first()
    if notice is None or notice.emailed_at is not None or not wants_email(notice.user):
        return False
    # Claim the notice first, so two workers running the same task send it once.
    claimed = Notice.objects.filter(pk=notice_id, emailed_at__isnull=True).update(emailed_at=now())
    if not claimed:
        return False
    try:
        notice_message(notice).send()
    except Exception:
        Notice.objects.filter(pk=notice_id).update(emailed_at=None)
        raise
    return True


@task()
def send_email_task(
    to: str, subject: str, body: str, html: str = "", discreet: bool = False
) -> int:
    """Send an email rendered when it was queued (see `services.queue_email`), from the worker,
    so that a slow mail server never shows in a page's response time (and so never tells,
    by its timing, whether an address has an account)."""
    return build_message(to=to, subject=subject, body=body, html=html, discreet=discreet).send()
