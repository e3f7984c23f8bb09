"""Reports through the pages: a member reports another from their page, organisers handle it
from the moderation queue, the member warned reads it on their warnings page, and the reporter
is told it was handled. Nothing the reported person is shown names the reporter."""

from typing import Any

import pytest
from django.urls import reverse

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.audit.models import AuditEntry
from tejido.moderation.models import MemberWarning, Report
from tejido.moderation.report_services import dismiss_report, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    """An organiser, a reporter and the person they report, each with a chosen name only they
    could be recognised by."""
    return {
        "organiser": OrganiserFactory(language="en", profile__chosen_name="Orla Organiza"),
        "reporter": UserFactory(language="en", profile__chosen_name="Rocío Reporta"),
        "reported": UserFactory(language="en", profile__chosen_name="Tadeo Tal"),
    }


def _send(cast: dict[str, Any], **fields: str) -> Report:
    values = {"reason": "harassment", "text": "Kept messaging me after I said no", **fields}
    return report(actor=cast["reporter"], kind="member", target_id=cast["reported"].pk, **values)


def test_a_members_page_offers_a_report_link_but_not_ones_own(login, cast):
    client = login(cast["reporter"])
    other = client.get(reverse("member_detail", args=[cast["reported"].pk])).content.decode()
    assert reverse("report_form", args=["member", cast["reported"].pk]) in other
    own = client.get(reverse("member_detail", args=[cast["reporter"].pk])).content.decode()
    assert "/report/" not in own
    assert (
        client.get(reverse("report_form", args=["member", cast["reporter"].pk])).status_code == 404
    )


def test_a_member_sends_a_report_and_reads_a_calm_confirmation(login, cast):
    client = login(cast["reporter"])
    url = reverse("report_form", args=["member", cast["reported"].pk])
    form = client.get(url)
    page = form.content.decode()
    assert form.status_code == 200
    assert "Report Tadeo Tal" in page
    assert "Nobody but the organisers will learn who sent this report." in page
    assert 'name="reason"' in page
    assert 'name="text"' in page
    assert "Unwanted sexual messages or behaviour" in page

    sent = client.post(url, {"reason": "threats", "text": "He said he would wait outside"})

    assert sent.status_code == 302
    assert sent["Location"] == reverse("report_sent")
    made = Report.objects.get()
    assert (made.reporter, made.reported, made.reason) == (
        cast["reporter"],
        cast["reported"],
        "threats",
    )
    assert made.text == "He said he would wait outside"
    confirmation = client.get(sent["Location"]).content.decode()
    assert "Thank you for telling us." in confirmation
    assert "will learn who sent it" in confirmation


def test_a_second_report_while_the_first_is_open_says_it_is_with_the_organisers(login, cast):
    _send(cast)
    client = login(cast["reporter"])
    url = reverse("report_form", args=["member", cast["reported"].pk])
    answer = client.post(url, {"reason": "spam"}, follow=True)
    assert "Your report is with the organisers." in answer.content.decode()
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [({"reason": "", "text": "x"}, "reason"), ({"reason": "other", "text": " "}, "text")],
)
def test_a_report_without_what_it_needs_shows_the_form_again(login, cast, data, field):
    client = login(cast["reporter"])
    answer = client.post(reverse("report_form", args=["member", cast["reported"].pk]), data)
    assert answer.status_code == 400
    assert f'href="#id_{field}"' in answer.content.decode()
    assert not Report.objects.exists()


def test_reporting_someone_hidden_looks_like_reporting_no_one(login, cast, assert_same_answer):
    BlockFactory(blocker=cast["reported"], blocked=cast["reporter"])
    client = login(cast["reporter"])
    hidden = reverse("report_form", args=["member", cast["reported"].pk])
    missing = reverse("report_form", args=["member", 999_999])
    assert_same_answer(client.get(hidden), client.get(missing))
    no_such_kind = reverse("report_form", args=["planet", cast["reported"].pk])
    assert_same_answer(client.get(no_such_kind), client.get(missing))
    assert_same_answer(
        client.post(hidden, {"reason": "spam"}), client.post(missing, {"reason": "spam"})
    )
    assert not Report.objects.exists()


def test_the_queue_shows_what_organisers_need_and_the_menu_counts_open_reports(login, cast):
    earlier = _send(cast)
    dismiss_report(actor=cast["organiser"], report_id=earlier.pk)
    _send(cast, reason="threats")
    client = login(cast["organiser"])

    queue = client.get(reverse("organise_reports"))
    page = queue.content.decode()

    assert queue.status_code == 200
    assert "About Tadeo Tal" in page
    assert "Sent by Rocío Reporta" in page
    assert "Threats or violence" in page
    assert "1 earlier report about them" in page
    assert page.index("Threats or violence") < page.index("Harassment or bullying")
    home = client.get(reverse("organise_home")).content.decode()
    assert 'href="/organise/reports/">Reports <span class="badge">1' in home


def test_an_empty_queue_says_what_happens_next(login, cast):
    page = login(cast["organiser"]).get(reverse("organise_reports")).content.decode()
    assert "When a member reports someone, it appears here" in page


