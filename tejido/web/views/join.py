"""The way in: the application an applicant fills in after signing up, the page where they
follow it and answer the organisers, and the invitation links that skip the application.

Until approved, an applicant sees only these pages and the public face of the network."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tejido.access.base import is_vetted
from tejido.accounts.models import User
from tejido.core.errors import DomainError
from tejido.membership.errors import InvitationInvalid
from tejido.membership.selectors import (
    check_invitation_token,
    get_my_application,
    list_questions,
)
from tejido.membership.services import redeem_invitation, reply_to_application, submit_application
from tejido.network.selectors import get_network_settings
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.join import ApplicationForm, ReplyForm

# The sign-up adapter reads the token from here right after the account is created.
INVITATION_SESSION_KEY = "invitation_token"


def _is_applicant(user: object) -> bool:
    return getattr(user, "state", None) == User.State.APPLICANT


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    user = request.user
    if is_vetted(user):
        return redirect("home")
    if not _is_applicant(user):
        return redirect("home")
    latest = get_my_application(viewer=user)
    if latest is not None and not latest.may_apply_again:
        return redirect("application_status")
    network = get_network_settings(viewer=user)
    if not network.applications_open:
        return render(request, "join/closed.html", status=200)
    questions = list(list_questions(viewer=user))
    form = ApplicationForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            submit_application(actor=user, answers=form.answers())
        except DomainError as error:
            add_domain_error(form, error, fields=form.service_fields())
        else:
            messages.success(request, _("Thank you. Your application has been sent."))
            return redirect("application_status")
    return render(request, "join/apply.html", {"form": form, "earlier": latest})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_status(request: HttpRequest) -> HttpResponse:
    user = request.user
    if is_vetted(user) or not _is_applicant(user):
        return redirect("home")
    application = get_my_application(viewer=user)
    if application is None:
        return redirect("apply")
    form = ReplyForm(request.POST or None) if application.is_open else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This application has already been decided."))
            return redirect("application_status")
        if form.is_valid():
            try:
                reply_to_application(actor=user, text=form.cleaned_data["text"])
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Your reply has been sent to the organisers."))
                return redirect("application_status")
    return render(request, "join/status.html", {"application": application, "form": form})


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation link. Every unusable link (unknown, expired, revoked, used up) gets the
    same page; a usable one sends a new person on to sign up with the token kept in their
    session, or lets someone already signed in as an applicant use it at once."""
    try:
        check_invitation_token(viewer=request.user, token=token)
    except InvitationInvalid:
        return render(request, "join/invitation_invalid.html", status=404)
    user = request.user
    if not user.is_authenticated:
        request.session[INVITATION_SESSION_KEY] = token
        return redirect("account_signup")
    if not _is_applicant(user):
        return render(request, "join/invitation_signed_in.html", {"can_use": False})
    if request.method == "POST":
        try:
            redeem_invitation(user=user, token=token)
        except InvitationInvalid:
            return render(request, "join/invitation_invalid.html", status=404)
        messages.success(request, _("Your invitation has been accepted. Welcome!"))
        return redirect("home")
    return render(request, "join/invitation_signed_in.html", {"can_use": True})


urlpatterns = [
    path("apply/", apply, name="apply"),
    path("apply/status/", application_status, name="application_status"),
    path("join/<str:token>/", invitation_accept, name="invitation_accept"),
]
