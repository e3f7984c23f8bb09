"""Ending every session of a person at once, on every device, when they are suspended or
removed. The request middleware would also log them out on their next request; this makes
sure no session row that could be replayed is left behind."""

from importlib import import_module

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session

from tejido.accounts.models import User
from tejido.core.clock import now


def end_sessions(user: User) -> int:
    """Delete every session of `user`; returns how many were ended."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    # The sessions allauth tracks, whatever the session engine.
    tracked = list(
        UserSession.objects.filter(user_id=user.pk).values_list("session_key", flat=True)
    )
    for key in tracked:
        store_class(session_key=key).delete()
        ended += 1
    UserSession.objects.filter(user_id=user.pk).delete()
    # Sessions in the database that allauth did not see (made before tracking began, or by a
    # login that skipped its middleware): decode the live ones and match the user id.
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        store = store_class()
        stale: list[str] = []
        live = Session.objects.filter(expire_date__gt=now()).exclude(session_key__in=tracked)
        for key, data in live.values_list("session_key", "session_data").iterator():
            if str(store.decode(data).get(SESSION_KEY)) == str(user.pk):
                stale.append(key)
        Session.objects.filter(session_key__in=stale).delete()
        ended += len(stale)
    return ended
