"""Peer buddies proved on the real database: opting in, suggestions, proposing, accepting,
the private thread, ending; blocks hold, organisers see nothing, notices say nothing, and the
one-active-pair limit holds under concurrency."""

from typing import Any

import pytest

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.buddies import services
from tejido.buddies.errors import (
    AlreadyPaired,
    AlreadyProposed,
    NotOptedIn,
    PairFull,
    PairOver,
    TooManyProposals,
)
from tejido.buddies.factories import BuddyPairFactory, BuddyProfileFactory
from tejido.buddies.models import BuddyPair, BuddyProfile, PairState, ThreadMessage
from tejido.buddies.selectors import get_buddy_home, get_pair_page, list_suggestions
from tejido.core.errors import DomainError, InvalidInput, NotFound
from tejido.core.testing import at_once
from tejido.network.factories import AreaFactory
from tejido.notifications.kinds import kind_for
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


def seeker(**extra):
    return BuddyProfileFactory(seeking=True, offering=False, **extra).user


def buddy(**extra):
    return BuddyProfileFactory(seeking=False, offering=True, **extra).user


def test_opting_in_checks_its_lists():
    member = UserFactory()
    area = AreaFactory()
    profile = services.opt_in(
        actor=member,
        seeking=True,
        offering=False,
        languages=["es", "en", "es"],
        area_id=area.pk,
        topics=["family"],
        availability=["weekends"],
    )
    assert profile.languages == ["en", "es"]
    assert profile.area == area
    refused: list[dict[str, Any]] = [
        {"languages": []},
        {"languages": ["klingon"]},
        {"languages": "es"},
        {"languages": ["es"], "topics": ["gossip"]},
        {"languages": ["es"], "area_id": 999999},
    ]
    for bad in refused:
        with pytest.raises(InvalidInput):
            services.opt_in(actor=member, seeking=True, offering=False, **bad)
    services.opt_in(actor=member, seeking=False, offering=False, languages=[])
    services.opt_out(actor=member)
    assert not BuddyProfile.objects.filter(user=member).exists()


def test_an_applicant_cannot_opt_in():
    from tejido.accounts.factories import ApplicantFactory

    with pytest.raises(NotFound):
        services.opt_in(actor=ApplicantFactory(), seeking=True, offering=False, languages=["es"])


def test_suggestions_show_a_chosen_name_and_shared_reasons_only():
    area = AreaFactory()
    me = seeker(area=area, topics=["family", "work"])
    helper = buddy(area=area, topics=["family", "faith"], languages=["es", "ar"])
    buddy(languages=["en"])  # no shared language
    seeker()  # looking too: not a buddy for me
    found = list_suggestions(viewer=me)
    assert [s.id for s in found] == [helper.pk]
    card = found[0]
    assert card.chosen_name == helper.profile.chosen_name
    assert card.their_role == "buddy"
    assert set(vars(card)) == {"id", "chosen_name", "their_role", "reasons"}
    words = card.explained
    assert "faith" not in words
    assert "fe" not in words.split()
    assert len(card.reasons) == 4  # language, area, topic, time


def test_no_suggestions_without_opting_in_nor_across_a_block():
    me, helper = seeker(), buddy()
    assert list_suggestions(viewer=UserFactory()) == []
    assert [s.id for s in list_suggestions(viewer=me)] == [helper.pk]
    BlockFactory(blocker=helper, blocked=me)
    assert list_suggestions(viewer=me) == []
    assert list_suggestions(viewer=helper) == []
    with pytest.raises(NotFound):
        services.propose(actor=me, other_id=helper.pk, role="seeker")


def test_a_pair_is_proposed_accepted_and_gets_a_private_thread():
    me, helper = seeker(), buddy()
    pair = services.propose(actor=me, other_id=helper.pk, role="seeker")
    assert pair.state == PairState.PROPOSED
    assert pair.seeker == me
    assert pair.buddy == helper
    with pytest.raises(PairOver):
        services.answer(actor=me, pair=pair, accept=True)  # not the proposer's to answer
    with pytest.raises(PairOver):
        services.post_message(actor=me, pair=pair, body="hola")
    assert get_pair_page(viewer=me, pair_id=pair.pk).messages is None
    services.answer(actor=helper, pair=pair, accept=True)
    services.post_message(actor=me, pair=pair, body="¡Hola! ¿Cómo estás?")
    services.post_message(actor=helper, pair=pair, body="Bien, ¿y tú?")
    page = get_pair_page(viewer=helper, pair_id=pair.pk)
    assert [m.body for m in page.messages] == ["¡Hola! ¿Cómo estás?", "Bien, ¿y tú?"]
    assert page.messages[1].is_mine
    assert page.messages[0].author_name == me.profile.chosen_name
    home = get_buddy_home(viewer=me)
    assert [c.id for c in home.active] == [pair.pk]
    assert list_suggestions(viewer=me) == []  # already paired in that role


def test_a_message_is_sealed_at_rest_and_checked():
    pair = BuddyPairFactory()
    services.post_message(actor=pair.seeker, pair=pair, body="mksecretwordsend")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM buddies_threadmessage")
        (stored,) = cursor.fetchone()
    assert "mksecretwordsend" not in stored
    with pytest.raises(InvalidInput):
        services.post_message(actor=pair.seeker, pair=pair, body="   ")


