"""Film nights on the real database: the film list, a poll from opening to the film night,
votes changeable until it closes, and one vote per member under concurrency."""

from datetime import timedelta

import pytest
import time_machine

from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.audit.models import AuditEntry
from tejido.core.clock import now
from tejido.core.errors import DomainError, InvalidInput, NotFound
from tejido.core.testing import at_once
from tejido.gatherings import film_selectors as selectors
from tejido.gatherings.factories import FilmFactory, PollFactory, PollOptionFactory
from tejido.gatherings.film_errors import (
    CannotEditFilm,
    CannotRunPoll,
    EventAlreadyMade,
    FilmAlreadyInPoll,
    NoWinner,
    PollClosed,
    PollStillOpen,
)
from tejido.gatherings.film_services import (
    add_option,
    close_poll,
    create_poll,
    make_event_from_winner,
    propose_film,
    remove_film,
    update_film,
    vote,
)
from tejido.gatherings.models import Event, Film, Occurrence, Vote
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.notifications.models import Notice


def _actions(actor) -> list[str]:
    return list(
        AuditEntry.objects.filter(actor=actor).order_by("pk").values_list("action", flat=True)
    )


@pytest.mark.django_db
def test_a_member_proposes_a_film_and_organisers_correct_and_remove_it():
    member, organiser = UserFactory(), OrganiserFactory()
    film = propose_film(
        actor=member,
        title="  Carol ",
        year=2015,
        original_language="en",
        subtitle_languages=["es", "es", "ca"],
        runtime_minutes=118,
        content_notes="Homofobia de época.",
        representation=["lesbian", "happy_ending"],
    )
    assert (film.title, film.subtitle_languages, film.proposed_by) == (
        "Carol",
        ["ca", "es"],
        member,
    )
    with pytest.raises(CannotEditFilm):
        update_film(actor=member, film=film, year=2016)
    update_film(actor=organiser, film=film, year=2016, original_language="")
    film.refresh_from_db()
    assert (film.year, film.original_language) == (2016, "")
    remove_film(actor=organiser, film=film)
    assert not Film.objects.exists()
    assert _actions(organiser) == ["film.update", "film.remove"]


@pytest.mark.django_db
def test_bad_film_input_is_refused_with_every_problem_at_once():
    with pytest.raises(InvalidInput) as error:
        propose_film(
            actor=UserFactory(),
            year=1700,
            runtime_minutes=True,
            original_language="xx",
            subtitle_languages="es",
            representation=["nope"],
        )
    assert set(error.value.detail) == {
        "title",
        "year",
        "runtime_minutes",
        "original_language",
        "subtitle_languages",
        "representation",
    }
    with pytest.raises(InvalidInput) as error:
        propose_film(actor=UserFactory(), title="Carol\u200b")
    assert set(error.value.detail) == {"title"}
    with pytest.raises(TypeError):
        propose_film(actor=UserFactory(), title="X", director="Y")
    assert not Film.objects.exists()


@pytest.mark.django_db
def test_only_members_propose_and_unseen_films_are_not_found():
    with pytest.raises(NotFound):
        propose_film(actor=ApplicantFactory(), title="X")
    film = FilmFactory()
    for change in (update_film, remove_film):
        with pytest.raises(NotFound):
            change(actor=ApplicantFactory(), film=film)
    with pytest.raises(CannotEditFilm):
        remove_film(actor=UserFactory(), film=film)


