"""Personal access tokens for the JSON API: list, make (the secret is shown once), revoke."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from tejido.access.members import can_use_api
from tejido.accounts.models import User
from tejido.accounts.tokens import create_token, list_tokens, revoke_token
from tejido.core.errors import DomainError
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.tokens import TokenForm


def _member(request: HttpRequest) -> User:
    """Only vetted members have tokens; for anyone else the page does not exist."""
    user = request.user
    if not can_use_api(user) or not isinstance(user, User):
        raise Http404
    return user


def _page(
    request: HttpRequest, form: TokenForm, *, secret: str = "", new_name: str = ""
) -> HttpResponse:
    return render(
        request,
        "tokens/list.html",
        {
            "tokens": list_tokens(viewer=request.user),
            "form": form,
            "secret": secret,
            "new_name": new_name,
        },
    )


@reauthentication_required
def _create(request: HttpRequest) -> HttpResponse:
    """A token acts as the member until revoked, so making one asks for a recent login: on a
    shared phone, an open session alone must not be enough to mint a lasting key."""
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, secret = create_token(actor=_member(request), name=form.cleaned_data["name"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            # Rendered straight away, never redirected: the secret must not sit in a session
            # or cookie waiting for the next page.
            return _page(request, TokenForm(), secret=secret, new_name=token.name)
    return _page(request, form)


def _revoke(request: HttpRequest) -> HttpResponse:
    """Revoke one of the member's tokens. One that is not among them (revoked by a second
    click, someone else's, or nonsense) is said so on the page, not with the 404 page."""
    member = _member(request)
    mine = {str(token.pk): token for token in list_tokens(viewer=member)}
    chosen = mine.get(request.POST.get("revoke", ""))
    if chosen is None:
        messages.error(request, _("That token does not exist or was already revoked."))
        return redirect("token_list")
    token = revoke_token(actor=member, token_id=chosen.pk)
    messages.success(
        request,
        _("The token “%(name)s” is revoked. Anything that used it can no longer connect.")
        % {"name": token.name},
    )
    return redirect("token_list")


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    _member(request)
    if request.method == "POST":
        if "revoke" in request.POST:
            return _revoke(request)
        return _create(request)
    return _page(request, TokenForm())


urlpatterns = [
    path("me/tokens/", token_list, name="token_list"),
]