def test_an_organiser_warns_and_the_member_reads_it_without_learning_who_reported(login, cast):
    sent = _send(cast)
    organiser = login(cast["organiser"])
    detail = organiser.get(reverse("organise_report", args=[sent.pk])).content.decode()
    assert "Kept messaging me after I said no" in detail
    assert "Rocío Reporta" in detail
    for action in ("dismiss", "warn", "suspend"):
        assert reverse(f"organise_report_{action}", args=[sent.pk]) in detail

    answer = organiser.post(
        reverse("organise_report_warn", args=[sent.pk]),
        {"warn-message": "Please stop messaging people who said no."},
    )

    assert answer.status_code == 302
    assert answer["Location"] == reverse("organise_reports")
    assert MemberWarning.objects.get().member == cast["reported"]
    assert AuditEntry.objects.get().action == "report.warn"
    warned = login(cast["reported"])
    warnings = warned.get(reverse("my_warnings")).content.decode()
    assert "Please stop messaging people who said no." in warnings
    notices = warned.get(reverse("notice_list")).content.decode()
    assert "The organisers have sent you a warning." in notices
    for page in (warnings, notices):
        assert "Rocío" not in page
        assert "Kept messaging" not in page
    told = login(cast["reporter"]).get(reverse("notice_list")).content.decode()
    assert "Thank you: the organisers have handled your report." in told
    assert "Please stop messaging" not in told
    handled = organiser.get(reverse("organise_report", args=[sent.pk])).content.decode()
    assert reverse("organise_report_warn", args=[sent.pk]) not in handled
    assert "Please stop messaging people who said no." in handled


def test_an_organiser_dismisses_with_a_note_or_suspends_with_a_reason(login, cast):
    first = _send(cast)
    organiser = login(cast["organiser"])
    organiser.post(
        reverse("organise_report_dismiss", args=[first.pk]), {"dismiss-note": "Old quarrel"}
    )
    first.refresh_from_db()
    assert (first.status, first.note) == ("dismissed", "Old quarrel")

    second = _send(cast)
    organiser.post(
        reverse("organise_report_suspend", args=[second.pk]), {"suspend-reason": "Threats"}
    )
    second.refresh_from_db()
    assert second.status == "suspended"
    assert User.objects.get(pk=cast["reported"].pk).state == User.State.SUSPENDED


def test_handling_without_what_it_needs_or_twice_says_why(login, cast):
    sent = _send(cast)
    organiser = login(cast["organiser"])
    empty = organiser.post(reverse("organise_report_warn", args=[sent.pk]), {"warn-message": ""})
    assert empty.status_code == 400
    assert Report.objects.get().is_open
    dismiss_report(actor=cast["organiser"], report_id=sent.pk)
    again = organiser.post(reverse("organise_report_dismiss", args=[sent.pk]), {}, follow=True)
    assert "This report has already been handled." in again.content.decode()


def test_an_organiser_in_a_block_with_the_reporter_gets_the_missing_page(
    login, cast, assert_same_answer
):
    sent = _send(cast)
    kept_apart = OrganiserFactory()
    BlockFactory(blocker=cast["reporter"], blocked=kept_apart)
    client = login(kept_apart)
    assert_same_answer(
        client.get(reverse("organise_report", args=[sent.pk])),
        client.get(reverse("organise_report", args=[999_999])),
    )
    assert client.post(reverse("organise_report_dismiss", args=[sent.pk])).status_code == 404
    assert "About Tadeo" not in client.get(reverse("organise_reports")).content.decode()


def test_a_member_without_warnings_is_told_so(login, cast):
    page = login(cast["reporter"]).get(reverse("my_warnings")).content.decode()
    assert "You have no warnings." in page


def test_the_pages_answer_head(login, cast):
    client = login(cast["reporter"])
    for url in (
        reverse("report_form", args=["member", cast["reported"].pk]),
        reverse("report_sent"),
        reverse("my_warnings"),
    ):
        assert client.head(url).status_code == 200, url
    assert login(cast["organiser"]).head(reverse("organise_reports")).status_code == 200


def test_the_report_pages_speak_spanish(login, cast, translations):
    sent = _send(cast)
    for person in cast.values():
        User.objects.filter(pk=person.pk).update(language="es")
    form = login(cast["reporter"]).get(reverse("report_form", args=["member", cast["reported"].pk]))
    assert "Denunciar a Tadeo Tal" in form.content.decode()
    assert (
        "Nadie salvo las personas que organizan la red sabrá quién envió esta denuncia."
        in form.content.decode()
    )
    queue = login(cast["organiser"]).get(reverse("organise_reports")).content.decode()
    assert "Denuncia sobre Tadeo Tal" not in queue  # the list says "Sobre …"
    assert "Acoso o intimidación" in queue
    detail = login(cast["organiser"]).get(reverse("organise_report", args=[sent.pk]))
    assert "Enviar la advertencia" in detail.content.decode()


def test_another_kind_is_reported_through_the_same_form(login, cast, monkeypatch):
    from tejido.access import reportables
    from tejido.access.groups import visible_groups
    from tejido.groups.factories import GroupFactory
    from tejido.groups.models import Group

    monkeypatch.setattr(reportables, "_KINDS", dict(reportables._KINDS))
    reportables.register(
        reportables.ReportableKind(
            name="group",
            label="Group",
            model=Group,
            visible=visible_groups,
            owner=lambda group: cast["reported"],
            describe=lambda group: group.name_en,
            url=lambda group: f"/groups/{group.slug}/",
        )
    )
    group = GroupFactory(name_en="Picnic club", slug="picnic")
    client = login(cast["reporter"])
    url = reverse("report_form", args=["group", group.pk])

    assert "Report Picnic club" in client.get(url).content.decode()
    assert client.post(url, {"reason": "spam"}).status_code == 302
    made = Report.objects.get()
    assert (made.kind, made.target_id, made.reported) == ("group", group.pk, cast["reported"])
    # What belongs to the reporter is not theirs to report.
    assert login(cast["reported"]).get(url).status_code == 404
