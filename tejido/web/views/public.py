"""The public face of the network, the home page and the language switch."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from tejido.access.base import is_vetted
from tejido.accounts.services import change_language
from tejido.aid.selectors import get_aid_home
from tejido.directory.selectors import recently_verified
from tejido.gatherings.selectors import list_next_for_home
from tejido.groups.selectors import list_my_groups_and_invitations
from tejido.membership.selectors import current_conduct
from tejido.support.session_selectors import get_next_session

# A language chosen on a page before logging in; the sign-in saves it to the account.
LANGUAGE_CHOSEN_SESSION_KEY = "tejido_language_chosen"


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_authenticated and not is_vetted(user):
        return redirect("application_status")
    if not is_vetted(user):
        return render(request, "web/landing.html", {"conduct": current_conduct()})
    my_groups, invitations = list_my_groups_and_invitations(viewer=user)
    return render(
        request,
        "web/home.html",
        {
            "next_gatherings": list_next_for_home(viewer=user),
            "my_groups": my_groups,
            "group_invitations": invitations,
            "aid": get_aid_home(viewer=user),
            "recently_verified": recently_verified(viewer=user),
            "next_session": get_next_session(viewer=user),
        },
    )


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html", {"conduct": current_conduct()})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language from any page; a member's choice is saved to their account, and one
    made before logging in is kept in the session, to be saved when they do."""
    language = request.POST.get("language", "")
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        change_language(actor=request.user, language=language)
    else:
        request.session[LANGUAGE_CHOSEN_SESSION_KEY] = language
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


urlpatterns = [
    path("", home, name="home"),
    path("about/", about, name="about"),
    path("language/", set_language, name="set_language"),
]
