"""allauth's authentication backend, refusing people who may not sign in (suspended, removed,
deactivated) exactly as it refuses a wrong password."""

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend

from tejido.access.base import may_sign_in
from tejido.accounts.models import User


class TejidoAuthenticationBackend(AuthenticationBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        """Asked by allauth only once the password was right. A refusal is stashed by allauth
        for its "account inactive" page; TejidoAccountAdapter.authenticate drops it, so the
        login form says what it says for a wrong password."""
        return may_sign_in(user)

    def get_user(self, user_id: Any) -> User | None:
        # The session of someone suspended since they logged in is still loaded, so that
        # EndInactiveSessionsMiddleware logs it out for good rather than leaving it dormant
        # until a reinstatement would wake it.
        user = User._default_manager.filter(pk=user_id).first()
        return user if user is not None and ModelBackend.user_can_authenticate(self, user) else None
