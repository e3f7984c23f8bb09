"""The matching of requests with offers (tejido.aid.matching): each scoring rule with its
points and reasons, the pairs that never match, the order of ties (score highest first, then
the other side's id lowest first), and a property test against a brute-force scorer written
here in plain Python loops from the same rules."""

import ast
import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tejido.aid import matching
from tejido.aid.matching import (
    URGENCIES,
    Geography,
    Help,
    Match,
    Need,
    score,
    top_helps,
    top_needs,
)

NOW = 1_800_000_000
HOUR = 3600
DAY = 86_400
# Madrid's Puerta del Sol, a spot about 5 km north of it, and Barcelona (about 505 km away).
SOL, NORTH, BARCELONA = (40.4169, -3.7035), (40.4619, -3.7035), (41.3874, 2.1686)
GEOGRAPHY = Geography(
    places={1: SOL, 2: NORTH, 3: BARCELONA, 4: SOL},
    neighbours={1: frozenset({5}), 5: frozenset({1})},  # area 5 has no coordinates
)


def need(**changes: object) -> Need:
    base = Need(
        id=1,
        person=10,
        category="food",
        area=1,
        languages=frozenset({"es"}),
        windows=(),
        urgency="whenever",
        opened=NOW,
    )
    return replace(base, **changes)


def offer(**changes: object) -> Help:
    base = Help(id=1, person=20, category="food", area=1, languages=frozenset({"es"}), windows=())
    return replace(base, **changes)


def pair(the_need: Need, the_offer: Help, geography: Geography = GEOGRAPHY) -> Match | None:
    return score(the_need, the_offer, geography=geography, now=NOW)


def points(the_need: Need, the_offer: Help) -> float:
    found = pair(the_need, the_offer)
    assert found is not None
    return found.score


def reasons(the_need: Need, the_offer: Help) -> tuple[str, ...]:
    found = pair(the_need, the_offer)
    assert found is not None
    return found.reasons