@pytest.mark.django_db
def test_the_whole_poll_from_opening_to_the_film_night():
    host = OrganiserFactory()
    first, second = FilmFactory(title="Pariah"), FilmFactory(title="Tangerine")
    poll = create_poll(
        actor=host,
        title_es="¿Qué vemos en marzo?",
        title_en="",
        closes_at=now() + timedelta(days=3),
        films=[first, second.pk, first],
    )
    one, two = poll.options.order_by("pk")
    ana, bea, cai = UserFactory.create_batch(3)
    vote(actor=ana, poll=poll, option=one)
    vote(actor=bea, poll=poll, option=one)
    vote(actor=cai, poll=poll, option=two)
    # Ana changes her mind; her vote moves, it is not doubled.
    vote(actor=ana, poll=poll, option=two)
    assert Vote.objects.filter(poll=poll).count() == 3
    third = add_option(actor=cai, poll=poll, film=FilmFactory(title="Moonlight"))
    assert third.proposed_by == cai
    with pytest.raises(FilmAlreadyInPoll):
        add_option(actor=ana, poll=poll, film=first)
    starts = now() + timedelta(days=10)
    with pytest.raises(PollStillOpen):
        make_event_from_winner(actor=host, poll=poll, starts_at=starts, ends_at=starts)
    close_poll(actor=host, poll=poll)
    with pytest.raises(PollClosed):
        vote(actor=bea, poll=poll, option=two)
    with pytest.raises(PollClosed):
        close_poll(actor=host, poll=poll)
    card = selectors.get_poll_card(viewer=bea, poll_id=poll.pk)
    assert card.winner is not None
    assert card.winner.film.title == "Tangerine"
    for voter in (ana, bea, cai):
        notice = Notice.objects.get(user=voter)
        assert notice.kind == "film_poll_closed"
        assert notice.params["film"] == "Tangerine"
    assert not Notice.objects.filter(user=host).exists()
    event = make_event_from_winner(
        actor=host, poll=poll, starts_at=starts, ends_at=starts + timedelta(hours=3)
    )
    assert (event.kind, event.film, event.title_es) == (Event.Kind.FILM_NIGHT, second, "Tangerine")
    assert event.visibility == Event.Visibility.NETWORK
    assert Occurrence.objects.filter(event=event).count() == 1
    poll.refresh_from_db()
    assert poll.event == event
    with pytest.raises(EventAlreadyMade):
        make_event_from_winner(actor=host, poll=poll, starts_at=starts, ends_at=starts)
    assert _actions(host) == ["poll.create", "poll.close", "event.create", "poll.event_made"]


