"""notify(): a notice in the inbox and, once the transaction commits, an email in the member's
language that honours discreet mode and carries nobody else's data."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tejido.accounts.models import User
from tejido.network.models import NetworkSettings
from tejido.notifications import kinds
from tejido.notifications.models import Notice
from tejido.notifications.services import mark_all_read, mark_read, notify
from tejido.notifications.tasks import send_notice_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def greeting_kind():
    kind = kinds.register(
        "test.greeting",
        subject=_("%(name)s said hello"),
        text=_("%(name)s said hello in %(group)s."),
    )
    yield kind
    kinds.KINDS.pop("test.greeting", None)


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://tejido.example.org"
    settings.DEFAULT_FROM_EMAIL = "tejido@example.org"
    settings.DISCREET_SENDER_NAME = "Notifications"
    network = NetworkSettings.current()
    network.name = "Red Arcoíris"
    network.save()
    return network


def test_notify_records_a_notice_and_emails_after_commit(
    make_user, site, greeting_kind, django_capture_on_commit_callbacks
):
    user = make_user(language="en")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notice = notify(
            user=user,
            about=user,
            kind="test.greeting",
            params={"name": "Robin", "group": "Potluck crew"},
            url="/groups/potluck/",
        )
        assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    notice.refresh_from_db()
    assert notice.read_at is None
    assert notice.emailed_at is not None
    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.cc == []
    assert message.bcc == []
    assert message.subject == "Robin said hello"
    assert "Robin said hello in Potluck crew." in message.body
    assert "https://tejido.example.org/groups/potluck/" in message.body
    assert message.from_email == "Red Arcoíris <tejido@example.org>"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_nothing_is_emailed_when_the_transaction_rolls_back(
    make_user, site, greeting_kind, django_capture_on_commit_callbacks
):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(user=user, about=user, kind="test.greeting", params={"name": "A"})
                raise RuntimeError("the feature failed")
        except RuntimeError:
            pass
    assert mail.outbox == []
    assert not Notice.objects.filter(user=user).exists()


def test_discreet_mode_email_is_neutral(
    make_user, site, greeting_kind, django_capture_on_commit_callbacks
):
    user = make_user(language="en", discreet_mode=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user=user,
            about=user,
            kind="test.greeting",
            params={"name": "Robin", "group": "Trans support circle"},
            url="/groups/trans-support/",
        )
    [message] = mail.outbox
    assert message.subject == "You have a new notification"
    assert message.from_email == "Notifications <tejido@example.org>"
    everything = message.subject + message.from_email + message.body
    for revealing in ("Robin", "Trans support", "trans-support", "Red Arcoíris", "hello"):
        assert revealing not in everything
    assert "https://tejido.example.org/notifications/" in message.body


def test_email_is_in_the_members_language(
    make_user, site, greeting_kind, translations, django_capture_on_commit_callbacks
):
    spanish = make_user(language="es", discreet_mode=True)
    english = make_user(language="en", discreet_mode=True)
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=spanish, about=spanish, kind="test.greeting", params={"name": "R"})
        notify(user=english, about=english, kind="test.greeting", params={"name": "R"})
    by_recipient = {str(m.to[0]): m for m in mail.outbox}
    assert by_recipient[spanish.email].subject == "Tienes una notificación nueva"
    assert by_recipient[english.email].subject == "You have a new notification"


def test_unknown_kind_sends_a_generic_email(make_user, site, django_capture_on_commit_callbacks):
    user = make_user(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=user, about=user, kind="feature.that.was.removed", params={"secret": "x"})
    [message] = mail.outbox
    assert message.subject == "You have a new notification"
    assert "Something new is waiting for you." in message.body


def test_missing_params_do_not_break_the_email(
    make_user, site, greeting_kind, django_capture_on_commit_callbacks
):
    user = make_user(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=user, about=user, kind="test.greeting", params={})
    [message] = mail.outbox
    assert message.subject == "… said hello"


def test_email_holds_no_other_members_private_data(
    make_user, site, greeting_kind, django_capture_on_commit_callbacks
):
    recipient = make_user(language="en")
    other = make_user(email="marker-7f3a@example.org")
    other.profile.identity_tags = "MARKER-IDENTITY-7f3a"
    other.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user=recipient,
            about=recipient,
            kind="test.greeting",
            params={"name": other.profile.chosen_name, "group": "G"},
        )
    [message] = mail.outbox
    raw = message.message().as_string()
    assert "marker-7f3a" not in raw
    assert "MARKER-IDENTITY" not in raw
    assert message.recipients() == [recipient.email]


@pytest.mark.parametrize("state", [User.State.SUSPENDED, User.State.REMOVED])
def test_suspended_and_removed_accounts_get_no_email(
    make_user, site, greeting_kind, state, django_capture_on_commit_callbacks
):
    user = make_user(state=state)
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=user, about=user, kind="test.greeting", params={"name": "A"})
    assert mail.outbox == []


def test_an_email_goes_out_once_even_if_the_task_runs_twice(make_user, site, greeting_kind):
    user = make_user()
    notice = Notice.objects.create(user=user, kind="test.greeting", params={})
    first = send_notice_email.enqueue(notice.pk)
    second = send_notice_email.enqueue(notice.pk)
    assert first.return_value is True
    assert second.return_value is False
    assert len(mail.outbox) == 1


def test_task_for_a_deleted_notice_does_nothing(site):
    result = send_notice_email.enqueue(987654)
    assert result.return_value is False
    assert mail.outbox == []


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_a_notice_url_must_be_a_local_path(make_user, greeting_kind, url):
    user = make_user()
    with pytest.raises(ValueError, match="path on this site"):
        notify(user=user, about=user, kind="test.greeting", url=url)


def test_the_unread_badge_follows_notices_and_mends_itself(member, greeting_kind):
    def badge() -> int:
        member.refresh_from_db()
        return member.unread_notices

    first = notify(user=member, about=member, kind="test.greeting")
    notify(user=member, about=member, kind="test.greeting")
    assert badge() == 2
    mark_read(actor=member, notice_id=first.pk)
    assert badge() == 1
    # A badge that drifted (say, a notice deleted by hand) is right again after the next read.
    User.objects.filter(pk=member.pk).update(unread_notices=7)
    mark_all_read(actor=member)
    assert badge() == 0
    notify(user=member, about=member, kind="test.greeting")
    assert badge() == 1


def test_a_notice_reaches_only_the_audience_of_what_it_is_about(make_user, greeting_kind):
    """A member may be told about themself; someone else's account is not theirs to hear of,
    and an applicant is not told about a group, which only members may know of."""
    from tejido.groups.factories import GroupFactory

    member, other, applicant = make_user(), make_user(), make_user(role="applicant")
    assert notify(user=member, about=other, kind="test.greeting") is None
    assert notify(user=applicant, about=GroupFactory(), kind="test.greeting") is None
    assert notify(user=member, about=member, kind="test.greeting") is not None
    assert Notice.objects.filter(user__in=[other, applicant]).count() == 0
    assert Notice.objects.filter(user=member).count() == 1


def test_a_name_given_in_both_languages_renders_in_the_readers(make_user, greeting_kind):
    from tejido.groups.factories import GroupFactory
    from tejido.notifications.selectors import notice_cards

    group = GroupFactory(name_es="Círculo de lectura", name_en="Reading circle")
    member = make_user()
    notice = notify(
        user=member,
        about=group,
        kind="test.greeting",
        params={"name": "R", "group": {"es": group.name_es, "en": group.name_en}},
    )
    with translation.override("en"):
        assert "Reading circle" in notice_cards([notice])[0].text
    with translation.override("es"):
        assert "Círculo de lectura" in notice_cards([notice])[0].text
