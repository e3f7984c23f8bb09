"""Organiser area: the members list and each member's standing, roles and verification."""

from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tejido.core.errors import DomainError
from tejido.membership.member_services import (
    reinstate_member,
    remove_member,
    set_roles,
    suspend_member,
    verify_professional,
    withdraw_verification,
)
from tejido.membership.selectors import (
    get_managed_member,
    get_managed_member_row,
    list_managed_members,
)
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.organise import (
    MemberSearchForm,
    RemoveForm,
    RolesForm,
    SuspendForm,
    VerifyForm,
)
from tejido.web.views.organise_common import done, organisers_only, page_number


@organisers_only
@require_safe
def members(request: HttpRequest) -> HttpResponse:
    form = MemberSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = list_managed_members(
        viewer=request.user,
        query=filters.get("q", ""),
        state=filters.get("state", ""),
        role=filters.get("role", ""),
        page=page_number(request),
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organise/members.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _member_page(request: HttpRequest, member_id: int, **forms: Form) -> HttpResponse:
    row = get_managed_member_row(viewer=request.user, member_id=member_id)
    context: dict[str, Any] = {
        "member": row,
        "is_self": row.id == request.user.pk,
        "suspend_form": SuspendForm(),
        "remove_form": RemoveForm(),
        "roles_form": RolesForm(
            initial={"organiser": row.is_organiser, "facilitator": row.is_facilitator}
        ),
        "verify_form": VerifyForm(
            initial=(
                {"profession": row.professional.profession, "method": row.professional.method}
                if row.professional
                else None
            )
        ),
    }
    context.update(forms)
    return render(request, "organise/member.html", context, status=400 if forms else 200)


@organisers_only
@require_safe
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    return _member_page(request, member_id)


@organisers_only
@require_POST
def member_suspend(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_managed_member(viewer=request.user, member_id=member_id)
    form = SuspendForm(request.POST)
    if form.is_valid():
        try:
            suspend_member(actor=request.user, member=member, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(
                request,
                _("The member was suspended and logged out everywhere."),
                "organise_member",
                member_id,
            )
    return _member_page(request, member_id, suspend_form=form)


@organisers_only
@require_POST
def member_reinstate(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_managed_member(viewer=request.user, member_id=member_id)
    reinstate_member(actor=request.user, member=member)
    return done(request, _("They are a member again."), "organise_member", member_id)


@organisers_only
@require_POST
def member_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_managed_member(viewer=request.user, member_id=member_id)
    form = RemoveForm(request.POST)
    if form.is_valid():
        try:
            remove_member(actor=request.user, member=member, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(
                request,
                _("The person was removed from the network and logged out everywhere."),
                "organise_member",
                member_id,
            )
    return _member_page(request, member_id, remove_form=form)


@organisers_only
@require_POST
def member_roles(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_managed_member(viewer=request.user, member_id=member_id)
    form = RolesForm(request.POST)
    if form.is_valid():
        try:
            set_roles(
                actor=request.user,
                member=member,
                organiser=form.cleaned_data["organiser"],
                facilitator=form.cleaned_data["facilitator"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(request, _("Their roles were saved."), "organise_member", member_id)
    return _member_page(request, member_id, roles_form=form)


@organisers_only
@require_POST
def member_verify(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_managed_member(viewer=request.user, member_id=member_id)
    form = VerifyForm(request.POST)
    if form.is_valid():
        try:
            verify_professional(
                actor=request.user,
                member=member,
                profession=form.cleaned_data["profession"],
                method=form.cleaned_data["method"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(request, _("The verification was recorded."), "organise_member", member_id)
    return _member_page(request, member_id, verify_form=form)


@organisers_only
@require_POST
def member_unverify(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_managed_member(viewer=request.user, member_id=member_id)
    withdraw_verification(actor=request.user, member=member)
    return done(request, _("The verification was withdrawn."), "organise_member", member_id)


urlpatterns = [
    path("organise/members/", members, name="organise_members"),
    path("organise/members/<int:member_id>/", member_detail, name="organise_member"),
    path(
        "organise/members/<int:member_id>/suspend/",
        member_suspend,
        name="organise_member_suspend",
    ),
    path(
        "organise/members/<int:member_id>/reinstate/",
        member_reinstate,
        name="organise_member_reinstate",
    ),
    path("organise/members/<int:member_id>/remove/", member_remove, name="organise_member_remove"),
    path("organise/members/<int:member_id>/roles/", member_roles, name="organise_member_roles"),
    path("organise/members/<int:member_id>/verify/", member_verify, name="organise_member_verify"),
    path(
        "organise/members/<int:member_id>/unverify/",
        member_unverify,
        name="organise_member_unverify",
    ),
]
