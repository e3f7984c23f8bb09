"""How a request's member is loaded: allauth's backend (email login, rate limits), with the
member's profile fetched in the same query, since most pages show the member's own name."""

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend

from tejido.accounts.models import User


class MemberBackend(AuthenticationBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = User.objects.select_related("profile").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
