"""How allauth fits Tejido: who a sign-up becomes, where people land after logging in, and how
account emails go out (in the member's language, discreet when they asked).

Safety rules kept here:
- Sign-up never tells whether an address has an account: allauth's enumeration prevention
  emails the owner instead, and anything we add to the sign-up answer (the invitation's
  outcome) waits until the person has logged in, so both answers stay identical.
- An email goes out in its recipient's language; for a member in discreet mode its subject
  is neutral and its sender is settings.DISCREET_SENDER_NAME, never the network's name.
- An email speaks only of its recipient's own account.
"""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tejido.access.base import is_vetted, may_sign_in
from tejido.accounts.models import Profile, User
from tejido.accounts.services import change_language, register_applicant
from tejido.membership.standing_emails import tell_cannot_sign_in
from tejido.network.models import NetworkSettings
from tejido.notifications.email import sender, sender_name
from tejido.notifications.services import queue_email
from tejido.web.views.public import LANGUAGE_CHOSEN_SESSION_KEY

# The /join/<token>/ view keeps the invitation here until the person signs up.
INVITATION_SESSION_KEY = "invitation_token"
# What happened to the invitation, told to the person once they have logged in (so the
# sign-up answer itself stays the same whether or not the address was known).
INVITATION_OUTCOME_SESSION_KEY = "tejido_invitation_outcome"

NEUTRAL_SUBJECT = _("Account notice")


def display_name(user: User) -> str:
    """settings.ACCOUNT_USER_DISPLAY: how allauth names a person to themselves ("signed in as",
    the name stored with a passkey). Their chosen name, never anyone else's data."""
    try:
        return user.profile.chosen_name
    except Profile.DoesNotExist:
        return user.email


class TejidoAccountAdapter(DefaultAccountAdapter):
    # ---- sign-up -------------------------------------------------------------------------

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Applications can be closed by organisers; an invitation still opens the door."""
        if request.session.get(INVITATION_SESSION_KEY):
            return True
        return NetworkSettings.current().applications_open

    def save_user(
        self,
        request: HttpRequest,
        user: Any,
        form: BaseForm,
        commit: bool = True,
    ) -> Any:
        """A sign-up becomes an applicant with a profile, in the language they signed up in;
        then the invitation they arrived with, if any, is redeemed."""
        if not commit:  # pragma: no cover - only social sign-ups ask for this; none here.
            return super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        applicant = register_applicant(
            email=data["email"],
            password=data.get("password1") or None,
            chosen_name=data.get("chosen_name", ""),
            pronouns=data.get("pronouns", ""),
            language=(translation.get_language() or settings.LANGUAGE_CODE)[:2],
            discreet_mode=bool(data.get("discreet_mode")),
        )
        self._redeem_invitation(request, applicant)
        return applicant

    def _redeem_invitation(self, request: HttpRequest, user: User) -> None:
        token = request.session.pop(INVITATION_SESSION_KEY, None)
        if not token:
            return
        # Imported here: membership sits beside this module and is written independently.
        from tejido.core.errors import DomainError
        from tejido.membership.services import redeem_invitation

        try:
            redeem_invitation(user=user, token=token)
        except DomainError as error:
            request.session[INVITATION_OUTCOME_SESSION_KEY] = {
                "ok": False,
                "message": str(error.message),
            }
        else:
            request.session[INVITATION_OUTCOME_SESSION_KEY] = {"ok": True, "message": ""}

    # ---- logging in ----------------------------------------------------------------------

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        """allauth's authenticate without its stash: someone who may not sign in but gave the
        right password gets the wrong-password answer (and the same rate limit), and is told by
        email instead, so whoever holds the password learns nothing."""
        from allauth.account.auth_backends import AuthenticationBackend
        from django.contrib.auth import authenticate

        self.pre_authenticate(request, **credentials)
        AuthenticationBackend.unstash_authenticated_user()
        user = authenticate(request, **credentials)
        refused = AuthenticationBackend.unstash_authenticated_user()
        if refused is not None:
            tell_cannot_sign_in(user=refused)
        if user:
            self._rollback_login_failed_rl_usage()
        else:
            self.authentication_failed(request, **credentials)
        return user

    def pre_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse | None:
        """Every other way in (a passkey, a confirmation link) refuses people who may not sign
        in with the login page and a message that says no more than the passkey or link itself
        proves; the member is told why by email."""
        if not may_sign_in(user):
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            tell_cannot_sign_in(user=user)
            messages.error(request, _("You could not be logged in."))
            return redirect("account_login")
        return super().pre_login(request, user, **kwargs)

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        # A language chosen on the login page (or any page before it) is the member's choice:
        # it is saved, rather than undone by the one saved on their account.
        chosen = request.session.pop(LANGUAGE_CHOSEN_SESSION_KEY, None)
        if chosen in dict(settings.LANGUAGES) and chosen != user.language:
            change_language(actor=user, language=chosen)
        # From here on the member's saved language wins (as it does on every later page), so
        # the "signed in" message is already in it.
        if user.language in dict(settings.LANGUAGES):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        response = super().post_login(request, user, **kwargs)
        outcome = request.session.pop(INVITATION_OUTCOME_SESSION_KEY, None)
        if outcome:
            if outcome.get("ok"):
                messages.success(request, _("Your invitation has been accepted. Welcome!"))
            else:
                messages.warning(
                    request,
                    _(
                        "Your invitation could not be used: %(reason)s You can still apply; "
                        "organisers will read your application."
                    )
                    % {"reason": outcome.get("message", "")},
                )
        return response

    def _landing_url(self, request: HttpRequest) -> str:
        """Vetted members land on their home page; everyone else on their application."""
        if is_vetted(request.user):
            return super().get_login_redirect_url(request)
        return reverse("application_status")

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return self._landing_url(request)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return self._landing_url(request)

    # ---- email ---------------------------------------------------------------------------

    def get_from_email(self) -> str:
        return sender()

    def send_notification_mail(
        self,
        template_prefix: str,
        user: Any,
        context: dict[str, Any] | None = None,
        email: str | None = None,
    ) -> None:
        # allauth does not pass the user on to send_mail for notices (the old address of a
        # changed email may no longer lead back to them): carry it, for language and
        # discreet mode.
        super().send_notification_mail(
            template_prefix, user, {"user": user, **(context or {})}, email
        )

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        recipient = context.get("user") or self._account_for(email)
        discreet = bool(getattr(recipient, "discreet_mode", False))
        language = getattr(recipient, "language", None) or translation.get_language()
        with translation.override(language or settings.LANGUAGE_CODE):
            name = sender_name(discreet=discreet)
            # Notices queued with on_commit may run after allauth's request context is gone.
            request = allauth_context.request or self.request
            ctx: dict[str, Any] = {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                "mail_sender_name": name,
                "discreet": discreet,
            }
            ctx.update(context)
            msg = self.render_mail(template_prefix, email, ctx)
            if discreet:
                msg.subject = self.format_email_subject(str(NEUTRAL_SUBJECT))
        html = next(
            (
                content
                for content, mimetype in getattr(msg, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        for recipient in msg.to:
            queue_email(
                to=recipient,
                subject=str(msg.subject),
                body=str(msg.body),
                html=str(html),
                discreet=discreet,
                after_commit=False,
            )

    def _account_for(self, email: str) -> User | None:
        """The account an address belongs to (for mails allauth sends without one, such as
        "someone tried to sign up with your address")."""
        users = filter_users_by_email(email, prefer_verified=True)
        return users[0] if users else None
