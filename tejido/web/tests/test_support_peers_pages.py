"""The buddies' and check-ins' pages, without JavaScript (plain forms): opting in, a suggestion
with its reasons, proposing, accepting, the thread, ending; check-ins from the settings page
and the team's page; empty states; and their SQL query counts at two data sizes."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.buddies.factories import BuddyPairFactory, BuddyProfileFactory
from tejido.buddies.models import BuddyPair, BuddyProfile, PairState
from tejido.buddies.services import post_message
from tejido.checkins import services as checkins
from tejido.checkins.models import CheckIn, CheckinChoice, TeamMember
from tejido.core.clock import now
from tejido.core.testing import FRAME_QUERIES

pytestmark = pytest.mark.django_db
SIZES = [2, 8]


def _client(login, user):
    client = login(user)
    client.get(reverse("buddies_home"))  # the conduct gate and the day of activity, once
    return client


def _html(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_from_opting_in_to_a_buddy_without_javascript(login):
    me = UserFactory(language="en")
    helper = BuddyProfileFactory(
        seeking=False, offering=True, languages=["en"], topics=["family"], user__language="en"
    ).user
    mine = _client(login, me)
    html = _html(mine, "buddies_home")
    assert "You are not looking for a buddy" in html
    response = mine.post(
        reverse("buddies_opt_in"),
        {"seeking": "on", "languages": ["en"], "topics": ["family"]},
        follow=True,
    )
    html = response.content.decode()
    assert helper.profile.chosen_name in html
    assert "speaks English" in html
    assert "both talk about family" in html
    mine.post(reverse("buddies_propose"), {"other": helper.pk, "role": "seeker"})
    pair = BuddyPair.objects.get()
    theirs = _client(login, helper)
    assert "would like you as their buddy" in _html(theirs, "buddies_home")
    response = theirs.post(reverse("buddies_answer", args=[pair.pk]), {"decision": "accept"})
    assert response.status_code == 302
    mine.post(reverse("buddies_message", args=[pair.pk]), {"body": "Hello there"})
    assert "Hello there" in _html(theirs, "buddies_pair", pair.pk)
    response = mine.post(reverse("buddies_message", args=[pair.pk]), {"body": "  "})
    assert response.status_code == 400
    theirs.post(reverse("buddies_end", args=[pair.pk]))
    html = _html(mine, "buddies_pair", pair.pk)
    assert "This pairing has ended" in html
    assert "Hello there" not in html


def test_opting_in_needs_a_language_and_says_so(login):
    me = UserFactory(language="en")
    response = _client(login, me).post(reverse("buddies_opt_in"), {"seeking": "on"})
    assert response.status_code == 400
    assert "Choose at least one language" in response.content.decode()
    assert not BuddyProfile.objects.filter(user=me).exists()


def test_bad_answers_and_pairs_not_ones_own(login):
    pair = BuddyPairFactory(state=PairState.PROPOSED)
    outsider = _client(login, OrganiserFactory())
    assert outsider.get(reverse("buddies_pair", args=[pair.pk])).status_code == 404
    assert outsider.post(reverse("buddies_end", args=[pair.pk])).status_code == 404
    client = _client(login, pair.buddy)
    response = client.post(reverse("buddies_answer", args=[pair.pk]), {"decision": "maybe"})
    assert response.status_code == 302
    response = client.post(reverse("buddies_propose"), {"other": "x"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.state == PairState.PROPOSED


def test_check_ins_from_the_settings_page(login):
    me = UserFactory(language="en")
    client = _client(login, me)
    html = _html(client, "settings_edit")
    assert "You have not asked for check-ins" in html
    response = client.post(reverse("checkins_choice"), {"weeks": "3", "from": "settings"})
    assert response["Location"] == reverse("settings_edit")
    assert CheckinChoice.objects.get(user=me).weeks == 3
    client.post(reverse("checkins_snooze"), {"weeks": "2", "from": "settings"})
    assert CheckinChoice.objects.get(user=me).snoozed_until is not None
    assert "Snoozed until" in _html(client, "settings_edit")
    client.post(reverse("checkins_choice"), {"weeks": "99"})
    assert CheckinChoice.objects.get(user=me).weeks == 3
    client.post(reverse("checkins_opt_out"), {"from": "settings"})
    assert not CheckinChoice.objects.filter(user=me).exists()


def test_the_team_reaches_out_and_the_member_answers(login):
    helper, member = UserFactory(language="en"), UserFactory(language="en")
    organiser = OrganiserFactory(language="en")
    boss = _client(login, organiser)
    assert "Nobody is on the check-in team yet" in _html(boss, "checkins_team")
    search = boss.get(reverse("checkins_team"), {"q": helper.profile.chosen_name})
    assert helper.profile.chosen_name in search.content.decode()
    boss.post(reverse("checkins_team_change"), {"member": helper.pk, "change": "add"})
    assert TeamMember.objects.filter(user=helper).exists()
    team = _client(login, helper)
    assert "Nobody is due for a check-in right now" in _html(team, "checkins_home")
    checkins.opt_in(actor=member, weeks=2)
    CheckinChoice.objects.filter(user=member).update(due_since=now())
    html = _html(team, "checkins_home")
    assert member.profile.chosen_name in html
    assert "due since" in html
    url = reverse("checkins_reach_out", args=[member.pk])
    assert team.post(url, {"body": ""}).status_code == 400
    response = team.post(url, {"body": "How are you doing?"})
    checkin = CheckIn.objects.get()
    assert response["Location"] == reverse("checkin_detail", args=[checkin.pk])
    theirs = _client(login, member)
    html = _html(theirs, "checkin_detail", checkin.pk)
    assert "How are you doing?" in html
    assert "Snooze" in html
    theirs.post(reverse("checkin_message", args=[checkin.pk]), {"body": "Fine, thanks"})
    team.post(reverse("checkin_done", args=[checkin.pk]))
    checkin.refresh_from_db()
    assert checkin.state == "done"
    assert "This check-in is over" in _html(theirs, "checkin_detail", checkin.pk)
    assert boss.get(reverse("checkin_detail", args=[checkin.pk])).status_code == 404
    boss.post(reverse("checkins_team_change"), {"member": helper.pk, "change": "remove"})
    assert not TeamMember.objects.exists()
    assert boss.post(reverse("checkins_team_change"), {"member": "x"}).status_code == 302


def _buddies_world(me, size):
    BuddyProfileFactory(user=me, seeking=True, offering=True)
    for number in range(size):
        BuddyProfileFactory(seeking=number % 2 == 0, offering=number % 2 == 1)
    pair = BuddyPairFactory(seeker=me)
    for number in range(size):
        post_message(actor=pair.buddy, pair=pair, body=f"message {number}")
        BuddyPairFactory(buddy=me, state=PairState.PROPOSED)
    return pair


# The frame, then: my opt-in, my live and my ended pairs, the other sides' names; for the
# suggestions my opt-in again, whether I opted in, the opt-ins, the live pairs between us,
# whether I am busy in each role and who is busy in the role I may still take, and the
# names; and the form's areas.
HOME_QUERIES = FRAME_QUERIES + 13


@pytest.mark.parametrize("size", SIZES)
def test_the_buddies_page_costs_the_same_at_any_size(login, django_assert_num_queries, size):
    me = UserFactory()
    _buddies_world(me, size)
    client = _client(login, me)
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(reverse("buddies_home"))
    assert response.content.decode().count('name="decision" value="accept"') == size


# The frame, then the pair, the names, and the thread's messages.
PAIR_QUERIES = FRAME_QUERIES + 3


@pytest.mark.parametrize("size", SIZES)
def test_a_pair_page_costs_the_same_at_any_size(login, django_assert_num_queries, size):
    me = UserFactory()
    pair = _buddies_world(me, size)
    client = _client(login, me)
    with django_assert_num_queries(PAIR_QUERIES):
        response = client.get(reverse("buddies_pair", args=[pair.pk]))
    assert response.content.decode().count("message ") >= size


# The frame, then my choice, the check-ins I received and their names, whether I am on the
# team, and for the team: whether I am (again), who is due, my open check-ins, the names, and
# once for the cards whether I am still on the team.
CHECKINS_QUERIES = FRAME_QUERIES + 9


@pytest.mark.parametrize("size", SIZES)
def test_the_check_ins_page_costs_the_same_at_any_size(login, django_assert_num_queries, size):
    me = UserFactory()
    checkins.add_to_team(actor=OrganiserFactory(), member_id=me.pk)
    for _number in range(size):
        member = UserFactory()
        checkins.opt_in(actor=member, weeks=2)
        CheckinChoice.objects.filter(user=member).update(due_since=now() - timedelta(days=1))
        taken = UserFactory()
        checkins.opt_in(actor=taken, weeks=2)
        CheckinChoice.objects.filter(user=taken).update(due_since=now())
        checkins.take(actor=me, member_id=taken.pk, body="Hola")
    client = _client(login, me)
    with django_assert_num_queries(CHECKINS_QUERIES):
        response = client.get(reverse("checkins_home"))
    assert response.content.decode().count("/support/check-ins/reach-out/") == size
