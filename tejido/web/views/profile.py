"""The member's own pages: their profile, a preview of it as others see it, their settings and
the people they have blocked."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tejido.access.members import PREVIEW_AUDIENCES, can_edit_profile
from tejido.accounts.models import Audience
from tejido.accounts.selectors import (
    get_blocked_member,
    get_own_profile,
    get_profile_preview,
    list_my_blocks,
)
from tejido.accounts.services import unblock_member, update_profile, update_settings
from tejido.core.errors import InvalidInput
from tejido.network.selectors import list_areas
from tejido.web.forms.profile import ProfileForm, SettingsForm
from tejido.web.lookups import or_none
from tejido.web.views.members import me, vetted_only


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = get_own_profile(viewer=me(request))
    areas = list(list_areas(viewer=me(request)))
    if request.method == "POST":
        form = ProfileForm(request.POST, areas=areas)
        if form.is_valid():
            try:
                update_profile(actor=me(request), **form.changes())
            except InvalidInput as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("profile_edit")
    else:
        form = ProfileForm(initial=ProfileForm.initial_from(profile), areas=areas)
    return render(request, "profile/edit.html", {"form": form, "has_profile": profile is not None})


# The preview tabs, in the order they are offered: narrowest audience first.
PREVIEW_LABELS = {
    Audience.ORGANISERS: gettext_lazy("Organisers"),
    Audience.SHARED_GROUP: gettext_lazy("A member of a group you are in"),
    Audience.MEMBERS: gettext_lazy("Any vetted member"),
}


@require_safe
@vetted_only
def profile_preview(request: HttpRequest) -> HttpResponse:
    as_audience = request.GET.get("as", Audience.MEMBERS)
    if as_audience not in PREVIEW_AUDIENCES:
        as_audience = Audience.MEMBERS
    card = or_none(lambda: get_profile_preview(viewer=me(request), as_audience=as_audience))
    if card is None:
        # No profile yet: there is nothing to preview.
        messages.info(request, _("Start by choosing the name you want to be called."))
        return redirect("profile_edit")
    tabs = [
        {
            "audience": str(audience),
            "label": PREVIEW_LABELS[audience],
            "current": audience == as_audience,
        }
        for audience in PREVIEW_AUDIENCES
    ]
    return render(
        request,
        "profile/preview.html",
        {"card": card, "tabs": tabs, "current_label": PREVIEW_LABELS[Audience(as_audience)]},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def settings_edit(request: HttpRequest) -> HttpResponse:
    user = me(request)
    if not can_edit_profile(user):
        raise Http404
    if request.method == "POST":
        form = SettingsForm(request.POST, current_time_zone=user.time_zone)
        if form.is_valid():
            try:
                update_settings(actor=user, **form.cleaned_data)
            except InvalidInput as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("Your settings are saved."))
                response = redirect("settings_edit")
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    user.language,
                    max_age=365 * 24 * 3600,
                    secure=settings.LANGUAGE_COOKIE_SECURE,
                    httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                    samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
                )
                return response
    else:
        form = SettingsForm(
            initial={
                "language": user.language,
                "time_zone": user.time_zone,
                "discreet_mode": user.discreet_mode,
            },
            current_time_zone=user.time_zone,
        )
    return render(request, "profile/settings.html", {"form": form})


@require_safe
@vetted_only
def block_list(request: HttpRequest) -> HttpResponse:
    return render(request, "profile/blocks.html", {"blocks": list_my_blocks(viewer=request.user)})


@require_POST
@vetted_only
def member_unblock(request: HttpRequest, member_id: int) -> HttpResponse:
    target = or_none(lambda: get_blocked_member(viewer=request.user, member_id=member_id))
    if target is None:
        # Already unblocked (a second click): the outcome the member wanted.
        messages.success(request, _("That block is lifted."))
        return redirect("block_list")
    unblock_member(actor=me(request), target=target)
    messages.success(
        request,
        _("Your block on %(name)s is lifted.") % {"name": target.profile.chosen_name},
    )
    return redirect("block_list")


urlpatterns = [
    path("me/profile/", profile_edit, name="profile_edit"),
    path("me/profile/preview/", profile_preview, name="profile_preview"),
    path("me/settings/", settings_edit, name="settings_edit"),
    path("me/blocks/", block_list, name="block_list"),
    path("me/blocks/<int:member_id>/unblock/", member_unblock, name="member_unblock"),
]
