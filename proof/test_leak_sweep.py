"""The leak sweep: unique markers planted in every protected field (proof/world.py holds the table
of who may see each), then every GET page and the answer to each of its POST forms sent back
empty, every API operation (writes rolled back) and every email, as every kind of viewer,
searched for markers that viewer must not see.

Run with `-s` to see the coverage: markers x viewers x surfaces."""

import os

import pytest
from django.core import mail

from proof.sweep import Sweep, coverage_report, unfold, write_operations
from proof.world import VIEWERS, build_world

pytestmark = pytest.mark.slow


def _block_pages() -> tuple[str, ...]:
    """Where a member sees their own list of blocks (the only place the blocker sees the
    blocked person's name): the page and the API operation."""
    from django.urls import NoReverseMatch, reverse

    pages = ["/api/v1/blocks"]
    for name in ("block_list", "blocks", "my_blocks", "profile_blocks"):
        try:
            pages.append(reverse(name))
        except NoReverseMatch:
            continue
    return tuple(pages)


# Every page, form, operation and email as every viewer: minutes, not seconds, past the
# suite's five-minute limit for a hung test on a busy machine.
@pytest.mark.timeout(900)
@pytest.mark.django_db
def test_no_marker_reaches_anyone_who_must_not_see_it(django_capture_on_commit_callbacks):
    mail.outbox.clear()
    world = build_world(capture=django_capture_on_commit_callbacks, block_pages=_block_pages())
    sweep = Sweep(world)
    for viewer in VIEWERS:
        with django_capture_on_commit_callbacks(execute=True):
            sweep.sweep_pages(viewer)
            sweep.sweep_api(viewer)
            sweep.sweep_api_writes(viewer)
    sweep.sweep_feeds()
    # Then again at each later moment (the clock past "later"'s reveal time), a few pages only.
    for moment in world.moments:
        with django_capture_on_commit_callbacks(execute=True):
            sweep.sweep_moment(moment)
    sweep.sweep_mail()
    print()
    print(coverage_report(sweep))
    # PROOF_SWEEP_VISITED=member prints every address that viewer was sent to.
    for viewer in filter(None, os.environ.get("PROOF_SWEEP_VISITED", "").split(",")):
        print(f"{viewer} visited:", *sorted(sweep.visited.get(viewer, ())), sep="\n  ")
    # Errors: any 5xx, and a write that took an empty body where the API requires one.
    problems = [str(f) for f in sweep.findings] + [f"error: {e}" for e in sweep.errors]
    assert not problems, f"{len(sweep.findings)} leaks, {len(sweep.errors)} errors:\n" + (
        "\n".join(problems[:80])
    )
    # The sweep must have looked somewhere real: every viewer got pages, and every logged-in
    # viewer at least saw their own name.
    for viewer in VIEWERS:
        assert sweep.documents[(viewer, "page")] > 0, viewer
    assert any(sweep.documents[(viewer, "form")] for viewer in VIEWERS), "no form was posted"
    unwritten = write_operations(sweep.api_schema) - set(sweep.writes)
    assert sweep.writes, "no API write was made"
    assert not unwritten, f"write operations never called: {unwritten}"
    assert len(mail.outbox) > 0, "no flow sent any email"
    # The hidden place was looked for where it is shown: the confirmed member saw the revealed
    # address (on the event's page and in their feed), and so did its host.
    revealed = next(m.value for m in world.markers if m.label == "soon event's address")
    assert (revealed, "member") in sweep.sightings
    assert (revealed, "facilitator") in sweep.sightings
    # "later"'s place, not the member's before its reveal time (a finding above if it were),
    # was theirs once the clock passed it: on its page, in its calendar files and their feed,
    # and in the API.
    assert world.moments
    for label in ("later event's address", "later event's call link"):
        value = next(m.value for m in world.markers if m.label == label)
        for surface in ("page", "api", "calendar"):
            seen = (world.moments[0].name, value, "member", surface)
            assert seen in sweep.moment_sightings, (label, surface)
    assert sweep.documents[("member", "calendar")] == 1 + len(world.moments)
    # Who voted for what was looked for where the votes are counted.
    votes = [m for m in world.markers if m.kind == "vote"]
    assert len(votes) == 3
    from django.urls import reverse

    poll_page = reverse("poll_detail", args=[world.ids["poll"][0]])
    for viewer in ("member", "shared", "blocked", "organiser"):
        assert poll_page in sweep.visited[viewer], viewer


def test_calendar_lines_are_unfolded_before_they_are_scanned():
    """A marker folded across two lines (CRLF and a space, or a tab) is whole again; a line
    break that is not followed by white space, and an escaped one, stay."""
    folded = (
        "BEGIN:VEVENT\r\nLOCATION:Calle zq012addr\r\n essoonqz\\nhttps://call.exam\r\n\tple.org/"
        "\r\nEND:VEVENT\r\n"
    )
    assert unfold(folded) == (
        "BEGIN:VEVENT\r\nLOCATION:Calle zq012addressoonqz\\nhttps://call.example.org/\r\n"
        "END:VEVENT\r\n"
    )


def test_a_markers_rules_follow_the_moment_and_the_places_it_is_never_shown():
    from proof.world import Marker

    place = Marker(
        value="zq001qz",
        kind="event address",
        label="later",
        viewers=frozenset({"organiser"}),
        moments=(("after", frozenset({"member"})),),
    )
    assert place.allowed("organiser", "page", "/events/1/")
    assert not place.allowed("member", "page", "/events/1/")
    assert place.allowed("member", "calendar", "/calendar/x.ics", "after")
    assert not place.allowed("shared", "page", "/events/1/", "after")
    vote = Marker(
        value="zq002qz",
        kind="vote",
        label="who voted",
        owner="member",
        viewers=frozenset({"shared"}),
        not_on=("/films/polls/", "/api/v1/polls"),
    )
    assert vote.allowed("shared", "page", "/members/3/")
    assert not vote.allowed("shared", "page", "/films/polls/1/")
    assert not vote.allowed("shared", "api", "/api/v1/polls/1")
    assert vote.allowed("member", "page", "/films/polls/1/")
