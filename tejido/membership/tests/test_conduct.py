"""The code of conduct: organisers publish versions, members accept the newest one."""

import pytest

from tejido.audit.models import AuditEntry
from tejido.core.errors import InvalidInput, NotAllowed, NotFound
from tejido.membership.factories import CodeOfConductFactory
from tejido.membership.models import CodeOfConduct, ConductAcceptance
from tejido.membership.selectors import current_conduct, needs_conduct_acceptance
from tejido.membership.services import accept_conduct, publish_conduct

pytestmark = pytest.mark.django_db


def test_without_a_code_nobody_needs_to_accept_anything(member):
    assert current_conduct() is None
    assert not needs_conduct_acceptance(user=member)
    with pytest.raises(NotFound):
        accept_conduct(actor=member)


def test_a_member_accepts_the_current_version_once(member):
    CodeOfConductFactory()
    assert needs_conduct_acceptance(user=member)

    accept_conduct(actor=member)
    accept_conduct(actor=member)

    assert not needs_conduct_acceptance(user=member)
    assert ConductAcceptance.objects.filter(user=member).count() == 1


def test_only_members_accept(applicant):
    CodeOfConductFactory()
    with pytest.raises(NotAllowed):
        accept_conduct(actor=applicant)
    assert not ConductAcceptance.objects.exists()


def test_publishing_a_new_version_asks_every_member_again(organiser, member):
    publish_conduct(actor=organiser, text_es="Cuidado mutuo.", text_en="Mutual care.")
    accept_conduct(actor=member)
    assert not needs_conduct_acceptance(user=member)

    code = publish_conduct(actor=organiser, text_es="Versión dos.", text_en="Version two.")

    assert code.version == 2
    assert current_conduct() == code
    assert needs_conduct_acceptance(user=member)
    # Whoever publishes it has accepted it.
    assert not needs_conduct_acceptance(user=organiser)
    assert [e.detail for e in AuditEntry.objects.order_by("id")] == [
        {"version": 1},
        {"version": 2},
    ]
    assert {e.action for e in AuditEntry.objects.all()} == {"conduct.publish"}


def test_the_text_follows_the_language():
    from django.utils import translation

    code = CodeOfConductFactory(text_es="Hola", text_en="Hello")
    with translation.override("en"):
        assert code.text == "Hello"
    with translation.override("es"):
        assert code.text == "Hola"


@pytest.mark.parametrize(
    ("text_es", "text_en", "field"), [("", "x", "text_es"), ("x", " ", "text_en")]
)
def test_both_languages_are_needed_and_nothing_changes_otherwise(
    organiser, text_es, text_en, field
):
    with pytest.raises(InvalidInput) as caught:
        publish_conduct(actor=organiser, text_es=text_es, text_en=text_en)
    assert field in caught.value.detail
    assert not CodeOfConduct.objects.exists()
    assert not AuditEntry.objects.exists()


def test_only_organisers_publish(member):
    with pytest.raises(NotAllowed):
        publish_conduct(actor=member, text_es="a", text_en="b")
    assert not CodeOfConduct.objects.exists()
