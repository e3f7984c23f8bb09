"""Organiser area: every group, archived ones too; making a group, archiving it and bringing it
back. Editing a group and naming its organisers happen on the group's own pages
(web/views/groups.py), where the group's organisers do them as well."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.core.errors import DomainError
from tejido.groups.organiser_services import archive_group, create_group, unarchive_group
from tejido.groups.selectors import get_group, list_all_groups
from tejido.network.selectors import list_areas
from tejido.web.forms.errors import add_domain_error
from tejido.web.forms.groups import GroupForm
from tejido.web.views.organise_common import done, organisers_only


@organisers_only
@require_safe
def groups(request: HttpRequest) -> HttpResponse:
    return render(request, "organise/groups.html", {"groups": list_all_groups(viewer=request.user)})


@organisers_only
@require_http_methods(["GET", "HEAD", "POST"])
def group_new(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None, areas=list_areas(viewer=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            group = create_group(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return done(
                request,
                _("The group %(group)s was created, with you as its organiser.")
                % {"group": group.name},
                "group_detail",
                group.slug,
            )
    return render(
        request, "organise/group_new.html", {"form": form}, status=400 if form.errors else 200
    )


def _set_archived(request: HttpRequest, slug: str, *, archived: bool) -> HttpResponse:
    group = get_group(viewer=request.user, slug=slug)
    if archived:
        archive_group(actor=request.user, group=group)
    else:
        unarchive_group(actor=request.user, group=group)
    text = (
        _("%(group)s is archived. Its members still see it; nobody can join it.")
        if archived
        else _("%(group)s is back: members can find and join it again.")
    )
    return done(request, text % {"group": group.name}, "organise_groups")


@organisers_only
@require_POST
def group_archive(request: HttpRequest, slug: str) -> HttpResponse:
    return _set_archived(request, slug, archived=True)


@organisers_only
@require_POST
def group_unarchive(request: HttpRequest, slug: str) -> HttpResponse:
    return _set_archived(request, slug, archived=False)


urlpatterns = [
    path("organise/groups/", groups, name="organise_groups"),
    path("organise/groups/new/", group_new, name="organise_group_new"),
    path("organise/groups/<slug:slug>/archive/", group_archive, name="organise_group_archive"),
    path(
        "organise/groups/<slug:slug>/unarchive/", group_unarchive, name="organise_group_unarchive"
    ),
]
