"""Every HTML page, gathered from the view module of its area."""

# Support circles.
from tejido.web.views import (
    aid,
    aid_matches,
    aid_organise,
    calendars,
    conduct,
    directory,
    directory_hsds,
    directory_organise,
    event_hosting,
    event_sheets,
    events,
    films,
    groups,
    join,
    members,
    notices,
    organise,
    organise_circles,
    profile,
    public,
    reports,
    support,
    tokens,
)
from tejido.web.views import buddies as buddies_views  # peer buddies (issue 13)
from tejido.web.views import checkins as checkins_views  # check-ins (issue 13)

urlpatterns = [
    *public.urlpatterns,
    *join.urlpatterns,
    *conduct.urlpatterns,
    *tokens.urlpatterns,
    *profile.urlpatterns,
    *members.urlpatterns,
    *reports.urlpatterns,
    *groups.urlpatterns,
    *events.urlpatterns,
    *event_hosting.urlpatterns,
    *calendars.urlpatterns,
    *films.urlpatterns,
    *event_sheets.urlpatterns,
    *notices.urlpatterns,
    *organise.urlpatterns,
    *aid.urlpatterns,
    *aid_matches.urlpatterns,
    *aid_organise.urlpatterns,
    *directory.urlpatterns,
    *directory_organise.urlpatterns,
    *directory_hsds.urlpatterns,
    # Peer buddies and check-ins (issue 13).
    *buddies_views.urlpatterns,
    *checkins_views.urlpatterns,
]

# Support circles.
urlpatterns += [*support.urlpatterns, *organise_circles.urlpatterns]
# --- support circles: sessions and notes ---
from tejido.web.views import support_sessions  # noqa: E402

urlpatterns += support_sessions.urlpatterns
# --- end of support circles: sessions and notes ---
