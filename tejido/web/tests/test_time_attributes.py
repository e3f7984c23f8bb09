"""Every `<time datetime>` holds a valid HTML global date-and-time string.

HTML allows at most three digits of a second's fraction; `|date:'c'` wrote six, and the W3C
checker rejected every such attribute. The pages are rendered with real data, and every
attribute on them is held to the grammar (with an offset, as the filter always writes one).
"""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from tejido.membership import services
from tejido.membership.factories import ApplicationFactory
from tejido.notifications.services import notify
from tejido.web.tests._auth_support import log_in, make_applicant, make_organiser

pytestmark = pytest.mark.django_db

# https://html.spec.whatwg.org/#valid-global-date-and-time-string
GLOBAL_DATE_AND_TIME = re.compile(
    r"\d{4,}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})"
)
TIME_ATTRIBUTE = re.compile(r"<time\b[^>]*\bdatetime=\"([^\"]*)\"")


def test_every_time_element_has_a_valid_html_datetime():
    organiser = make_organiser(language="en")
    applicant = make_applicant(language="en")
    application = ApplicationFactory(user=applicant)
    services.ask_applicant(actor=organiser, application=application, question="Which area?")
    services.create_invitation(
        actor=organiser, max_uses=2, expires_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    )
    notify(user=organiser, about=organiser, kind="walker.test")
    organisers_browser, applicants_browser = Client(), Client()
    log_in(organisers_browser, organiser.email)  # a real login: the sessions page lists it
    applicants_browser.force_login(applicant)
    pages = [
        (organisers_browser, reverse("notice_list")),
        (organisers_browser, reverse("organise_audit")),
        (organisers_browser, reverse("usersessions_list")),
        (organisers_browser, reverse("organise_application", args=[application.pk])),
        (organisers_browser, reverse("organise_invitations")),
        (applicants_browser, reverse("application_status")),
    ]
    problems = []
    for browser, url in pages:
        response = browser.get(url)
        assert response.status_code == 200, url
        values = TIME_ATTRIBUTE.findall(response.content.decode())
        if not values:
            problems.append(f"{url}: no <time datetime> to check")
        for value in values:
            if not GLOBAL_DATE_AND_TIME.fullmatch(value):
                problems.append(f"{url}: datetime={value!r} is not a valid HTML date and time")
            else:
                dt.datetime.fromisoformat(value)  # and a real moment (month 13 would raise)
    assert not problems, "\n".join(problems)


def test_every_template_writes_time_attributes_with_the_filter():
    # New pages too: a template that writes `<time datetime>` another way fails here.
    from django.conf import settings

    templates = settings.BASE_DIR / "tejido"
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}: {attribute}"
        for path in templates.rglob("*.html")
        for attribute in re.findall(r"<time\b[^>]*\bdatetime=\"[^\"]*\"", path.read_text())
        if "|html_datetime }}" not in attribute
    ]
    assert not offenders, "Write <time datetime> with |html_datetime:\n" + "\n".join(offenders)
