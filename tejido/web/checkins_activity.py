"""Activity for check-ins (tejido.checkins): the first page a signed-in member opens each day
(signing in included) notes the day. The session remembers the day it was noted, so every
other request that day costs nothing: no query, no session write."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from tejido.access.base import is_vetted
from tejido.checkins.services import note_activity, today

Handler = Callable[[HttpRequest], HttpResponse]


class CheckinActivityMiddleware:
    SESSION_KEY = "tejido_seen_on"

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and is_vetted(user):
            day = today().isoformat()
            if request.session.get(self.SESSION_KEY) != day:
                note_activity(user_id=user.pk)
                request.session[self.SESSION_KEY] = day
        return response
