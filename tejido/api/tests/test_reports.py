"""Reports through JSON: members send them; only organisers read the queue and handle a
report, everyone else gets the 404 a missing report gets. The person reported learns nothing
about who reported."""

import pytest

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.api.tests.conftest import assert_error
from tejido.audit.models import AuditEntry
from tejido.moderation.models import MemberWarning, Report
from tejido.moderation.report_services import report

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return {
        "organiser": OrganiserFactory(profile__chosen_name="Orla"),
        "reporter": UserFactory(profile__chosen_name="Rocío"),
        "reported": UserFactory(profile__chosen_name="Tadeo"),
    }


def _send(cast, **fields):
    values = {"reason": "harassment", "text": "Kept writing after I said no", **fields}
    return report(actor=cast["reporter"], kind="member", target_id=cast["reported"].pk, **values)


def test_a_member_sends_a_report(api, cast):
    answer = api(cast["reporter"]).post(
        "/reports", {"target_id": cast["reported"].pk, "reason": "threats", "text": "Outside"}
    )
    assert answer.status_code == 201, answer.content
    made = Report.objects.get()
    assert answer.json() == {"id": made.pk, "status": "open"}
    assert (made.kind, made.reporter, made.reported, made.text) == (
        "member",
        cast["reporter"],
        cast["reported"],
        "Outside",
    )


def test_a_second_open_report_is_a_conflict(api, cast):
    _send(cast)
    answer = api(cast["reporter"]).post(
        "/reports", {"target_id": cast["reported"].pk, "reason": "spam"}
    )
    assert_error(answer, 409, "already_reported")


def test_reporting_oneself_someone_hidden_or_no_one_is_the_same_404(api, cast):
    BlockFactory(blocker=cast["reported"], blocked=cast["reporter"])
    client = api(cast["reporter"])
    answer = client.post("/reports", {"kind": "planet", "target_id": 1, "reason": "spam"})
    assert_error(answer, 404, "not_found")
    for target in (cast["reporter"].pk, cast["reported"].pk, 999_999):
        assert_error(
            client.post("/reports", {"target_id": target, "reason": "spam"}), 404, "not_found"
        )
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"target_id": 1, "reason": "gossip"},
        {"target_id": 1, "reason": "spam", "extra": True},
        {"target_id": 1, "reason": "spam", "kind": "x" * 41},
        {"reason": "spam"},
        {"target_id": 1, "reason": "spam", "text": "x" * 3001},
    ],
)
def test_a_report_of_the_wrong_shape_is_422(api, cast, body):
    assert_error(api(cast["reporter"]).post("/reports", body), 422, "invalid")


def test_something_else_needs_words(api, cast):
    answer = api(cast["reporter"]).post(
        "/reports", {"target_id": cast["reported"].pk, "reason": "other"}
    )
    body = assert_error(answer, 400, "invalid")
    assert "text" in body["detail"]


def test_organisers_read_the_queue_and_one_report(api, cast):
    earlier = _send(cast)
    client = api(cast["organiser"])
    client.post(f"/organise/reports/{earlier.pk}/dismiss", {"note": "Old quarrel"})
    sent = _send(cast, reason="threats")

    queue = client.get("/organise/reports").json()

    assert [item["id"] for item in queue["items"]] == [sent.pk, earlier.pk]
    first = queue["items"][0]
    assert first["reporter_name"] == "Rocío"
    assert first["reported"]["chosen_name"] == "Tadeo"
    assert first["earlier"] == [
        {"status": "dismissed", "label": first["earlier"][0]["label"], "count": 1}
    ]
    assert "text" not in first
    detail = client.get(f"/organise/reports/{sent.pk}").json()
    assert detail["text"] == "Kept writing after I said no"
    assert detail["target_url"] == f"/members/{cast['reported'].pk}/"
    assert client.get(f"/organise/reports/{earlier.pk}").json()["note"] == "Old quarrel"


def test_nobody_else_reads_or_handles_a_report(api, cast):
    sent = _send(cast)
    kept_apart = OrganiserFactory()
    BlockFactory(blocker=kept_apart, blocked=cast["reported"])
    for person in (cast["reporter"], cast["reported"], UserFactory(), kept_apart):
        client = api(person)
        assert_error(client.get(f"/organise/reports/{sent.pk}"), 404, "not_found")
        assert_error(client.post(f"/organise/reports/{sent.pk}/dismiss"), 404, "not_found")
        assert_error(
            client.post(f"/organise/reports/{sent.pk}/warn", {"message": "Hi"}), 404, "not_found"
        )
    assert_error(api(cast["reported"]).get("/organise/reports"), 404, "not_found")
    assert api(kept_apart).get("/organise/reports").json()["count"] == 0
    assert_error(api(cast["organiser"]).get("/organise/reports/999999"), 404, "not_found")
    assert Report.objects.get().is_open


def test_an_organiser_warns_then_a_second_action_is_a_conflict(api, cast):
    sent = _send(cast)
    client = api(cast["organiser"])
    answer = client.post(f"/organise/reports/{sent.pk}/warn", {"message": "Please stop."})
    assert answer.json() == {"id": sent.pk, "status": "warned"}
    assert MemberWarning.objects.get().message == "Please stop."
    assert AuditEntry.objects.get().action == "report.warn"
    assert_error(client.post(f"/organise/reports/{sent.pk}/dismiss"), 409, "report_handled")
    assert_error(client.post(f"/organise/reports/{sent.pk}/warn", {}), 422, "invalid")


def test_an_organiser_suspends_from_a_report(api, cast):
    sent = _send(cast)
    answer = api(cast["organiser"]).post(
        f"/organise/reports/{sent.pk}/suspend", {"reason": "Threats"}
    )
    assert answer.json() == {"id": sent.pk, "status": "suspended"}
    assert User.objects.get(pk=cast["reported"].pk).state == User.State.SUSPENDED


def test_the_member_warned_learns_nothing_of_the_reporter_through_the_api(api, cast):
    sent = _send(cast)
    api(cast["organiser"]).post(f"/organise/reports/{sent.pk}/warn", {"message": "Please stop."})
    client = api(cast["reported"])
    for path in ("/me", "/members", f"/members/{cast['reporter'].pk}", "/blocks"):
        body = client.get(path).content.decode()
        assert "Kept writing" not in body
        assert "report" not in body.lower()