def test_the_matching_imports_only_the_standard_library_and_numpy():
    tree = ast.parse(Path(matching.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    outside = {name for name in imported if name.split(".")[0] not in sys.stdlib_module_names}
    assert outside == {"numpy", "numpy.typing"}


# Pairs that never match.


def test_different_categories_never_match():
    assert pair(need(category="food"), offer(category="housing")) is None
    found = top_helps(
        [need(category="food")],
        [offer(category="housing")],
        geography=GEOGRAPHY,
        blocked=frozenset(),
        now=NOW,
    )
    assert found == {1: []}


def test_a_person_never_matches_their_own_offer():
    assert pair(need(person=7), offer(person=7)) is None
    found = top_needs(
        [need(person=7)], [offer(person=7)], geography=GEOGRAPHY, blocked=frozenset(), now=NOW
    )
    assert found == {1: []}


@pytest.mark.parametrize("blocked", [{(10, 20), (20, 10)}, {(10, 20)}, {(20, 10)}])
def test_people_who_blocked_each_other_never_match_either_way(blocked):
    needs = [need(id=1, person=10), need(id=2, person=11)]
    offers = [offer(id=1, person=20), offer(id=2, person=21)]
    arguments = {"geography": GEOGRAPHY, "blocked": frozenset(blocked), "now": NOW}
    helps = top_helps(needs, offers, **arguments)
    assert [m.other for m in helps[1]] == [2]
    assert [m.other for m in helps[2]] == [1, 2]
    wanted = top_needs(needs, offers, **arguments)
    assert [m.other for m in wanted[1]] == [2]
    assert [m.other for m in wanted[2]] == [1, 2]


# Place.


def test_the_same_area_scores_best_then_neighbours_then_distance():
    same = points(need(), offer(area=1))
    neighbours = points(need(), offer(area=5))
    same_spot = points(need(), offer(area=4))
    five_km = points(need(), offer(area=2))
    far = points(need(), offer(area=3))
    assert same > neighbours > same_spot > five_km > far > 0
    assert same - far == matching.SAME_AREA - matching.FAR_MIN == 39
    assert neighbours - far == 27
    assert same_spot - far == 23  # a different area at the same coordinates: 24 points
    # 240 / (10 + 5.0 km), rounded: 16 points, "near" up to 15 km.
    assert five_km - far == 15
    assert reasons(need(), offer(area=1))[0] == "same_area"
    assert reasons(need(), offer(area=5))[0] == "language:es"
    assert "neighbouring_area" in reasons(need(), offer(area=5))
    assert "near" in reasons(need(), offer(area=2))
    assert not {"same_area", "neighbouring_area", "near"} & set(reasons(need(), offer(area=3)))


def test_a_neighbour_listed_on_one_side_only_still_counts():
    one_way = Geography(places={}, neighbours={1: frozenset({2})})
    found = pair(need(area=2), offer(area=1), one_way)
    assert found is not None
    assert "neighbouring_area" in found.reasons


def test_an_unknown_area_scores_low_but_not_zero():
    far = points(need(), offer(area=3))
    for unknown in (offer(area=None), offer(area=99), offer(area=6)):  # none, unlisted, no spot
        found = pair(need(), unknown)
        assert found is not None
        assert found.score - far == matching.UNKNOWN_AREA - matching.FAR_MIN == 3
        assert not {"same_area", "neighbouring_area", "near"} & set(found.reasons)
    # Two requests and offers without an area are not "the same area".
    assert "same_area" not in reasons(need(area=None), offer(area=None))
    assert points(need(area=None, languages=frozenset()), offer(area=None, windows=((0, 1),))) == 4


# Language.


def test_a_shared_language_adds_points_once_and_names_each_language():
    none_shared = points(need(languages=frozenset({"es"})), offer(languages=frozenset({"en"})))
    one = points(need(languages=frozenset({"es", "ar"})), offer(languages=frozenset({"ar"})))
    two = points(need(languages=frozenset({"es", "en"})), offer(languages=frozenset({"en", "es"})))
    assert one - none_shared == two - none_shared == 30
    both = reasons(
        need(languages=frozenset({"es", "en"})), offer(languages=frozenset({"en", "es"}))
    )
    assert both[1:3] == ("language:en", "language:es")
    assert not any(
        code.startswith("language:")
        for code in reasons(need(languages=frozenset()), offer(languages=frozenset({"es"})))
    )


@pytest.mark.parametrize("spoken", [3, 9, 17, 33, 70])
def test_languages_are_compared_however_many_there_are(spoken):
    codes = [f"x{n:02d}" for n in range(spoken)]
    needs = [need(id=1, languages=frozenset(codes[:-1])), need(id=2, languages=frozenset(codes))]
    offers = [offer(languages=frozenset({codes[-1]}))]
    found = top_helps(needs, offers, geography=GEOGRAPHY, blocked=frozenset(), now=NOW)
    assert found[2][0].score - found[1][0].score == 30
    assert f"language:{codes[-1]}" in found[2][0].reasons
    assert not any(code.startswith("language:") for code in found[1][0].reasons)


# Time windows.


def window(start_hours: float, end_hours: float) -> tuple[int, int]:
    return (NOW + int(start_hours * HOUR), NOW + int(end_hours * HOUR))


@pytest.mark.parametrize(
    ("need_windows", "offer_windows", "free_together"),
    [
        ((), (), True),
        ((), (window(5, 6),), True),  # no windows: free at any time
        ((window(1, 3),), (window(2, 4),), True),
        ((window(1, 2), window(8, 9)), (window(3, 4), window(8.5, 12)), True),
        ((window(1, 2),), (window(3, 4),), False),
        ((window(1, 2),), (window(2, 3),), False),  # [start, end): touching is not overlapping
        ((window(-3, -1),), (window(-2, -1),), False),  # both were free, in the past
        ((window(-3, 1),), (window(-2, 2),), True),  # free together from now on
        ((window(-3, -1),), (), False),  # windows all past: not free at any time
        ((window(2, 1),), (), False),  # an empty window
    ],
)
def test_time_windows_overlap_from_now_on(need_windows, offer_windows, free_together):
    found = pair(need(windows=need_windows), offer(windows=offer_windows))
    assert found is not None
    assert ("time_overlap" in found.reasons) is free_together
    apart = pair(need(windows=(window(1, 2),)), offer(windows=(window(3, 4),)))
    assert apart is not None
    assert found.score - apart.score == (20 if free_together else 0)


def test_many_windows_on_both_sides():
    need_windows = tuple(window(10 * n, 10 * n + 1) for n in range(8))
    found = pair(need(windows=need_windows), offer(windows=(window(70.5, 72), window(500, 501))))
    assert found is not None
    assert "time_overlap" in found.reasons
    found = pair(need(windows=need_windows), offer(windows=(window(76, 77),)))
    assert found is not None
    assert "time_overlap" not in found.reasons


# Urgency and waiting.


def test_urgency_today_beats_this_week_beats_whenever():
    scores = {urgency: points(need(urgency=urgency), offer()) for urgency in URGENCIES}
    assert scores["today"] - scores["whenever"] == 15
    assert scores["week"] - scores["whenever"] == 8
    assert "urgent_today" in reasons(need(urgency="today"), offer())
    assert "urgent_week" in reasons(need(urgency="week"), offer())
    assert not {"urgent_today", "urgent_week"} & set(reasons(need(), offer()))


def test_a_request_gains_a_point_a_day_it_waits_up_to_two_weeks():
    def waited(days: float) -> float:
        return points(need(opened=NOW - int(days * DAY)), offer()) - points(need(), offer())

    assert [waited(d) for d in (0.5, 1, 2.9, 3, 14, 40)] == [0, 1, 2, 3, 14, 14]
    assert points(need(opened=NOW + DAY), offer()) == points(need(), offer())  # clock skew
    assert "waiting_long" not in reasons(need(opened=NOW - 2 * DAY), offer())
    assert "waiting_long" in reasons(need(opened=NOW - 3 * DAY), offer())


def test_a_helper_sees_the_urgent_and_the_long_waiting_first():
    needs = [
        need(id=1, person=1),
        need(id=2, person=2, urgency="week"),
        need(id=3, person=3, urgency="today"),
        need(id=4, person=4, opened=NOW - 10 * DAY),
    ]
    found = top_needs(needs, [offer()], geography=GEOGRAPHY, blocked=frozenset(), now=NOW)
    assert [m.other for m in found[1]] == [3, 4, 2, 1]


# Reasons, ranking, ties.


def test_reasons_come_best_first_by_the_points_they_add():
    found = pair(
        need(urgency="week", opened=NOW - 10 * DAY, area=5, languages=frozenset({"es"})),
        offer(area=1, languages=frozenset({"es"})),
    )
    assert found is not None
    # language 30, neighbouring area 28, time 20, waiting 10 days, this week 8
    assert found.reasons == (
        "language:es",
        "neighbouring_area",
        "time_overlap",
        "waiting_long",
        "urgent_week",
    )
    assert found.score == 30 + 28 + 20 + 10 + 8


def test_equal_scores_come_in_id_order_and_only_k_of_them():
    offers = [offer(id=i, person=100 + i) for i in (9, 3, 7, 1, 5, 8)]
    found = top_helps([need()], offers, geography=GEOGRAPHY, blocked=frozenset(), now=NOW, k=4)
    assert [m.other for m in found[1]] == [1, 3, 5, 7]
    assert len({m.score for m in found[1]}) == 1


def test_every_id_is_a_key_even_without_a_match():
    needs = [need(id=1, category="food"), need(id=2, category="legal")]
    offers = [offer(id=5, category="food"), offer(id=6, category="tech")]
    arguments = {"geography": GEOGRAPHY, "blocked": frozenset(), "now": NOW}
    assert {key: len(v) for key, v in top_helps(needs, offers, **arguments).items()} == {1: 1, 2: 0}
    assert {key: len(v) for key, v in top_needs(needs, offers, **arguments).items()} == {5: 1, 6: 0}
    assert top_helps([], offers, **arguments) == {}
    assert top_needs(needs, [], **arguments) == {}


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="urgency"):
        pair(need(urgency="soon"), offer())
    with pytest.raises(ValueError, match="k must"):
        top_helps([need()], [offer()], geography=GEOGRAPHY, blocked=frozenset(), now=NOW, k=0)


# The same answers as a brute-force scorer: plain loops over every pair, the same rules.


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (map(math.radians, a)), (map(math.radians, b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * matching.EARTH_RADIUS_KM * math.asin(math.sqrt(min(h, 1.0)))


def _place(one: int | None, other: int | None, geography: Geography) -> tuple[int, str | None]:
    if one is not None and one == other:
        return matching.SAME_AREA, "same_area"
    if one is not None and other is not None:
        if other in geography.neighbours.get(one, ()) or one in geography.neighbours.get(other, ()):
            return matching.NEIGHBOURING_AREA, "neighbouring_area"
        if one in geography.places and other in geography.places:
            km = _km(geography.places[one], geography.places[other])
            near = round(matching.NEAR_MAX * matching.NEAR_HALF_KM / (matching.NEAR_HALF_KM + km))
            return max(near, matching.FAR_MIN), "near" if km <= matching.NEAR_KM else None
    return matching.UNKNOWN_AREA, None


def _free_together(one: Need, other: Help, now: int) -> bool:
    """No windows: free at any time; windows all past: never."""

    def still_free(windows: tuple[tuple[int, int], ...]) -> bool:
        return not windows or any(max(start, now) < end for start, end in windows)

    if not still_free(one.windows) or not still_free(other.windows):
        return False
    if not one.windows or not other.windows:
        return True
    return any(max(a, c, now) < min(b, d) for a, b in one.windows for c, d in other.windows)


def brute_score(one: Need, other: Help, geography: Geography, now: int) -> Match | None:
    if one.category != other.category or one.person == other.person:
        return None
    place, place_reason = _place(one.area, other.area, geography)
    worth = [(place, place_reason)] if place_reason else []
    shared = sorted(one.languages & other.languages)
    worth += [(matching.SHARED_LANGUAGE, f"language:{code}") for code in shared]
    free = _free_together(one, other, now)
    if free:
        worth.append((matching.TIME_OVERLAP, "time_overlap"))
    urgency = matching.URGENCY_POINTS[one.urgency]
    if urgency:
        worth.append((urgency, f"urgent_{one.urgency}"))
    waited = min(max((now - one.opened) // DAY, 0), matching.WAITING_MAX_DAYS)
    if waited >= matching.WAITING_LONG_DAYS:
        worth.append((waited, "waiting_long"))
    total = place + urgency + waited
    total += matching.SHARED_LANGUAGE * bool(shared) + matching.TIME_OVERLAP * free

    def best_first(reason: tuple[int, str]) -> tuple[int, int, str]:
        worth, code = reason
        kind = "language:" if code.startswith("language:") else code
        return (-worth, matching.REASON_CODES.index(kind), code)

    worth.sort(key=best_first)
    return Match(other=other.id, score=float(total), reasons=tuple(code for _, code in worth))


def brute_top(needs, helps, geography, blocked, now, k, *, for_needs):
    found = {}
    for target in needs if for_needs else helps:
        matches = []
        for candidate in helps if for_needs else needs:
            one, other = (target, candidate) if for_needs else (candidate, target)
            if (one.person, other.person) in blocked or (other.person, one.person) in blocked:
                continue
            scored = brute_score(one, other, geography, now)
            if scored is not None:
                matches.append(replace(scored, other=candidate.id))
        matches.sort(key=lambda m: (-m.score, m.other))
        found[target.id] = matches[:k]
    return found


AREAS = st.one_of(st.none(), st.integers(1, 6))
LANGUAGE_SETS = st.frozensets(st.sampled_from(["es", "en", "ar", "ca"]), max_size=3)
WINDOWS = st.lists(
    st.tuples(st.integers(-5, 20), st.integers(0, 8)).map(
        lambda w: (NOW + w[0] * HOUR, NOW + (w[0] + w[1]) * HOUR)
    ),
    max_size=4,
).map(tuple)
NEEDS = st.builds(
    Need,
    id=st.integers(1, 60),
    person=st.integers(1, 6),
    category=st.sampled_from(["food", "housing"]),
    area=AREAS,
    languages=LANGUAGE_SETS,
    windows=WINDOWS,
    urgency=st.sampled_from(URGENCIES),
    opened=st.integers(NOW - 20 * DAY, NOW + DAY),
)
HELPS = st.builds(
    Help,
    id=st.integers(1, 60),
    person=st.integers(1, 6),
    category=st.sampled_from(["food", "housing"]),
    area=AREAS,
    languages=LANGUAGE_SETS,
    windows=WINDOWS,
)
SPOT = st.tuples(st.floats(40.0, 40.3), st.floats(-3.9, -3.5))
GEOGRAPHIES = st.builds(
    lambda places, links: Geography(
        places=places,
        neighbours={a: frozenset(b for b in range(1, 7) if (a, b) in links) for a in range(1, 7)},
    ),
    st.dictionaries(st.integers(1, 6), SPOT),
    st.sets(st.tuples(st.integers(1, 6), st.integers(1, 6)), max_size=5),
)
BLOCKS = st.frozensets(st.tuples(st.integers(1, 6), st.integers(1, 6)), max_size=4).map(
    lambda pairs: pairs | {(b, a) for a, b in pairs}
)


@contextmanager
def block_cells(cells: int) -> Iterator[None]:
    """Score this many pairs at a time, so that small inputs cross block boundaries too."""
    usual, matching.BLOCK_CELLS = matching.BLOCK_CELLS, cells
    try:
        yield
    finally:
        matching.BLOCK_CELLS = usual


@settings(max_examples=300, deadline=None)
@given(
    needs=st.lists(NEEDS, max_size=14, unique_by=lambda n: n.id),
    helps=st.lists(HELPS, max_size=14, unique_by=lambda h: h.id),
    geography=GEOGRAPHIES,
    blocked=BLOCKS,
    k=st.integers(1, 5),
    cells=st.sampled_from([1, 5, matching.BLOCK_CELLS]),
)
def test_both_directions_agree_with_the_brute_force_scorer(
    needs, helps, geography, blocked, k, cells
):
    arguments = {"geography": geography, "blocked": blocked, "now": NOW, "k": k}
    with block_cells(cells):
        helps_found = top_helps(needs, helps, **arguments)
        needs_found = top_needs(needs, helps, **arguments)
    assert helps_found == brute_top(needs, helps, geography, blocked, NOW, k, for_needs=True)
    assert needs_found == brute_top(needs, helps, geography, blocked, NOW, k, for_needs=False)
    for one in needs[:3]:
        for other in helps[:3]:
            assert score(one, other, geography=geography, now=NOW) == brute_score(
                one, other, geography, NOW
            )
