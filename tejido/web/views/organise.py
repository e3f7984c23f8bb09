"""The organiser area: the dashboard, applications and invitations here; members in
organise_members, the network's settings, areas, questions, code of conduct and audit log in
organise_network. Every page and action is for those who may manage the network; anyone else
gets a 404."""

from datetime import timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.core.clock import now
from tejido.core.errors import DomainError
from tejido.membership.models import Application
from tejido.membership.selectors import (
    count_applications,
    get_application,
    get_application_row,
    get_dashboard,
    get_invitation,
    list_applications,
    list_groups_for_invitations,
    list_invitations,
)
from tejido.membership.services import (
    approve_application,
    ask_applicant,
    create_invitation,
    decline_application,
    revoke_invitation,
)
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.organise import AskForm, DeclineForm, InvitationForm
from tejido.web.views import organise_groups, organise_members, organise_network, organise_reports
from tejido.web.views.organise_common import done, organisers_only, page_number

# The link of a new invitation waits here for the one page that shows it.
NEW_INVITATION_SESSION_KEY = "organise_new_invitation"


@organisers_only
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "organise/home.html", {"figures": get_dashboard(viewer=request.user)})


# Applications -------------------------------------------------------------------------------


@organisers_only
@require_safe
def applications(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Application.Status.PENDING)
    if status not in Application.Status.values:
        status = Application.Status.PENDING
    counts = count_applications(viewer=request.user)
    tabs = [(value, label, counts[value]) for value, label in Application.Status.choices]
    return render(
        request,
        "organise/applications.html",
        {
            "page": list_applications(
                viewer=request.user, status=status, page=page_number(request)
            ),
            "status": status,
            "tabs": tabs,
        },
    )


def _application_page(
    request: HttpRequest,
    application_id: int,
    *,
    decline_form: DeclineForm | None = None,
    ask_form: AskForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "organise/application.html",
        {
            "application": get_application_row(viewer=request.user, application_id=application_id),
            "decline_form": decline_form or DeclineForm(),
            "ask_form": ask_form or AskForm(),
        },
        status=status,
    )


@organisers_only
@require_safe
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    return _application_page(request, application_id)


@organisers_only
@require_POST
def application_approve(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_application(viewer=request.user, application_id=application_id)
    approve_application(actor=request.user, application=application)
    return done(request, _("The application was approved."), "organise_applications")


@organisers_only
@require_POST
def application_decline(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_application(viewer=request.user, application_id=application_id)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            decline_application(
                actor=request.user, application=application, message=form.cleaned_data["message"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(request, _("The application was declined."), "organise_applications")
    return _application_page(request, application_id, decline_form=form, status=400)


@organisers_only
@require_POST
def application_ask(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_application(viewer=request.user, application_id=application_id)
    form = AskForm(request.POST)
    if form.is_valid():
        try:
            ask_applicant(
                actor=request.user, application=application, question=form.cleaned_data["question"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(
                request,
                _("Your question was sent to the applicant."),
                "organise_application",
                application_id,
            )
    return _application_page(request, application_id, ask_form=form, status=400)


# Invitations --------------------------------------------------------------------------------


@organisers_only
@require_http_methods(["GET", "HEAD", "POST"])
def invitations(request: HttpRequest) -> HttpResponse:
    user = request.user
    groups = list_groups_for_invitations(viewer=user)
    form = InvitationForm(
        request.POST or None,
        groups=groups,
        initial={"email_language": getattr(user, "language", "es")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = create_invitation(
                actor=user,
                max_uses=data["max_uses"],
                expires_at=now() + timedelta(days=data["valid_days"]),
                group=data["group"],
                note=data["note"],
                email=data["email"],
                email_language=data["email_language"] or getattr(user, "language", "es"),
            )
        except DomainError as error:
            add_domain_error(form, error, fields={"expires_at": "valid_days"})
        else:
            request.session[NEW_INVITATION_SESSION_KEY] = {
                "id": created.invitation.pk,
                "url": request.build_absolute_uri(created.path),
                "emailed": bool(data["email"]),
            }
            return redirect("organise_invitation_created")
    return render(
        request,
        "organise/invitations.html",
        {"form": form, "page": list_invitations(viewer=user, page=page_number(request))},
        status=400 if form.errors else 200,
    )


@organisers_only
@require_safe
def invitation_created(request: HttpRequest) -> HttpResponse:
    """Shows a new link once: it is taken out of the session as it is shown, and only its
    digest is stored, so nobody can see it again."""
    new = request.session.pop(NEW_INVITATION_SESSION_KEY, None)
    if not new:
        messages.info(request, _("An invitation link is shown only once, right after it is made."))
        return redirect("organise_invitations")
    return render(request, "organise/invitation_created.html", {"new": new})


@organisers_only
@require_POST
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = get_invitation(viewer=request.user, invitation_id=invitation_id)
    revoke_invitation(actor=request.user, invitation=invitation)
    return done(request, _("The invitation link no longer works."), "organise_invitations")


urlpatterns = [
    path("organise/", home, name="organise_home"),
    path("organise/applications/", applications, name="organise_applications"),
    path(
        "organise/applications/<int:application_id>/",
        application_detail,
        name="organise_application",
    ),
    path(
        "organise/applications/<int:application_id>/approve/",
        application_approve,
        name="organise_application_approve",
    ),
    path(
        "organise/applications/<int:application_id>/decline/",
        application_decline,
        name="organise_application_decline",
    ),
    path(
        "organise/applications/<int:application_id>/ask/",
        application_ask,
        name="organise_application_ask",
    ),
    path("organise/invitations/", invitations, name="organise_invitations"),
    path("organise/invitations/new/", invitation_created, name="organise_invitation_created"),
    path(
        "organise/invitations/<int:invitation_id>/revoke/",
        invitation_revoke,
        name="organise_invitation_revoke",
    ),
    *organise_members.urlpatterns,
    *organise_groups.urlpatterns,
    *organise_network.urlpatterns,
    *organise_reports.urlpatterns,
]
