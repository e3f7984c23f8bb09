"""Groups: the list of local and themed groups, a group's page, joining, leaving and asking to
join, and deciding requests to join."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tejido.accounts.selectors import get_member
from tejido.core.errors import Conflict, NotFound
from tejido.groups.models import Group, GroupMembership
from tejido.groups.selectors import get_group, get_group_page, list_group_page
from tejido.groups.services import (
    approve_join_request,
    decline_join_request,
    join_group,
    leave_group,
)
from tejido.web.views.members import me, vetted_only


@require_safe
@vetted_only
def group_list(request: HttpRequest) -> HttpResponse:
    page = list_group_page(viewer=request.user, page=request.GET.get("page"))
    local = [g for g in page if g.kind == Group.Kind.LOCAL]
    themed = [g for g in page if g.kind != Group.Kind.LOCAL]
    return render(
        request, "groups/list.html", {"page": page, "local_groups": local, "themed_groups": themed}
    )


@require_safe
@vetted_only
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = get_group_page(viewer=request.user, slug=slug, page=request.GET.get("page"))
    except NotFound as error:
        raise Http404 from error
    return render(request, "groups/detail.html", {"page": page, "group": page.group})


def _group_or_404(request: HttpRequest, slug: str) -> Group:
    try:
        return get_group(viewer=request.user, slug=slug)
    except NotFound as error:
        raise Http404 from error


@require_POST
@vetted_only
def group_join(request: HttpRequest, slug: str) -> HttpResponse:
    """Join an open group, or ask to join one that is by request."""
    group = _group_or_404(request, slug)
    try:
        membership = join_group(actor=me(request), group=group)
    except Conflict as error:
        messages.info(request, str(error.message))
    else:
        if membership.state == GroupMembership.State.ACTIVE:
            messages.success(request, _("You joined %(group)s.") % {"group": group.name})
        else:
            messages.success(
                request,
                _(
                    "You asked to join %(group)s. Its organisers will decide, and you will "
                    "get a notification when they let you in."
                )
                % {"group": group.name},
            )
    return redirect("group_detail", slug=group.slug)


@require_POST
@vetted_only
def group_leave(request: HttpRequest, slug: str) -> HttpResponse:
    """Leave a group, or withdraw a request to join it."""
    group = _group_or_404(request, slug)
    was_requested = group.my_state == GroupMembership.State.REQUESTED  # type: ignore[attr-defined]
    leave_group(actor=me(request), group=group)
    if was_requested:
        messages.success(
            request, _("You withdrew your request to join %(group)s.") % {"group": group.name}
        )
    else:
        messages.success(request, _("You left %(group)s.") % {"group": group.name})
    return redirect("group_detail", slug=group.slug)


@require_POST
@vetted_only
def group_request_decide(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    """Approve or decline someone's request to join, from the group's page."""
    group = _group_or_404(request, slug)
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline"):
        messages.error(request, _("Choose whether to approve or decline the request."))
        return redirect("group_detail", slug=group.slug)
    try:
        member = get_member(viewer=request.user, member_id=member_id)
        name = member.profile.chosen_name
        if decision == "approve":
            approve_join_request(actor=me(request), group=group, member=member)
            messages.success(request, _("%(name)s is now in the group.") % {"name": name})
        else:
            decline_join_request(actor=me(request), group=group, member=member)
            messages.success(request, _("You declined the request from %(name)s.") % {"name": name})
    except NotFound:
        messages.error(request, _("There is no such request to join, or it was already decided."))
    return redirect("group_detail", slug=group.slug)


urlpatterns = [
    path("groups/", group_list, name="group_list"),
    path("groups/<slug:slug>/", group_detail, name="group_detail"),
    path("groups/<slug:slug>/join/", group_join, name="group_join"),
    path("groups/<slug:slug>/leave/", group_leave, name="group_leave"),
    path(
        "groups/<slug:slug>/requests/<int:member_id>/",
        group_request_decide,
        name="group_request_decide",
    ),
]
