"""Applications through JSON: for network organisers only; everyone else gets the 404 a
missing application gets."""

import pytest

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.api.tests.conftest import assert_error
from tejido.audit.models import AuditEntry
from tejido.membership.factories import ApplicationAnswerFactory, ApplicationFactory
from tejido.membership.models import Application, ApplicationMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_api(api, organiser):
    return api(organiser)


def test_list_applications(organiser_api):
    first = ApplicationFactory(user__profile__chosen_name="Nube")
    second = ApplicationFactory()
    ApplicationFactory(status=Application.Status.DECLINED)
    body = organiser_api.get("/applications").json()
    assert [a["id"] for a in body["items"]] == [first.pk, second.pk]
    assert body["count"] == 2
    assert body["page"] == 1
    assert body["num_pages"] == 1
    assert body["items"][0]["applicant_name"] == "Nube"
    assert body["items"][0]["status"] == "pending"
    declined = organiser_api.get("/applications?status=declined").json()
    assert declined["count"] == 1


def test_list_applications_pages(organiser_api):
    for _ in range(26):
        ApplicationFactory()
    assert len(organiser_api.get("/applications").json()["items"]) == 25
    body = organiser_api.get("/applications?page=2").json()
    assert len(body["items"]) == 1
    assert body["num_pages"] == 2


def test_list_applications_query_count_does_not_grow(organiser_api, django_assert_num_queries):
    organiser_api.get("/applications")
    ApplicationAnswerFactory()
    with django_assert_num_queries(5) as few:
        organiser_api.get("/applications")
    for _ in range(10):
        application = ApplicationFactory()
        ApplicationAnswerFactory(application=application)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(organiser_api.get("/applications").json()["items"]) == 11


@pytest.mark.parametrize("query", ["status=bogus", "page=0", "page=x", "stauts=pending"])
def test_list_applications_bad_input_is_422(organiser_api, query):
    assert_error(organiser_api.get(f"/applications?{query}"), 422, "invalid")


def test_application_detail_has_answers_and_messages(organiser_api, organiser):
    answer = ApplicationAnswerFactory(text="I want to help with potlucks.")
    application = answer.application
    ApplicationMessage.objects.create(
        application=application, author=organiser, from_organisers=True, text="Where are you?"
    )
    body = organiser_api.get(f"/applications/{application.pk}").json()
    assert body["id"] == application.pk
    assert body["answers"] == [{"question": answer.question.text_es, "text": answer.text}]
    assert [m["text"] for m in body["messages"]] == ["Where are you?"]
    assert body["messages"][0]["from_organisers"] is True
    assert body["messages"][0]["author_name"] == organiser.profile.chosen_name
    assert application.user.email not in str(body)


def test_approve(organiser_api, organiser):
    application = ApplicationFactory()
    response = organiser_api.post(f"/applications/{application.pk}/approve")
    assert response.status_code == 200
    assert response.json() == {"id": application.pk, "status": "approved"}
    assert User.objects.get(pk=application.user_id).state == User.State.MEMBER
    assert AuditEntry.objects.filter(actor=organiser, action="application.approve").exists()
    again = organiser_api.post(f"/applications/{application.pk}/approve")
    assert_error(again, 409, "application_decided")


def test_decline_with_and_without_message(organiser_api):
    with_message = ApplicationFactory()
    response = organiser_api.post(
        f"/applications/{with_message.pk}/decline", {"message": "Not this time."}
    )
    assert response.json() == {"id": with_message.pk, "status": "declined"}
    assert ApplicationMessage.objects.get(application=with_message).text == "Not this time."
    without = ApplicationFactory()
    assert organiser_api.post(f"/applications/{without.pk}/decline").status_code == 200
    assert (
        organiser_api.post(f"/applications/{ApplicationFactory().pk}/decline", {}).status_code
        == 200
    )
    assert (
        organiser_api.post(f"/applications/{ApplicationFactory().pk}/decline", "null").status_code
        == 200
    )


def test_question(organiser_api):
    application = ApplicationFactory()
    response = organiser_api.post(
        f"/applications/{application.pk}/question", {"question": "Which group?"}
    )
    assert response.json() == {"id": application.pk, "status": "question"}
    assert ApplicationMessage.objects.get(application=application).text == "Which group?"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("question", {"question": ""}, "question"),
        ("question", {}, "question"),
        ("question", {"question": "x" * 3001}, "question"),
        ("question", {"question": "ok", "extra": 1}, "extra"),
        ("decline", {"message": "x" * 3001}, "message"),
        ("decline", {"message": 12}, "message"),
    ],
)
def test_bad_input_is_422_and_changes_nothing(organiser_api, path, body, field):
    application = ApplicationFactory()
    result = assert_error(
        organiser_api.post(f"/applications/{application.pk}/{path}", body), 422, "invalid"
    )
    assert field in result["detail"]
    assert Application.objects.get(pk=application.pk).status == Application.Status.PENDING
    assert not ApplicationMessage.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("who", ["member", "applicant", "facilitator"])
def test_not_organisers_get_404_for_everything(api, who):
    user = UserFactory(is_facilitator=who == "facilitator")
    client = api(user)
    if who == "applicant":
        # A token made while a member stops working when they are no longer one.
        User.objects.filter(pk=user.pk).update(state=User.State.APPLICANT)
    application = ApplicationFactory()
    expected = 401 if who == "applicant" else 404
    code = "unauthenticated" if who == "applicant" else "not_found"
    assert_error(client.get("/applications"), expected, code)
    assert_error(client.get(f"/applications/{application.pk}"), expected, code)
    assert_error(client.post(f"/applications/{application.pk}/approve"), expected, code)
    assert_error(client.post(f"/applications/{application.pk}/decline"), expected, code)
    assert_error(
        client.post(f"/applications/{application.pk}/question", {"question": "?"}),
        expected,
        code,
    )
    assert Application.objects.get(pk=application.pk).status == Application.Status.PENDING
    assert not ApplicationMessage.objects.exists()


def test_organiser_of_a_missing_application_gets_the_same_404(organiser_api, api):
    application = ApplicationFactory()
    missing = assert_error(organiser_api.get("/applications/987654"), 404, "not_found")
    as_member = assert_error(
        api(UserFactory()).get(f"/applications/{application.pk}"), 404, "not_found"
    )
    assert missing == as_member


def test_organiser_in_a_block_with_the_applicant_does_not_see_it(api):
    from tejido.accounts.factories import BlockFactory

    organiser = OrganiserFactory()
    application = ApplicationFactory()
    BlockFactory(blocker=application.user, blocked=organiser)
    client = api(organiser)
    assert_error(client.get(f"/applications/{application.pk}"), 404, "not_found")
    assert client.get("/applications").json()["count"] == 0
