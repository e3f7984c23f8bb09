"""Every HTML page, gathered from the view module of its area."""

from tejido.web.views import (
    calendars,
    conduct,
    directory_hsds,
    event_hosting,
    event_sheets,
    events,
    films,
    groups,
    join,
    members,
    notices,
    organise,
    profile,
    public,
    reports,
    tokens,
)

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
    *directory_hsds.urlpatterns,
]
