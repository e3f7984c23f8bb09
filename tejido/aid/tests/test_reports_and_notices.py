"""Requests and offers as reportable kinds, the board's audit labels in both languages, and its
notices: to the thing's audience only, naming at most the kind of help (nothing for a sensitive
one, never the words or a contact detail), and neutral by email in discreet mode."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tejido.access.reportables import kind_named
from tejido.access.reports import can_report
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.aid.factories import AidOfferFactory, AidRequestFactory
from tejido.aid.match_services import offer_help, post_message
from tejido.aid.models import AidOffer, AidRequest
from tejido.audit.actions import registered_actions
from tejido.moderation.models import Report
from tejido.notifications.kinds import GENERIC, kind_for
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


def test_requests_and_offers_are_reported_through_the_one_form(login):
    request = AidRequestFactory(anonymous=True, title="Comida esta semana")
    offer = AidOfferFactory(title="Cocino de más")
    assert kind_named("aid_request").model is AidRequest
    assert kind_named("aid_offer").model is AidOffer
    reporter = UserFactory()
    client = login(reporter)
    for name, target in (("aid_request", request), ("aid_offer", offer)):
        url = reverse("report_form", args=[name, target.pk])
        assert client.get(url).status_code == 200
        assert client.post(url, {"reason": "spam"}).status_code == 302
    reported = {(r.kind, r.reported_id) for r in Report.objects.all()}
    assert reported == {("aid_request", request.requester_id), ("aid_offer", offer.helper_id)}
    # The report form names the request by its kind and words, never an anonymous requester.
    form = client.get(reverse("report_form", args=["aid_request", request.pk])).content.decode()
    assert request.requester.profile.chosen_name not in form
    assert not can_report(request.requester, request)
    hidden = AidRequestFactory(visibility="organisers")
    assert client.get(reverse("report_form", args=["aid_request", hidden.pk])).status_code == 404


def test_every_aid_action_has_a_label_in_both_languages(translations):
    actions = {
        code: label for code, label in registered_actions().items() if code.startswith("aid.")
    }
    assert len(actions) >= 10
    for code, label in actions.items():
        with translation.override("en"):
            english = str(label)
        with translation.override("es"):
            spanish = str(label)
        assert english
        assert spanish != english, code


def test_a_sensitive_request_notice_says_nothing_of_it(
    django_capture_on_commit_callbacks, translations
):
    request = AidRequestFactory(category="housing", visibility="organisers", title="Sofá urgente")
    helper = OrganiserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        offer_help(actor=helper, request=request, message="Tengo sitio")
    notice = Notice.objects.get(user=request.requester)
    assert notice.params == {"what": {"es": "la petición de ayuda", "en": "the request for help"}}
    text = kind_for(notice.kind).render_text(notice.params)
    assert "Sofá" not in text
    assert "Tengo sitio" not in text
    assert "housing" not in text.lower()


def test_a_plain_request_notice_names_its_kind_only(django_capture_on_commit_callbacks):
    request = AidRequestFactory(category="food", title="Lentejas")
    with django_capture_on_commit_callbacks(execute=True):
        match = offer_help(actor=UserFactory(), request=request)
        post_message(actor=request.requester, match=match, body="Mi teléfono es 600")
    notices = Notice.objects.filter(user=match.helper)
    assert [n.kind for n in notices] == ["aid_message"]
    with translation.override("en"):
        text = kind_for("aid_message").render_text(notices[0].params)
    assert "Food" in text
    assert "Lentejas" not in text
    assert "600" not in text
    assert notices[0].url == reverse("aid_match_detail", args=[match.pk])


def test_in_discreet_mode_the_email_is_neutral(django_capture_on_commit_callbacks):
    requester = UserFactory(discreet_mode=True, language="en")
    request = AidRequestFactory(requester=requester, category="food")
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        offer_help(actor=UserFactory(), request=request)
    sent = [m for m in mail.outbox if m.to == [requester.email]]
    assert len(sent) == 1
    with translation.override("en"):
        assert sent[0].subject == str(GENERIC.subject)
    assert "help" not in sent[0].body.lower()


def test_nobody_outside_the_audience_is_told():
    request = AidRequestFactory()
    helper = UserFactory()
    outsider = UserFactory()
    offer_help(actor=helper, request=request)
    assert not Notice.objects.filter(user=outsider).exists()
    assert Notice.objects.filter(user=request.requester, kind="aid_help_offered").exists()
