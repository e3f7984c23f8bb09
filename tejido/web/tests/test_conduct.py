"""The code of conduct page and its gate: a member who has not accepted the newest version is
sent to it, accepts, and goes back where they were going (never to another site)."""

import pytest
from django.test import Client
from django.urls import reverse

from tejido.membership.factories import CodeOfConductFactory
from tejido.membership.models import ConductAcceptance
from tejido.membership.selectors import needs_conduct_acceptance
from tejido.membership.services import publish_conduct

pytestmark = pytest.mark.django_db


def test_the_gate_sends_a_member_to_accept_and_back(member_client, member):
    CodeOfConductFactory(text_en="Be kind.", text_es="Sé amable.")
    target = reverse("notice_list")

    gated = member_client.get(target)
    assert gated.status_code == 302
    assert gated["Location"] == f"{reverse('conduct')}?next={target}"

    page = member_client.get(gated["Location"])
    html = page.content.decode()
    assert "Sé amable." in html
    assert f'name="next" value="{target}"' in html

    accepted = member_client.post(reverse("conduct"), {"next": target})
    assert accepted.status_code == 302
    assert accepted["Location"] == target
    assert not needs_conduct_acceptance(user=member)
    assert member_client.get(target).status_code == 200


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""]
)
def test_a_next_elsewhere_goes_home_instead(member_client, target):
    CodeOfConductFactory()
    response = member_client.post(reverse("conduct"), {"next": target})
    assert response["Location"] == reverse("home")
    assert ConductAcceptance.objects.count() == 1


def test_a_new_version_asks_again(organiser, member, member_client):
    publish_conduct(actor=organiser, text_es="Uno", text_en="One")
    member_client.post(reverse("conduct"))
    assert member_client.get(reverse("notice_list")).status_code == 200

    publish_conduct(actor=organiser, text_es="Dos", text_en="Two")

    assert member_client.get(reverse("notice_list")).status_code == 302
    assert "Dos" in member_client.get(reverse("conduct")).content.decode()


def test_once_accepted_there_is_no_button(member_client):
    CodeOfConductFactory()
    member_client.post(reverse("conduct"))
    html = member_client.get(reverse("conduct")).content.decode()
    assert 'method="post"' not in html.split("<main", 1)[1]


def test_visitors_and_applicants_read_it_but_cannot_accept(applicant_client):
    CodeOfConductFactory(text_es="Texto del código")
    for client in (Client(), applicant_client):
        page = client.get(reverse("conduct"))
        assert page.status_code == 200
        html = page.content.decode()
        assert "Texto del código" in html
        assert "<main" in html
        assert 'method="post"' not in html.split("<main", 1)[1]
        client.post(reverse("conduct"))
    assert not ConductAcceptance.objects.exists()


def test_without_a_code_the_page_says_so():
    response = Client().get(reverse("conduct"))
    assert response.status_code == 200
    assert response.context["code"] is None