def test_every_notice_says_nothing_whatever_the_discreet_setting():
    me, helper = seeker(), buddy()
    helper.discreet_mode = False
    helper.save()
    pair = services.propose(actor=me, other_id=helper.pk, role="seeker")
    services.answer(actor=helper, pair=pair, accept=True)
    services.post_message(actor=helper, pair=pair, body="mkbuddymessageend")
    services.end_pair(actor=me, pair=pair)
    notices = list(Notice.objects.filter(user__in=[me, helper]))
    assert {n.kind for n in notices} == {"buddies_news"}
    assert len(notices) == 4
    for notice in notices:
        kind = kind_for(notice.kind)
        said = kind.render_subject(notice.params) + kind.render_text(notice.params)
        assert notice.params == {}
        # It links nowhere: an address under /support/ would say what it is about.
        assert notice.url == ""
        assert "mkbuddymessageend" not in said
        assert "buddy" not in said.lower()


def test_the_emails_say_nothing_and_link_to_the_notifications_page(
    django_capture_on_commit_callbacks, mailoutbox
):
    me = seeker(user__discreet_mode=False, user__language="en")
    helper = buddy(user__discreet_mode=False, user__language="es")
    with django_capture_on_commit_callbacks(execute=True):
        pair = services.propose(actor=me, other_id=helper.pk, role="seeker")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(actor=helper, pair=pair, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(actor=helper, pair=pair, body="mkbuddymailend")
    assert {tuple(m.to) for m in mailoutbox} == {(me.email,), (helper.email,)}
    for sent in mailoutbox:
        said = f"{sent.subject}\n{sent.body}".lower()
        assert "/notifications/" in sent.body
        for telling in ("support", "buddies", "buddy", "compañer", "mkbuddymailend"):
            assert telling not in said
        for name in (me.profile.chosen_name, helper.profile.chosen_name):
            assert name.lower() not in said


def test_ending_leaves_only_that_it_ended():
    pair = BuddyPairFactory()
    services.post_message(actor=pair.buddy, pair=pair, body="hola")
    services.end_pair(actor=pair.buddy, pair=pair)
    page = get_pair_page(viewer=pair.seeker, pair_id=pair.pk)
    assert page.card.state == PairState.ENDED
    assert page.messages is None
    assert not page.card.can_end
    with pytest.raises(PairOver):
        services.end_pair(actor=pair.seeker, pair=pair)


def test_withdrawing_and_declining_a_proposal():
    me, helper = seeker(), buddy()
    pair = services.propose(actor=me, other_id=helper.pk, role="seeker")
    assert services.end_pair(actor=me, pair=pair).state == PairState.WITHDRAWN
    pair = services.propose(actor=me, other_id=helper.pk, role="seeker")
    assert services.end_pair(actor=helper, pair=pair).state == PairState.DECLINED
    pair = services.propose(actor=helper, other_id=me.pk, role="buddy")
    assert pair.seeker == me
    assert pair.proposed_by == helper
    assert services.answer(actor=me, pair=pair, accept=False).state == PairState.DECLINED


def test_proposals_are_refused_when_they_cannot_be():
    me, helper = seeker(), buddy()
    with pytest.raises(NotOptedIn):
        services.propose(actor=me, other_id=helper.pk, role="buddy")
    with pytest.raises(NotFound):
        services.propose(actor=me, other_id=seeker().pk, role="seeker")  # not a buddy
    with pytest.raises(InvalidInput):
        services.propose(actor=me, other_id=helper.pk, role="king")
    services.propose(actor=me, other_id=helper.pk, role="seeker")
    with pytest.raises(AlreadyProposed):
        services.propose(actor=me, other_id=helper.pk, role="seeker")
    for _ in range(2):
        services.propose(actor=me, other_id=buddy().pk, role="seeker")
    with pytest.raises(TooManyProposals):
        services.propose(actor=me, other_id=buddy().pk, role="seeker")


def test_one_active_pair_per_role():
    me, first, second = seeker(), buddy(), buddy()
    one = services.propose(actor=me, other_id=first.pk, role="seeker")
    two = services.propose(actor=me, other_id=second.pk, role="seeker")
    services.answer(actor=first, pair=one, accept=True)
    with pytest.raises(PairFull):
        services.answer(actor=second, pair=two, accept=True)
    with pytest.raises(AlreadyPaired):
        services.propose(actor=me, other_id=buddy().pk, role="seeker")
    other_seeker = seeker()
    pair = services.propose(actor=other_seeker, other_id=first.pk, role="seeker")
    with pytest.raises(AlreadyPaired):
        services.answer(actor=first, pair=pair, accept=True)


def test_organisers_and_others_see_no_pair():
    pair = BuddyPairFactory()
    for outsider in (OrganiserFactory(), UserFactory(), None):
        with pytest.raises(NotFound):
            get_pair_page(viewer=outsider, pair_id=pair.pk)
    with pytest.raises(NotFound):
        services.post_message(actor=OrganiserFactory(), pair=pair, body="hola")


def test_a_block_makes_the_pair_disappear_for_both():
    pair = BuddyPairFactory()
    BlockFactory(blocker=pair.seeker, blocked=pair.buddy)
    for side in (pair.seeker, pair.buddy):
        with pytest.raises(NotFound):
            get_pair_page(viewer=side, pair_id=pair.pk)
        with pytest.raises(NotFound):
            services.end_pair(actor=side, pair=pair)


@pytest.mark.django_db(transaction=True)
def test_one_buddy_accepting_many_at_once_takes_one():
    helper = buddy()
    pairs = [services.propose(actor=seeker(), other_id=helper.pk, role="seeker") for _ in range(6)]
    outcomes = at_once(
        *[lambda p=p: services.answer(actor=helper, pair=p, accept=True) for p in pairs],
        refused=DomainError,
    )
    assert outcomes.count("done") == 1
    assert outcomes.count("refused") == 5
    assert BuddyPair.objects.filter(buddy=helper, state=PairState.ACTIVE).count() == 1
    assert ThreadMessage.objects.count() == 0
