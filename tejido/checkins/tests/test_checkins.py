"""Check-ins proved on the real database: opting in, the daily marking of who is due, the
team's view (a name and since when only), reaching out, the thread, done, snooze and opt-out;
blocks hold, organisers see nothing, notices say nothing, one open check-in per member under
concurrency, and activity costs no query on most requests."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tejido.access.checkins import visible_due
from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.audit.models import AuditEntry
from tejido.checkins import services
from tejido.checkins.errors import AlreadyTaken, CheckInOver, NotOptedIn
from tejido.checkins.models import CheckIn, CheckinChoice, CheckInState, DueSweep, TeamMember
from tejido.checkins.selectors import (
    get_checkin_page,
    get_due,
    get_team_page,
    get_team_roster,
    list_my_checkins,
)
from tejido.checkins.tasks import next_sweep, sweep_due
from tejido.core.clock import now
from tejido.core.errors import DomainError, InvalidInput, NotFound
from tejido.core.testing import at_once
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


def team_member():
    organiser = OrganiserFactory()
    member = UserFactory()
    services.add_to_team(actor=organiser, member_id=member.pk)
    return member


def due_member(weeks=4):
    member = UserFactory()
    services.opt_in(actor=member, weeks=weeks)
    CheckinChoice.objects.filter(user=member).update(
        last_seen_on=services.today() - timedelta(weeks=weeks), due_since=now()
    )
    return member


def test_opting_in_checks_the_weeks():
    member = UserFactory()
    assert services.opt_in(actor=member, weeks=4).weeks == 4
    for bad in (1, 13, "4", True, None):
        with pytest.raises(InvalidInput):
            services.opt_in(actor=member, weeks=bad)
    assert services.opt_in(actor=member, weeks=12).weeks == 12
    with pytest.raises(NotOptedIn):
        services.snooze(actor=UserFactory(), weeks=2)
    with pytest.raises(InvalidInput):
        services.snooze(actor=member, weeks=3)


def test_the_daily_sweep_marks_who_is_due_once_a_day():
    quiet, busy, snoozed = UserFactory(), UserFactory(), UserFactory()
    start = now()
    for member in (quiet, busy, snoozed):
        services.opt_in(actor=member, weeks=2)
    services.snooze(actor=snoozed, weeks=4)
    later = start + timedelta(weeks=2, days=1)
    with time_machine.travel(start + timedelta(days=10)):
        services.note_activity(user_id=busy.pk)
    with time_machine.travel(later):
        day = services.today()
        assert sweep_due.call(day.isoformat()) == 1
        assert sweep_due.call(day.isoformat()) == 0  # that day was swept
    assert list(
        CheckinChoice.objects.filter(due_since__isnull=False).values_list("user", flat=True)
    ) == [quiet.pk]
    assert DueSweep.objects.filter(day=day).exists()
    with time_machine.travel(later):
        services.note_activity(user_id=quiet.pk)  # came back: no longer due
    assert not CheckinChoice.objects.filter(due_since__isnull=False).exists()


def test_the_next_sweep_is_the_next_morning():
    moment, day = next_sweep(now())
    assert moment > now()
    assert moment - now() <= timedelta(days=2)
    assert day == timezone.localtime(moment).date()


def test_the_team_sees_only_a_name_and_since_when():
    helper, member = team_member(), due_member()
    page = get_team_page(viewer=helper)
    (due,) = page.due
    assert set(vars(due)) == {"id", "chosen_name", "due_since"}
    assert due.chosen_name == member.profile.chosen_name
    for outsider in (UserFactory(), OrganiserFactory(), member):
        with pytest.raises(NotFound):
            get_team_page(viewer=outsider)
        with pytest.raises(NotFound):
            services.take(actor=outsider, member_id=member.pk, body="Hola")


def test_a_block_hides_the_member_from_that_team_member():
    helper, other_helper, member = team_member(), team_member(), due_member()
    BlockFactory(blocker=member, blocked=helper)
    assert get_team_page(viewer=helper).due == []
    with pytest.raises(NotFound):
        get_due(viewer=helper, member_id=member.pk)
    with pytest.raises(NotFound):
        services.take(actor=helper, member_id=member.pk, body="Hola")
    assert [d.id for d in get_team_page(viewer=other_helper).due] == [member.pk]


def test_reaching_out_writing_and_done():
    helper, member = team_member(), due_member()
    checkin = services.take(actor=helper, member_id=member.pk, body="Hola, ¿cómo estás?")
    assert get_team_page(viewer=helper).due == []
    assert [c.id for c in get_team_page(viewer=helper).mine] == [checkin.pk]
    with pytest.raises(NotFound):
        services.take(actor=team_member(), member_id=member.pk, body="Hola")
    services.write_in(actor=member, checkin=checkin, body="Bien, gracias")
    page = get_checkin_page(viewer=member, checkin_id=checkin.pk)
    assert [m.body for m in page.messages] == ["Hola, ¿cómo estás?", "Bien, gracias"]
    assert page.card.my_side == "member"
    assert page.choice is not None
    assert [c.id for c in list_my_checkins(viewer=member)] == [checkin.pk]
    with pytest.raises(CheckInOver):
        services.mark_done(actor=member, checkin=checkin)
    services.mark_done(actor=helper, checkin=checkin)
    choice = CheckinChoice.objects.get(user=member)
    assert choice.due_since is None
    assert choice.last_seen_on == services.today()
    with pytest.raises(CheckInOver):
        services.write_in(actor=helper, checkin=checkin, body="¿Algo más?")
    for outsider in (UserFactory(), OrganiserFactory()):
        with pytest.raises(NotFound):
            get_checkin_page(viewer=outsider, checkin_id=checkin.pk)
        with pytest.raises(NotFound):
            services.write_in(actor=outsider, checkin=checkin, body="hola")
        with pytest.raises(NotFound):
            services.mark_done(actor=outsider, checkin=checkin)


def test_notices_say_nothing():
    helper, member = team_member(), due_member()
    checkin = services.take(actor=helper, member_id=member.pk, body="mkcheckinwordsend")
    services.write_in(actor=member, checkin=checkin, body="mkcheckinreplyend")
    notices = list(Notice.objects.filter(kind="checkins_news"))
    assert len(notices) == 2
    for notice in notices:
        assert notice.params == {}
        # It links nowhere: an address under /support/ would say what it is about.
        assert notice.url == ""


def test_the_emails_say_nothing_and_link_to_the_notifications_page(
    django_capture_on_commit_callbacks, mailoutbox
):
    helper, member = team_member(), due_member()
    for person, language in ((helper, "en"), (member, "es")):
        person.discreet_mode, person.language = False, language
        person.save(update_fields=["discreet_mode", "language"])
    with django_capture_on_commit_callbacks(execute=True):
        checkin = services.take(actor=helper, member_id=member.pk, body="mkcheckinmailend")
    with django_capture_on_commit_callbacks(execute=True):
        services.write_in(actor=member, checkin=checkin, body="mkcheckinreplymailend")
    assert {tuple(m.to) for m in mailoutbox} == {(member.email,), (helper.email,)}
    for sent in mailoutbox:
        said = f"{sent.subject}\n{sent.body}".lower()
        assert "/notifications/" in sent.body
        assert reverse("checkin_detail", args=[checkin.pk]) not in sent.body
        for telling in ("support", "check-in", "check in", "mkcheckin"):
            assert telling not in said
        for name in (helper.profile.chosen_name, member.profile.chosen_name):
            assert name.lower() not in said


def test_snoozing_or_opting_out_closes_an_open_check_in():
    helper = team_member()
    member = due_member()
    checkin = services.take(actor=helper, member_id=member.pk, body="Hola")
    services.snooze(actor=member, weeks=2)
    checkin.refresh_from_db()
    assert checkin.state == CheckInState.CLOSED
    assert CheckinChoice.objects.get(user=member).due_since is None
    other = due_member()
    checkin = services.take(actor=helper, member_id=other.pk, body="Hola")
    services.opt_out(actor=other)
    checkin.refresh_from_db()
    assert checkin.state == CheckInState.CLOSED
    assert not CheckinChoice.objects.filter(user=other).exists()


def test_the_organisers_name_the_team():
    organiser, member = OrganiserFactory(), UserFactory(profile__chosen_name="Rocío Paz")
    with pytest.raises(NotFound):
        services.add_to_team(actor=UserFactory(), member_id=member.pk)
    with pytest.raises(NotFound):
        services.add_to_team(actor=organiser, member_id=999999)
    services.add_to_team(actor=organiser, member_id=member.pk)
    services.add_to_team(actor=organiser, member_id=member.pk)  # already on it: nothing new
    roster = get_team_roster(viewer=organiser, query="roc")
    assert [p.id for p in roster.team] == [member.pk]
    assert [p.id for p in roster.found] == [member.pk]
    due = due_member()
    checkin = services.take(actor=member, member_id=due.pk, body="Hola")
    services.remove_from_team(actor=organiser, member_id=member.pk)
    checkin.refresh_from_db()
    assert checkin.state == CheckInState.CLOSED
    assert not TeamMember.objects.exists()
    with pytest.raises(NotFound):
        services.remove_from_team(actor=organiser, member_id=member.pk)
    with pytest.raises(NotFound):
        services.remove_from_team(actor=UserFactory(), member_id=member.pk)
    with pytest.raises(NotFound):
        get_team_roster(viewer=member)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"checkins.team_added", "checkins.team_removed"} <= actions


def test_an_applicant_cannot_opt_in():
    from tejido.accounts.factories import ApplicantFactory

    with pytest.raises(NotFound):
        services.opt_in(actor=ApplicantFactory(), weeks=4)


@pytest.mark.django_db(transaction=True)
def test_two_team_members_at_once_one_takes_it():
    helpers = [team_member() for _ in range(5)]
    member = due_member()
    outcomes = at_once(
        *[lambda h=h: services.take(actor=h, member_id=member.pk, body="Hola") for h in helpers],
        refused=DomainError,
    )
    assert outcomes.count("done") == 1
    assert CheckIn.objects.filter(member=member, state=CheckInState.OPEN).count() == 1
    assert AlreadyTaken.code == "checkins_already_taken"
    assert not visible_due(helpers[0]).exists()


def test_activity_is_noted_once_a_day_without_a_query_after(login, django_assert_num_queries):
    member = UserFactory()
    services.opt_in(actor=member, weeks=2)
    CheckinChoice.objects.filter(user=member).update(
        last_seen_on=services.today() - timedelta(days=9)
    )
    client = login(member)
    client.get(reverse("buddies_home"))
    assert CheckinChoice.objects.get(user=member).last_seen_on == services.today()
    client.get(reverse("buddies_home"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("buddies_home"))
    assert not [q for q in queries.captured_queries if "checkins_checkinchoice" in q["sql"]]
    assert not [
        q for q in queries.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]
    ]
