import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from tejido.accounts.models import ProfessionalVerification, Profile, User
from tejido.audit.models import AuditEntry
from tejido.demo import content
from tejido.groups.models import Group, GroupMembership
from tejido.membership.models import Application, ApplicationMessage, ConductAcceptance, Invitation
from tejido.membership.selectors import current_conduct
from tejido.network.models import NetworkSettings
from tejido.notifications.kinds import KINDS
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_a_second_run_keeps_the_data_and_adds_nothing():
    first_output = seed()
    after_first = row_counts()
    settings_before = NetworkSettings.objects.get(pk=1).updated_at

    second_output = seed()

    assert row_counts() == after_first
    assert NetworkSettings.objects.get(pk=1).updated_at == settings_before
    assert "Created the demo network" in first_output
    assert "nothing added" in second_output


def test_the_output_says_how_to_log_in():
    output = seed()
    assert content.ORGANISER_EMAIL in output
    assert content.MEMBER_EMAIL in output
    assert content.DEFAULT_PASSWORD in output


def test_the_network_looks_lived_in():
    seed()
    network = NetworkSettings.current()
    assert network.name == "Red Arcoíris"
    for field in ("tagline", "mission", "how_to_join"):
        assert getattr(network, f"{field}_es")
        assert getattr(network, f"{field}_en")
    assert network.quick_exit_url.startswith("https://")

    people = User.objects.filter(email__endswith=f"@{content.DEMO_DOMAIN}")
    members = people.filter(state=User.State.MEMBER)
    assert 35 <= members.count() <= 45
    assert members.filter(is_organiser=True).count() == 2
    assert members.filter(is_facilitator=True).count() >= 3
    assert ProfessionalVerification.objects.filter(user__in=members).count() == 1
    assert {"es", "en"} <= set(members.values_list("language", flat=True))
    assert len(set(members.values_list("profile__pronouns", flat=True))) >= 4
    # bulk_create skips Profile.save(): the seed fills the sort name itself.
    for profile in Profile.objects.filter(user__in=people):
        assert profile.sort_name == Profile.sort_name_for(profile.chosen_name) != ""

    # Everyone can log in straight away: a verified address and the code of conduct accepted.
    code = current_conduct()
    assert code is not None
    assert code.text_es
    assert code.text_en
    assert EmailAddress.objects.filter(user__in=people, verified=True, primary=True).count() == (
        people.count()
    )
    assert ConductAcceptance.objects.filter(user__in=people, code=code).count() == people.count()

    groups = Group.objects.all()
    assert groups.count() >= 3
    assert groups.filter(kind=Group.Kind.LOCAL).exists()
    assert groups.filter(join_policy=Group.JoinPolicy.REQUEST).exists()
    for group in groups:
        assert group.memberships.filter(role=GroupMembership.Role.ORGANISER).exists()
    assert GroupMembership.objects.filter(state=GroupMembership.State.REQUESTED).exists()
    assert groups.filter(listed=False).exclude(name_en="").exists()
    assert groups.filter(join_policy=Group.JoinPolicy.INVITATION).exclude(name_en="").exists()
    assert GroupMembership.objects.filter(state=GroupMembership.State.INVITED).exists()

    waiting = Application.objects.filter(
        status__in=[Application.Status.PENDING, Application.Status.QUESTION]
    )
    assert waiting.count() == 3
    assert all(application.answers.exists() for application in waiting)
    asked = waiting.get(status=Application.Status.QUESTION)
    assert ApplicationMessage.objects.filter(application=asked, from_organisers=True).exists()
    assert Invitation.objects.count() == 1
    assert AuditEntry.objects.count() >= 10


def test_every_demo_notice_is_a_known_kind():
    seed()
    kinds = set(Notice.objects.values_list("kind", flat=True))
    assert kinds
    assert kinds <= set(KINDS)


@pytest.mark.parametrize("email", [content.ORGANISER_EMAIL, content.MEMBER_EMAIL])
def test_the_demo_accounts_can_log_in_and_see_the_home_page(email):
    seed()
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": email, "password": content.DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    me = User.objects.get(email=email)
    assert home.wsgi_request.user.pk == me.pk
    assert me.profile.chosen_name in home.content.decode()


@pytest.mark.parametrize(
    ("language", "link"), [("es", "Denunciar"), ("en", "Report")], ids=["es", "en"]
)
def test_the_code_of_conduct_promises_the_report_link_a_member_page_really_has(
    translations, language, link
):
    """The demo's code of conduct tells members to report someone with the link on their
    profile: that link is there, says what the code says, and opens the report form."""
    seed()
    code = current_conduct()
    assert code is not None
    text = code.text_es if language == "es" else code.text_en
    assert ("«Denunciar»" if language == "es" else '"Report" link') in text
    assert ("denuncia" if language == "es" else "report") in text.lower()

    User.objects.filter(email=content.MEMBER_EMAIL).update(language=language)
    other = User.objects.get(email=content.ORGANISER_EMAIL)
    client = Client()
    client.post(
        "/accounts/login/", {"login": content.MEMBER_EMAIL, "password": content.DEFAULT_PASSWORD}
    )
    page = client.get(reverse("member_detail", args=[other.pk]))

    assert page.status_code == 200
    target = reverse("report_form", args=["member", other.pk])
    found = re.search(rf'<a href="{re.escape(target)}">([^<]*)</a>', page.content.decode())
    assert found, "the member page has no report link"
    assert found.group(1).startswith(link)
    assert other.profile.chosen_name in found.group(1)
    form = client.get(target)
    assert form.status_code == 200
    assert 'name="reason"' in form.content.decode()


def test_it_refuses_a_production_database(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()