@pytest.mark.django_db
def test_a_groups_poll_is_run_by_its_organisers_for_its_members():
    group = GroupFactory()
    runs, inside, outside = UserFactory(), UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=runs, role="organiser")
    GroupMembershipFactory(group=group, user=inside)
    with pytest.raises(CannotRunPoll):
        create_poll(actor=inside, title_en="Next?", group=group, closes_at=now() + timedelta(1))
    with pytest.raises(CannotRunPoll):
        create_poll(actor=runs, title_en="Next?", closes_at=now() + timedelta(1))
    poll = create_poll(
        actor=runs,
        title_en="Next?",
        group=group,
        closes_at=now() + timedelta(1),
        films=[FilmFactory()],
    )
    option = poll.options.get()
    with pytest.raises(NotFound):
        vote(actor=outside, poll=poll, option=option)
    with pytest.raises(NotFound):
        close_poll(actor=outside, poll=poll)
    with pytest.raises(CannotRunPoll):
        close_poll(actor=inside, poll=poll)
    vote(actor=inside, poll=poll, option=option)
    close_poll(actor=runs, poll=poll)
    starts = now() + timedelta(days=2)
    with pytest.raises(CannotRunPoll):
        make_event_from_winner(actor=inside, poll=poll, starts_at=starts, ends_at=starts)
    event = make_event_from_winner(
        actor=runs, poll=poll, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    assert (event.group, event.visibility) == (group, Event.Visibility.GROUP)


@pytest.mark.django_db
def test_no_votes_no_winner_and_an_option_of_another_poll_is_not_found():
    host = OrganiserFactory()
    poll = PollFactory(created_by=host)
    PollOptionFactory(poll=poll)
    other = PollOptionFactory()
    with pytest.raises(NotFound):
        vote(actor=UserFactory(), poll=poll, option=other)
    close_poll(actor=host, poll=poll)
    assert not Notice.objects.exists()
    starts = now() + timedelta(days=2)
    with pytest.raises(NoWinner):
        make_event_from_winner(actor=host, poll=poll, starts_at=starts, ends_at=starts)


@pytest.mark.django_db
def test_a_poll_closes_by_itself_at_its_time():
    poll = PollFactory()
    option = PollOptionFactory(poll=poll)
    member = UserFactory()
    with time_machine.travel(poll.closes_at + timedelta(seconds=1)):
        with pytest.raises(PollClosed):
            vote(actor=member, poll=poll, option=option)
        with pytest.raises(PollClosed):
            add_option(actor=member, poll=poll, film=FilmFactory())


@pytest.mark.django_db
def test_bad_poll_input_is_refused():
    organiser = OrganiserFactory()
    cases = [
        ({"title_es": "", "title_en": "", "closes_at": now() + timedelta(1)}, {"title_es"}),
        ({"title_es": "x" * 141, "closes_at": now() - timedelta(1)}, {"title_es", "closes_at"}),
        ({"title_es": "Sí", "closes_at": "mañana"}, {"closes_at"}),
        ({"title_es": "Sí\u200b", "closes_at": now() + timedelta(1)}, {"title_es"}),
        ({"title_es": "Sí", "closes_at": now() + timedelta(days=91)}, {"closes_at"}),
        ({"title_es": "Sí", "closes_at": now() + timedelta(1), "films": ["a"]}, {"films"}),
        ({"title_es": "Sí", "closes_at": now() + timedelta(1), "films": [999999]}, {"films"}),
        ({"title_es": "Sí", "closes_at": now() + timedelta(1), "films": range(1, 40)}, {"films"}),
    ]
    for fields, wrong in cases:
        with pytest.raises(InvalidInput) as error:
            create_poll(actor=organiser, **fields)
        assert set(error.value.detail) == wrong


@pytest.mark.django_db
def test_a_poll_holds_at_most_thirty_films():
    poll = PollFactory()
    PollOptionFactory.create_batch(30, poll=poll)
    with pytest.raises(InvalidInput):
        add_option(actor=UserFactory(), poll=poll, film=FilmFactory())
    with pytest.raises(NotFound):
        add_option(actor=ApplicantFactory(), poll=poll, film=FilmFactory())


@pytest.mark.django_db
def test_the_film_list_filters_by_tag_and_language():
    member = UserFactory()
    FilmFactory(title="A", original_language="es", representation=["trans_lead"])
    FilmFactory(
        title="B", original_language="fr", subtitle_languages=["es"], representation=["gay"]
    )
    FilmFactory(title="C", original_language="en", representation=["trans_lead", "gay"])

    def titles(**filters):
        filters = selectors.FilmFilters(**filters)
        return [c.title for c in selectors.list_films(viewer=member, filters=filters)]

    assert titles() == ["A", "B", "C"]
    assert titles(representation="trans_lead") == ["A", "C"]
    assert titles(language="es") == ["A", "B"]
    assert titles(representation="gay", language="es") == ["B"]
    assert titles(representation="bogus", language="zz") == ["A", "B", "C"]
    assert selectors.count_films(viewer=member, filters=selectors.FilmFilters(language="en")) == 1
    assert selectors.list_films(viewer=ApplicantFactory()) == []


@pytest.mark.django_db
def test_the_poll_list_puts_open_polls_first():
    member = UserFactory()
    soon = PollFactory(closes_at=now() + timedelta(days=1))
    later = PollFactory(closes_at=now() + timedelta(days=5))
    closed = PollFactory(closes_at=now() - timedelta(days=1))
    older = PollFactory(closes_at=now() - timedelta(days=9))
    ids = [c.id for c in selectors.list_polls(viewer=member)]
    assert ids == [soon.pk, later.pk, closed.pk, older.pk]
    assert [c.id for c in selectors.list_polls(viewer=member, offset=1, limit=2)] == [
        later.pk,
        closed.pk,
    ]
    assert [c.id for c in selectors.list_polls(viewer=member, offset=3, limit=2)] == [older.pk]
    assert selectors.count_polls(viewer=member) == 4
    with pytest.raises(NotFound):
        selectors.get_poll(viewer=ApplicantFactory(), poll_id=soon.pk)
    with pytest.raises(NotFound):
        selectors.get_option(poll=soon, option_id=PollOptionFactory(poll=later).pk)
    with pytest.raises(NotFound):
        selectors.get_film(viewer=member, film_id=999999)


@pytest.mark.django_db
def test_films_to_add_leaves_out_those_in_the_poll():
    option = PollOptionFactory()
    free = FilmFactory()
    assert [c.id for c in selectors.films_to_add(viewer=UserFactory(), poll=option.poll)] == [
        free.pk
    ]


@pytest.mark.django_db(transaction=True)
def test_the_same_member_voting_twice_at_once_leaves_one_vote():
    poll = PollFactory()
    one, two = PollOptionFactory(poll=poll), PollOptionFactory(poll=poll)
    member = UserFactory()
    outcomes = at_once(
        lambda: vote(actor=member, poll=poll, option=one),
        lambda: vote(actor=member, poll=poll, option=two),
        lambda: vote(actor=member, poll=poll, option=one),
        refused=DomainError,
    )
    assert outcomes == ["done"] * 3
    assert Vote.objects.filter(poll=poll, user=member).count() == 1


@pytest.mark.django_db(transaction=True)
def test_votes_and_closing_at_once_never_count_a_vote_after_closing():
    host = OrganiserFactory()
    poll = PollFactory(created_by=host)
    option = PollOptionFactory(poll=poll)
    voters = UserFactory.create_batch(4)
    outcomes = at_once(
        lambda: close_poll(actor=host, poll=poll),
        *[lambda v=v: vote(actor=v, poll=poll, option=option) for v in voters],
        refused=DomainError,
    )
    poll.refresh_from_db()
    counted = Vote.objects.filter(poll=poll)
    assert all(v.created_at <= poll.closes_at for v in counted)
    assert outcomes.count("done") == 1 + counted.count()
    assert Notice.objects.count() == counted.count()


@pytest.mark.django_db
def test_voters_hear_the_winner_when_the_poll_closes_at_its_time(
    django_capture_on_commit_callbacks,
):
    from tejido.gatherings.film_services import announce_winner

    host = OrganiserFactory()
    closes_at = now() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        poll = create_poll(
            actor=host,
            title_es="¿Qué vemos?",
            title_en="Next",
            closes_at=closes_at,
            films=[FilmFactory()],
        )
    voter, english = UserFactory(), UserFactory(language="en")
    vote(actor=voter, poll=poll, option=poll.options.get())
    vote(actor=english, poll=poll, option=poll.options.get())
    moment = closes_at.isoformat()
    # Too early, or for a poll that is gone: nothing.
    assert announce_winner(poll_id=poll.pk, closes_at=moment) == 0
    assert announce_winner(poll_id=999999, closes_at=moment) == 0
    with time_machine.travel(closes_at + timedelta(seconds=1)):
        assert announce_winner(poll_id=poll.pk, closes_at=moment) == 2
    assert Notice.objects.get(user=voter).kind == "film_poll_closed"
    assert Notice.objects.get(user=voter).params["poll"] == "¿Qué vemos?"
    assert Notice.objects.get(user=english).params["poll"] == "Next"


@pytest.mark.django_db
def test_a_poll_closed_by_hand_is_not_announced_again_at_its_time():
    from tejido.gatherings.film_services import announce_winner
    from tejido.gatherings.film_tasks import announce_poll_winner

    host = OrganiserFactory()
    poll = PollFactory(created_by=host)
    planned = poll.closes_at.isoformat()
    vote(actor=UserFactory(), poll=poll, option=PollOptionFactory(poll=poll))
    close_poll(actor=host, poll=poll)
    assert Notice.objects.count() == 1
    with time_machine.travel(poll.closes_at + timedelta(days=8)):
        assert announce_winner(poll_id=poll.pk, closes_at=planned) == 0
        assert announce_poll_winner.call(poll.pk, planned) == 0
    assert Notice.objects.count() == 1
