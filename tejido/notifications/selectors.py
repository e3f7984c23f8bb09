from tejido.accounts.models import User
from tejido.notifications.models import Notice


def unread_count(*, user: User) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()
