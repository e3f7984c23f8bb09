"""Gatherings as a reportable kind: those who see an event report it through the one report
form, organisers find it in the queue by its title with a link to its page, and whoever made
it never learns who reported it."""

import pytest
from django.urls import reverse

from tejido.access.reportables import kind_named
from tejido.access.reports import can_report, visible_reports
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.gatherings.factories import EventFactory, HostFactory, OccurrenceFactory
from tejido.gatherings.models import Event
from tejido.gatherings.reports import report_path
from tejido.groups.factories import GroupFactory
from tejido.moderation.models import Report
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def gathering():
    maker = UserFactory(language="en", profile__chosen_name="Marga Hace")
    event = EventFactory(title_en="Karaoke of doubtful taste", created_by=maker)
    HostFactory(event=event, user=maker)
    occurrence = OccurrenceFactory(event=event)
    return event, occurrence, maker


def test_the_kind_is_loaded_with_the_app():
    kind = kind_named("event")
    assert kind.model is Event
    assert str(kind.label)


def test_those_who_see_it_report_it_through_the_form(login, gathering):
    event, occurrence, maker = gathering
    reporter = UserFactory(language="en", profile__chosen_name="Rita Reporta")
    organiser = OrganiserFactory(language="en")
    client = login(reporter)
    url = report_path(event.pk)
    assert url == f"/report/event/{event.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    assert "Karaoke of doubtful taste" in form.content.decode()
    assert client.post(url, {"reason": "spam"}).status_code == 302
    sent = Report.objects.get()
    assert (sent.kind, sent.target_id, sent.reported) == ("event", event.pk, maker)
    # Organisers see its title and a link to its next date; the maker is never told.
    queue = login(organiser).get(reverse("organise_report", args=[sent.pk])).content.decode()
    assert "Karaoke of doubtful taste" in queue
    assert reverse("occurrence_detail", args=[occurrence.pk]) in queue
    assert not visible_reports(maker).exists()
    told = Notice.objects.filter(user=maker)
    assert not any("Rita" in str(notice.__dict__) for notice in told)
    assert not told.filter(kind="report_received").exists()


def test_a_hidden_event_or_ones_own_cannot_be_reported(login, gathering, assert_same_answer):
    event, _occurrence, maker = gathering
    hidden = EventFactory(
        group=GroupFactory(), visibility=Event.Visibility.GROUP, created_by=UserFactory()
    )
    member = UserFactory()
    client = login(member)
    missing = client.get(report_path(999_999))
    assert missing.status_code == 404
    assert_same_answer(client.get(report_path(hidden.pk)), missing)
    assert not can_report(member, hidden)
    assert not can_report(maker, event)
    assert can_report(member, event)
    assert login(maker).get(report_path(event.pk)).status_code == 404


def test_an_event_whose_maker_left_is_reported_against_its_host(gathering):
    from tejido.moderation.report_services import report

    event, occurrence, maker = gathering
    host = UserFactory()
    HostFactory(event=event, user=host)
    Event.objects.filter(pk=event.pk).update(created_by=None)
    HostFactory._meta.model.objects.filter(event=event, user=maker).delete()
    sent = report(actor=UserFactory(), kind="event", target_id=event.pk, reason="spam")
    assert sent.reported == host
    kind = kind_named("event")
    assert kind.url(event) == reverse("occurrence_detail", args=[occurrence.pk])
    occurrence.delete()
    assert kind.url(event) == ""
    HostFactory._meta.model.objects.filter(event=event).delete()
    event.refresh_from_db()
    # Nobody answers for it: it cannot be reported (the same 404 as a missing one).
    assert not kind.visible(UserFactory()).filter(pk=event.pk).exists()
    with pytest.raises(LookupError):
        kind.owner(event)


def test_the_pages_link_to_the_report_form_except_for_those_who_run_it(gathering, translations):
    from django.template.loader import render_to_string
    from django.utils import translation

    from tejido.gatherings.selectors import get_occurrence_page

    event, occurrence, maker = gathering
    member = UserFactory()
    page = get_occurrence_page(viewer=member, occurrence_id=occurrence.pk)
    with translation.override("en"):
        html = render_to_string("events/_report_link.html", {"page": page})
    assert f'href="{report_path(event.pk)}"' in html
    assert "Report this gathering" in html
    with translation.override("es"):
        assert "Denunciar este encuentro" in render_to_string(
            "events/_report_link.html", {"page": page}
        )
    hosts = get_occurrence_page(viewer=maker, occurrence_id=occurrence.pk)
    assert "/report/" not in render_to_string("events/_report_link.html", {"page": hosts})
