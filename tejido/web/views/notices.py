"""A member's notifications: the list, opening one (which marks it read), and marking all read."""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tejido.access.base import is_vetted
from tejido.accounts.models import User
from tejido.notifications.selectors import list_notices, notice_cards
from tejido.notifications.services import mark_all_read, mark_read

PER_PAGE = 20

View = Callable[..., HttpResponse]


def _vetted_only(view: View) -> View:
    """Vetted members only: anyone logged out is sent to log in, anyone else sees the 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_vetted(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@require_safe
@_vetted_only
def notice_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(list_notices(viewer=request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notices/list.html",
        {"page": page, "notices": notice_cards(page.object_list)},
    )


@require_POST
@_vetted_only
def notice_open(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = mark_read(actor=cast(User, request.user), notice_id=notice_id)
    target = notice.url
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("notice_list")
    return HttpResponseRedirect(target)


@require_POST
@_vetted_only
def notice_read_all(request: HttpRequest) -> HttpResponse:
    if mark_all_read(actor=cast(User, request.user)):
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notice_list")


urlpatterns = [
    path("notifications/", notice_list, name="notice_list"),
    path("notifications/<int:notice_id>/open/", notice_open, name="notice_open"),
    path("notifications/read-all/", notice_read_all, name="notice_read_all"),
]
