"""Every HTML page, gathered from the view module of its area."""

from tejido.web.views import (
    conduct,
    event_sheets,
    events,
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
    *event_sheets.urlpatterns,
    *notices.urlpatterns,
    *organise.urlpatterns,
]
