"""Background work of the notifications layer, run by Django's task framework."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task

from tejido.access.base import may_sign_in
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.notifications.email import deliver, notice_message
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
def send_email_task(to: str, subject: str, body: str, discreet: bool = False) -> int:
    """Send an already rendered email (see `services.queue_email`), from the neutral sender
    when `discreet`."""
    return deliver(to=to, subject=subject, body=body, discreet=discreet)


@task()
def send_prepared_email(
    subject: str, body: str, from_email: str, to: list[str], html: str = ""
) -> int:
    """Send a message rendered in the request (allauth's account emails) from the worker, so
    that a slow mail server never makes "this address has an account" show in response times."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
