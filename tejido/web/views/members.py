"""Members: the list of everyone the viewer may see, one member's card, and blocking."""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tejido.access.base import is_vetted
from tejido.accounts.models import User
from tejido.accounts.selectors import (
    MAX_QUERY_LENGTH,
    get_member_card,
    get_member_to_block,
    list_member_page,
)
from tejido.accounts.services import block_member
from tejido.groups.selectors import list_groups_to_invite

View = Callable[..., HttpResponse]


def me(request: HttpRequest) -> User:
    """The logged-in member (the views below run only for logged-in people)."""
    return cast(User, request.user)


def vetted_only(view: View) -> View:
    """Vetted members only: anyone logged out is sent to log in, anyone else (an applicant)
    gets the same 404 as for a page that does not exist."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_vetted(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@require_safe
@vetted_only
def member_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    page, cards = list_member_page(
        viewer=request.user,
        query=query,
        page=request.GET.get("page"),
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    return render(
        request,
        "members/list.html",
        {"page": page, "cards": cards, "query": query, "query_max": MAX_QUERY_LENGTH},
    )


@require_safe
@vetted_only
def member_detail(request: HttpRequest, member_id: int) -> HttpResponse:
    card = get_member_card(viewer=request.user, member_id=member_id)
    invite_groups = (
        [] if card.is_self else list_groups_to_invite(viewer=request.user, member_id=card.id)
    )
    return render(request, "members/detail.html", {"card": card, "invite_groups": invite_groups})


@require_POST
@vetted_only
def member_block(request: HttpRequest, member_id: int) -> HttpResponse:
    target = get_member_to_block(viewer=request.user, member_id=member_id)
    block_member(actor=me(request), target=target)
    messages.success(
        request,
        _("You blocked %(name)s. Neither of you will see the other anywhere on the site.")
        % {"name": target.profile.chosen_name},
    )
    return redirect("block_list")


urlpatterns = [
    path("members/", member_list, name="member_list"),
    path("members/<int:member_id>/", member_detail, name="member_detail"),
    path("members/<int:member_id>/block/", member_block, name="member_block"),
]
