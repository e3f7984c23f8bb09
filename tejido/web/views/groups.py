"""Groups: the list of local and themed groups, a group's page, joining, leaving and asking to
join, deciding requests to join, answering an invitation; for those who run a group, editing
it, naming or removing its organisers and inviting members to an invitation-only group."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.accounts.selectors import get_member
from tejido.core.errors import Conflict, DomainError
from tejido.groups.models import Group, GroupMembership
from tejido.groups.organiser_services import (
    name_group_organiser,
    remove_group_organiser,
    update_group,
)
from tejido.groups.selectors import (
    get_group,
    get_group_page,
    get_group_to_invite,
    list_group_page,
)
from tejido.groups.services import (
    NoSuchInvitation,
    NoSuchRequest,
    accept_group_invitation,
    approve_join_request,
    decline_group_invitation,
    decline_join_request,
    invite_to_group,
    join_group,
    leave_group,
)
from tejido.network.selectors import list_areas
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.groups import GroupForm
from tejido.web.views.members import me, vetted_only

# A service's refusal on these buttons (the group's last organiser leaving, say) is answered by
# tejido.web.middleware: its message, back on the page the button was on; anything missing, or
# not the viewer's to do, is the 404 page.


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
    page = get_group_page(viewer=request.user, slug=slug, page=request.GET.get("page"))
    return render(request, "groups/detail.html", {"page": page, "group": page.group})


@require_POST
@vetted_only
def group_join(request: HttpRequest, slug: str) -> HttpResponse:
    """Join an open group, or ask to join one that is by request."""
    group = get_group(viewer=request.user, slug=slug)
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
    group = get_group(viewer=request.user, slug=slug)
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
    """Approve or decline someone's request to join, from the group's page. A request the page
    does not show the viewer (decided already by a second click or another organiser, or not
    theirs to decide) is said so, back on the group's page."""
    page = get_group_page(viewer=request.user, slug=slug)
    group = page.group
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline"):
        messages.error(request, _("Choose whether to approve or decline the request."))
        return redirect("group_detail", slug=group.slug)
    if member_id not in {card.id for card in page.join_requests}:
        messages.error(request, str(NoSuchRequest.message))
        return redirect("group_detail", slug=group.slug)
    member = get_member(viewer=request.user, member_id=member_id)
    name = member.profile.chosen_name
    if decision == "approve":
        approve_join_request(actor=me(request), group=group, member=member)
        messages.success(request, _("%(name)s is now in the group.") % {"name": name})
    else:
        decline_join_request(actor=me(request), group=group, member=member)
        messages.success(request, _("You declined the request from %(name)s.") % {"name": name})
    return redirect("group_detail", slug=group.slug)


@require_POST
@vetted_only
def group_invitation_answer(request: HttpRequest, slug: str) -> HttpResponse:
    """Accept or decline an invitation to the group. One already answered (a second click) is
    said so, back on the group's page."""
    group = get_group(viewer=request.user, slug=slug)
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        messages.error(request, _("Choose whether to accept or decline the invitation."))
    elif group.my_state != GroupMembership.State.INVITED:  # type: ignore[attr-defined]
        messages.error(request, str(NoSuchInvitation.message))
    elif decision == "accept":
        accept_group_invitation(actor=me(request), group=group)
        messages.success(request, _("Welcome to %(group)s!") % {"group": group.name})
    else:
        decline_group_invitation(actor=me(request), group=group)
        messages.success(
            request, _("You declined the invitation to %(group)s.") % {"group": group.name}
        )
    return redirect("group_detail", slug=group.slug)


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def group_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a group's names, description, kind, area, who can join and its listing: for
    network organisers and the group's organisers. Anyone else gets the 404 page."""
    page = get_group_page(viewer=request.user, slug=slug)
    if not page.can_edit:
        raise Http404
    group = page.group
    form = GroupForm(
        request.POST or None,
        areas=list_areas(viewer=request.user),
        initial=GroupForm.initial_for(group),
    )
    if request.method == "POST" and form.is_valid():
        try:
            update_group(actor=me(request), group=group, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The group was saved."))
            return redirect("group_detail", slug=group.slug)
    return render(
        request,
        "groups/edit.html",
        {"form": form, "group": group},
        status=400 if form.errors else 200,
    )


@require_POST
@vetted_only
def group_organiser(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    """Make a member of the group one of its organisers, or remove them as organiser."""
    group = get_group(viewer=request.user, slug=slug)
    decision = request.POST.get("decision")
    member = get_member(viewer=request.user, member_id=member_id)
    name = member.profile.chosen_name
    if decision == "name":
        name_group_organiser(actor=me(request), group=group, member=member)
        messages.success(request, _("%(name)s is now an organiser of this group.") % {"name": name})
    elif decision == "remove":
        remove_group_organiser(actor=me(request), group=group, member=member)
        messages.success(
            request,
            _("%(name)s is no longer an organiser of this group; they stay a member.")
            % {"name": name},
        )
    else:
        messages.error(request, _("Choose whether to name or remove the organiser."))
    return redirect("group_detail", slug=group.slug)


@require_POST
@vetted_only
def member_group_invite(request: HttpRequest, member_id: int) -> HttpResponse:
    """Invite a member, from their profile, to an invitation-only group the viewer runs."""
    member = get_member(viewer=request.user, member_id=member_id)
    group = get_group_to_invite(
        viewer=request.user, member_id=member.pk, slug=request.POST.get("group", "")[:50]
    )
    invite_to_group(actor=me(request), group=group, member=member)
    messages.success(
        request,
        _("You invited %(name)s to %(group)s. They will get a notification.")
        % {"name": member.profile.chosen_name, "group": group.name},
    )
    return redirect("member_detail", member_id=member_id)


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
    path("groups/<slug:slug>/edit/", group_edit, name="group_edit"),
    path("groups/<slug:slug>/invitation/", group_invitation_answer, name="group_invitation_answer"),
    path("groups/<slug:slug>/organisers/<int:member_id>/", group_organiser, name="group_organiser"),
    path("members/<int:member_id>/invite/", member_group_invite, name="member_group_invite"),
]
