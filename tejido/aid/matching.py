"""Matching requests for aid ("I need") with offers of it ("I can"): plain data in, plain data out.

Imports only the standard library and numpy (no Django, no ORM), so the same function serves a
request's page, a helper's home page, the organisers' dispatch view and the benchmark.

A pair can match only if both are in the same category, the two people differ and neither has
blocked the other. Its score is a sum of whole points (see the weights below), and its reasons
are codes from the fixed set REASON_CODES plus "language:<code>", listed best first: by the
points each adds to this pair, then in REASON_CODES' order, then by language code. Time
windows count from `now` on: no windows means free at any time, windows all in the past mean
free at no time.

top_helps ranks offers for each request, top_needs requests for each offer: by score, highest
first, then by the other side's id, lowest first (so equal scores come out in a fixed order).
Both return every given id as a key, with an empty list when nothing matches.

How it stays fast: the pairs are scored per category, a block of rows against all columns at a
time, as integer arrays; a pair's sort key packs its score and the rank of the other side's id
into one integer, so argpartition finds the top k including the tie order. A block holds about
BLOCK_CELLS pairs, so memory stays a few megabytes whatever the number of requests and offers.
Only the k pairs kept per row are turned into Python objects.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

URGENCIES = ("today", "week", "whenever")

# The weights, in points. Place weighs most: most aid is in person (a bed, a meal, company to a
# clinic) and distance is what most often makes an offer impossible. A shared language comes
# next: without one the two cannot arrange anything. Time windows come third, because people
# can usually find another hour once they talk. Urgency and waiting time belong to the request,
# so they only order requests for a helper (every offer to one request gets the same); together
# they stay below the difference between the same area and a far one, so that an urgent request
# far away does not push aside one next door.
SAME_AREA = 40
NEIGHBOURING_AREA = 28
NEAR_MAX = 24  # two different areas at the same spot; halves every NEAR_HALF_KM
NEAR_HALF_KM = 10.0
NEAR_KM = 15.0  # up to this distance a pair is "near"
FAR_MIN = 1  # known to be far: still a match, the lowest
UNKNOWN_AREA = 4  # an area missing or without coordinates could be anywhere: low, not zero
SHARED_LANGUAGE = 30  # one shared language is enough; more add nothing
TIME_OVERLAP = 20  # free at the same time from now on; no windows means free at any time
URGENCY_POINTS = {"today": 15, "week": 8, "whenever": 0}
WAITING_MAX_DAYS = 14  # a point per full day waited, up to this
WAITING_LONG_DAYS = 3  # from this many days on, "waiting_long" is a reason
DAY = 86_400
EARTH_RADIUS_KM = 6371.0088

# The reason codes, in the order that breaks ties between reasons worth the same points.
SAME_AREA_REASON = "same_area"
NEIGHBOURING_AREA_REASON = "neighbouring_area"
NEAR_REASON = "near"
LANGUAGE_REASON = "language:"  # followed by the shared language's code, one reason per language
TIME_OVERLAP_REASON = "time_overlap"
URGENT_TODAY_REASON = "urgent_today"
URGENT_WEEK_REASON = "urgent_week"
WAITING_LONG_REASON = "waiting_long"
REASON_CODES = (
    SAME_AREA_REASON,
    NEIGHBOURING_AREA_REASON,
    NEAR_REASON,
    LANGUAGE_REASON,
    TIME_OVERLAP_REASON,
    URGENT_TODAY_REASON,
    URGENT_WEEK_REASON,
    WAITING_LONG_REASON,
)
_URGENCY_REASONS = {"today": URGENT_TODAY_REASON, "week": URGENT_WEEK_REASON}

# How two areas relate, as stored in the place table.
_UNKNOWN, _FAR, _NEAR, _NEIGHBOURS, _SAME = range(5)
_PLACE_REASONS = {
    _SAME: SAME_AREA_REASON,
    _NEIGHBOURS: NEIGHBOURING_AREA_REASON,
    _NEAR: NEAR_REASON,
}

MAX_POINTS = SAME_AREA + SHARED_LANGUAGE + TIME_OVERLAP + max(URGENCY_POINTS.values())
MAX_POINTS += WAITING_MAX_DAYS
MAX_CATEGORY_SIZE = (2**31 - 1) // (MAX_POINTS + 1)  # so that a pair's sort key fits in int32
BLOCK_CELLS = 1 << 19  # pairs scored at once: a few MB of arrays, cache-friendly
_NO_START = np.iinfo(np.int64).max  # padding windows, which overlap nothing
_NO_END = np.iinfo(np.int64).min
_NO_RANKED_START = np.iinfo(np.int32).max  # the same, once times are ranks (_rank_times)
_NO_RANKED_END = np.iinfo(np.int32).min
_WORD = 2**64 - 1

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
MaskArray = npt.NDArray[np.unsignedinteger]


@dataclass(frozen=True, slots=True)
class Need:
    """One open request ("I need")."""

    id: int
    person: int  # the requester's user id (never matched with their own offers)
    category: str
    area: int | None
    languages: frozenset[str]
    windows: tuple[tuple[int, int], ...]  # POSIX seconds [start, end); () = any time
    urgency: str  # one of URGENCIES
    opened: int  # POSIX seconds; older waits longer, ranks higher


@dataclass(frozen=True, slots=True)
class Help:
    """One open offer ("I can")."""

    id: int
    person: int
    category: str
    area: int | None
    languages: frozenset[str]
    windows: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Geography:
    places: dict[int, tuple[float, float]]  # area id -> (latitude, longitude), where known
    neighbours: dict[int, frozenset[int]]  # area id -> adjacent area ids


@dataclass(frozen=True, slots=True)
class Match:
    other: int  # the Help id (top_helps, score) or the Need id (top_needs)
    score: float  # higher is better; always > 0
    reasons: tuple[str, ...]  # reason codes, best first


def top_helps(
    needs: Sequence[Need],
    helps: Sequence[Help],
    *,
    geography: Geography,
    blocked: frozenset[tuple[int, int]],
    now: int,
    k: int = 5,
) -> dict[int, list[Match]]:
    """The best k offers for each request, best first."""
    return _Matcher(needs, helps, geography, blocked, now).best(needs_are_rows=True, k=k)


def top_needs(
    needs: Sequence[Need],
    helps: Sequence[Help],
    *,
    geography: Geography,
    blocked: frozenset[tuple[int, int]],
    now: int,
    k: int = 5,
) -> dict[int, list[Match]]:
    """The best k requests for each offer, best first."""
    return _Matcher(needs, helps, geography, blocked, now).best(needs_are_rows=False, k=k)


def score(need: Need, help: Help, *, geography: Geography, now: int) -> Match | None:
    """One pair's score and reasons (other is the offer's id), or None if they cannot match:
    the same scorer as top_helps, so a page's explanation always agrees with the ranking."""
    found = top_helps([need], [help], geography=geography, blocked=frozenset(), now=now, k=1)
    return next(iter(found[need.id]), None)


def _haversine_km(
    a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Distances between (latitude, longitude) rows in radians; a and b broadcast."""
    half = np.sin((b - a) / 2) ** 2
    h = half[..., 0] + np.cos(a[..., 0]) * np.cos(b[..., 0]) * half[..., 1]
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))


class _Places:
    """Points and relation for every pair of the areas in use (a few hundred at most): looked
    up per pair rather than computed, so distances cost nothing per pair."""

    def __init__(self, areas: Iterable[int | None], geography: Geography) -> None:
        known = sorted({area for area in areas if area is not None})
        self.index: dict[int | None, int] = {area: i for i, area in enumerate(known)}
        self.index[None] = len(known)
        size = len(known) + 1
        self.points = np.full((size, size), UNKNOWN_AREA, dtype=np.int32)
        self.relation = np.full((size, size), _UNKNOWN, dtype=np.int64)
        located = [i for i, area in enumerate(known) if area in geography.places]
        if located:
            spots = np.radians(np.array([geography.places[known[i]] for i in located], float))
            km = _haversine_km(spots[:, None, :], spots[None, :, :])
            near = np.rint(NEAR_MAX * NEAR_HALF_KM / (NEAR_HALF_KM + km))
            grid = np.ix_(located, located)
            self.points[grid] = np.maximum(near, FAR_MIN)
            self.relation[grid] = np.where(km <= NEAR_KM, _NEAR, _FAR)
        for i, area in enumerate(known):
            for other in geography.neighbours.get(area, frozenset()):
                j = self.index.get(other)
                if j is not None and j != i:
                    self.points[[i, j], [j, i]] = NEIGHBOURING_AREA
                    self.relation[[i, j], [j, i]] = _NEIGHBOURS
            self.points[i, i] = SAME_AREA
            self.relation[i, i] = _SAME


class _Languages:
    """The languages in use as bits of a mask: one word of the smallest unsigned type that
    holds them all (uint8 for up to 8 languages), or several 64-bit words past 64."""

    def __init__(self, items: Iterable[Need | Help]) -> None:
        self.codes = sorted({code for item in items for code in item.languages})
        self.bit = {code: 1 << place for place, code in enumerate(self.codes)}
        self.width = max(1, -(-len(self.codes) // 64))
        self.type: type[np.unsignedinteger] = np.uint64
        for candidate in (np.uint8, np.uint16, np.uint32):
            if len(self.codes) <= np.iinfo(candidate).bits:
                self.type = candidate
                break

    def masks(self, items: Sequence[Need | Help]) -> list[int]:
        """Each item's languages as one Python int, a bit per language."""
        known: dict[frozenset[str], int] = {}
        masks = []
        for item in items:
            mask = known.get(item.languages)
            if mask is None:
                mask = known[item.languages] = sum(self.bit[code] for code in item.languages)
            masks.append(mask)
        return masks

    def words(self, masks: list[int]) -> MaskArray:
        """The same masks as array rows of self.width words each."""
        rows = [[mask >> 64 * w & _WORD for w in range(self.width)] for mask in masks]
        words = np.array(rows, dtype=np.uint64).reshape(len(masks), self.width)
        return words.astype(self.type)

    def named(self, mask: int) -> list[str]:
        return [code for place, code in enumerate(self.codes) if mask >> place & 1]


class _Items:
    """All the items of one side as arrays, in the order given."""

    def __init__(
        self,
        items: Sequence[Need | Help],
        places: _Places,
        languages: _Languages,
        now: int,
    ) -> None:
        self.size = len(items)
        self.ids = np.array([item.id for item in items], dtype=np.int64)
        self.persons = np.array([item.person for item in items], dtype=np.int64)
        self.areas = np.array([places.index[item.area] for item in items], dtype=np.int64)
        self.masks = languages.masks(items)
        self.languages = languages.words(self.masks)
        categories: dict[str, int] = {}
        self.categories = np.array(
            [categories.setdefault(item.category, len(categories)) for item in items],
            dtype=np.int64,
        )
        self.category_names = list(categories)
        self._windows(items, now)
        self.urgencies = np.full(self.size, URGENCIES.index("whenever"), dtype=np.int64)
        self.waited = np.zeros(self.size, dtype=np.int64)
        needs = [item for item in items if isinstance(item, Need)]
        if needs:
            if any(need.urgency not in URGENCY_POINTS for need in needs):
                raise ValueError(f"urgency must be one of {URGENCIES}")
            self.urgencies = np.array([URGENCIES.index(n.urgency) for n in needs], np.int64)
            opened = np.array([need.opened for need in needs], dtype=np.int64)
            self.waited = np.clip((now - opened) // DAY, 0, WAITING_MAX_DAYS)
        urgency_points = np.array([URGENCY_POINTS[u] for u in URGENCIES], dtype=np.int32)
        self.bonus = urgency_points[self.urgencies] + self.waited.astype(np.int32)

    def _windows(self, items: Sequence[Need | Help], now: int) -> None:
        """Each item's windows from now on, as rows padded with windows that meet nothing.
        An item that gave none is free at any time; one whose windows are all past, never."""
        owners = np.array([at for at, item in enumerate(items) for _ in item.windows], np.int64)
        flat = np.array([w for item in items for w in item.windows], np.int64).reshape(-1, 2)
        starts, ends = np.maximum(flat[:, 0], now), flat[:, 1]
        future = ends > starts
        owners, starts, ends = owners[future], starts[future], ends[future]
        self.counts = np.bincount(owners, minlength=self.size)
        slots = np.arange(len(owners)) - (np.cumsum(self.counts) - self.counts)[owners]
        width = max(int(self.counts.max(initial=0)), 1)
        self.starts = np.full((self.size, width), _NO_START, dtype=np.int64)
        self.ends = np.full((self.size, width), _NO_END, dtype=np.int64)
        self.starts[owners, slots] = starts
        self.ends[owners, slots] = ends
        self.any_time = np.array([not item.windows for item in items], dtype=bool)

    def by_category(self) -> dict[str, _Side]:
        # Within a category: free at any time first, then by the number of windows.
        order = np.lexsort((self.counts * 2 + ~self.any_time, self.categories))
        bounds = np.searchsorted(self.categories[order], np.arange(len(self.category_names) + 1))
        return {
            name: _Side(self, order[bounds[code] : bounds[code + 1]])
            for code, name in enumerate(self.category_names)
        }


def _rank_times(*sides: _Items) -> None:
    """Every window time replaced by its rank among all of them, on both sides: the same
    comparisons in int32, which numpy makes faster than in int64 (and any POSIX time fits)."""
    starts = [side.starts[side.starts != _NO_START] for side in sides]
    ends = [side.ends[side.ends != _NO_END] for side in sides]
    times = np.unique(np.concatenate([*starts, *ends]))
    for side in sides:
        side.starts = np.where(
            side.starts == _NO_START, _NO_RANKED_START, np.searchsorted(times, side.starts)
        ).astype(np.int32)
        side.ends = np.where(
            side.ends == _NO_END, _NO_RANKED_END, np.searchsorted(times, side.ends)
        ).astype(np.int32)


class _Side:
    """One category's items on one side, sorted by how many windows they have (those free at
    any time first), so that comparing window j skips the items with fewer."""

    def __init__(self, items: _Items, chosen: IntArray) -> None:
        self.size = len(chosen)
        if self.size > MAX_CATEGORY_SIZE:
            raise ValueError(f"at most {MAX_CATEGORY_SIZE} items of one category on one side")
        self.ids = items.ids[chosen]
        self.persons = items.persons[chosen]
        self.areas = items.areas[chosen]
        self.languages = items.languages[chosen]
        # As Python ints, shifted to their place in a kept pair's signature.
        self.signature_masks = [items.masks[at] << _SIGNATURE_SHIFT for at in chosen.tolist()]
        self.starts = items.starts[chosen]
        self.ends = items.ends[chosen]
        self.counts = items.counts[chosen]
        self.any_time = int(items.any_time[chosen].sum())
        self.urgencies = items.urgencies[chosen]
        self.waited = items.waited[chosen]
        self.bonus = items.bonus[chosen]
        # Where the items with more than j windows begin, for each j.
        self.more_than = np.searchsorted(self.counts, np.arange(self.starts.shape[1]), "right")
        # Each id's rank among this side's, reversed: added to a score, the lower id wins a tie.
        ranks = np.empty(self.size, dtype=np.int32)
        ranks[np.argsort(self.ids, kind="stable")] = np.arange(self.size, dtype=np.int32)
        self.ties = self.size - 1 - ranks


class _Matcher:
    def __init__(
        self,
        needs: Sequence[Need],
        helps: Sequence[Help],
        geography: Geography,
        blocked: frozenset[tuple[int, int]],
        now: int,
    ) -> None:
        everything: list[Need | Help] = [*needs, *helps]
        places = _Places([item.area for item in everything], geography)
        self.places = places
        self.languages = _Languages(everything)
        self.needs = _Items(needs, places, self.languages, now)
        self.helps = _Items(helps, places, self.languages, now)
        _rank_times(self.needs, self.helps)
        pairs = sorted(blocked | {(other, one) for one, other in blocked})
        self.blocked = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        self._reasons: dict[int, tuple[str, ...]] = {}

    def best(self, *, needs_are_rows: bool, k: int) -> dict[int, list[Match]]:
        if k < 1:
            raise ValueError("k must be at least 1")
        rows_by, columns_by = self.needs.by_category(), self.helps.by_category()
        if not needs_are_rows:
            rows_by, columns_by = columns_by, rows_by
        targets = self.needs if needs_are_rows else self.helps
        found: dict[int, list[Match]] = {id_: [] for id_ in targets.ids.tolist()}
        for category, rows in rows_by.items():
            columns = columns_by.get(category)
            if columns is None:
                continue
            excluded = self._excluded(rows, columns)
            step = max(1, BLOCK_CELLS // columns.size)
            for first in range(0, rows.size, step):
                block = slice(first, min(first + step, rows.size))
                self._block(rows, columns, block, excluded, needs_are_rows, k, found)
        return found

    def _excluded(self, rows: _Side, columns: _Side) -> tuple[IntArray, IntArray]:
        """(row, column) positions of the pairs of one person with themself or of two people
        who blocked each other, sorted by row: few, so listed rather than tested per pair."""
        row_order = np.argsort(rows.persons, kind="stable")
        column_order = np.argsort(columns.persons, kind="stable")
        row_people, column_people = rows.persons[row_order], columns.persons[column_order]
        same = np.intersect1d(row_people, column_people)
        ones = np.concatenate([same, self.blocked[:, 0]])
        others = np.concatenate([same, self.blocked[:, 1]])
        row_from = np.searchsorted(row_people, ones, "left")
        row_to = np.searchsorted(row_people, ones, "right")
        column_from = np.searchsorted(column_people, others, "left")
        column_to = np.searchsorted(column_people, others, "right")
        meet = (row_to > row_from) & (column_to > column_from)
        pair_rows: list[IntArray] = [np.empty(0, dtype=np.int64)]
        pair_columns: list[IntArray] = [np.empty(0, dtype=np.int64)]
        for a, b, c, d in zip(
            row_from[meet].tolist(),
            row_to[meet].tolist(),
            column_from[meet].tolist(),
            column_to[meet].tolist(),
            strict=True,
        ):
            pair_rows.append(np.repeat(row_order[a:b], d - c))
            pair_columns.append(np.tile(column_order[c:d], b - a))
        pair_row, pair_column = np.concatenate(pair_rows), np.concatenate(pair_columns)
        by_row = np.argsort(pair_row, kind="stable")
        return pair_row[by_row], pair_column[by_row]

    def _block(
        self,
        rows: _Side,
        columns: _Side,
        block: slice,
        excluded: tuple[IntArray, IntArray],
        needs_are_rows: bool,
        k: int,
        found: dict[int, list[Match]],
    ) -> None:
        areas = rows.areas[block]
        keys = np.take(self.places.points[areas], columns.areas, axis=1)
        shared = self._shared_language(rows.languages[block], columns.languages)
        keys += shared * np.int32(SHARED_LANGUAGE)
        overlap = self._overlap(rows, columns, block)
        keys += overlap * np.int32(TIME_OVERLAP)
        keys += rows.bonus[block, None] if needs_are_rows else columns.bonus[None, :]
        # One integer per pair: its points, then the other side's id rank for ties.
        keys *= np.int32(columns.size)
        keys += columns.ties[None, :]
        skipped_rows, skipped_columns = excluded
        lo, hi = np.searchsorted(skipped_rows, [block.start, block.stop])
        keys[skipped_rows[lo:hi] - block.start, skipped_columns[lo:hi]] = -1
        if columns.size > k:
            top = np.argpartition(keys, columns.size - k, axis=1)[:, -k:]
        else:
            top = np.broadcast_to(np.arange(columns.size), (keys.shape[0], columns.size))
        lines = np.arange(keys.shape[0])[:, None]
        top_keys = keys[lines, top]
        order = np.argsort(-top_keys, axis=1, kind="stable")
        top, top_keys = top[lines, order], top_keys[lines, order]
        needs, need_at = (rows, block.start + lines) if needs_are_rows else (columns, top)
        signatures = _pack(
            self.places.relation[areas[:, None], columns.areas[top]],
            self.places.points[areas[:, None], columns.areas[top]],
            overlap[lines, top],
            needs.urgencies[need_at],
            needs.waited[need_at],
        ).tolist()
        scores = (top_keys // columns.size).astype(np.float64).tolist()
        column_ids = columns.ids.tolist()
        column_masks = columns.signature_masks
        kept = top.tolist()
        for line, row_id in enumerate(rows.ids[block].tolist()):
            row_mask = rows.signature_masks[block.start + line]
            matches = found[row_id]
            for at, points, signature in zip(
                kept[line], scores[line], signatures[line], strict=True
            ):
                if points <= 0:
                    break
                # The shared languages' mask, above the packed fields.
                signature += row_mask & column_masks[at]
                reasons = self._reasons.get(signature)
                if reasons is None:
                    reasons = self._explain(signature)
                matches.append(Match(column_ids[at], points, reasons))

    @staticmethod
    def _shared_language(rows: MaskArray, columns: MaskArray) -> BoolArray:
        shared = (rows[:, None, 0] & columns[None, :, 0]) != 0
        for word in range(1, rows.shape[1]):
            shared |= (rows[:, None, word] & columns[None, :, word]) != 0
        return shared

    @staticmethod
    def _overlap(rows: _Side, columns: _Side, block: slice) -> BoolArray:
        """Whether each pair is free at the same time from now on: free at any time (no
        windows) meets anyone with a window still to come; otherwise a window of one must
        overlap a window of the other. Both sides are sorted: free at any time, then those
        whose windows are all past, then by the number of windows, so each case is a range of
        rows or columns, and window i of the rows only meets the rows that have one (a suffix)."""
        counts = rows.counts[block]
        any_rows = min(max(rows.any_time - block.start, 0), len(counts))
        windowed_rows = int(np.searchsorted(counts, 0, side="right"))
        any_columns, windowed_columns = columns.any_time, int(columns.more_than[0])
        overlap = np.zeros((len(counts), columns.size), dtype=bool)
        overlap[:any_rows, :any_columns] = True
        overlap[:any_rows, windowed_columns:] = True
        overlap[windowed_rows:, :any_columns] = True
        starts, ends = rows.starts[block], rows.ends[block]
        for i in range(int(counts.max(initial=0))):
            r = int(np.searchsorted(counts, i, side="right"))
            for j, c in enumerate(columns.more_than.tolist()):
                overlap[r:, c:] |= (starts[r:, i, None] < columns.ends[None, c:, j]) & (
                    columns.starts[None, c:, j] < ends[r:, i, None]
                )
        return overlap

    def _explain(self, signature: int) -> tuple[str, ...]:
        """A kept pair's reason codes, best first, from what its score was made of."""
        relation, place, overlap, urgency, waited, languages = _unpack(signature)
        worth = [
            (SHARED_LANGUAGE, LANGUAGE_REASON + code) for code in self.languages.named(languages)
        ]
        if relation in _PLACE_REASONS:
            worth.append((place, _PLACE_REASONS[relation]))
        if overlap:
            worth.append((TIME_OVERLAP, TIME_OVERLAP_REASON))
        need_urgency = URGENCIES[urgency]
        if need_urgency in _URGENCY_REASONS:
            worth.append((URGENCY_POINTS[need_urgency], _URGENCY_REASONS[need_urgency]))
        if waited >= WAITING_LONG_DAYS:
            worth.append((waited, WAITING_LONG_REASON))
        reasons = tuple(code for _points, code in sorted(worth, key=_reason_order))
        self._reasons[signature] = reasons
        return reasons


# A kept pair's reasons depend only on these, each below its radix, packed into one int: the
# place relation, the place's points, overlap (0 or 1), the urgency's index, the days waited;
# the shared languages' mask goes above them, shifted left by _SIGNATURE_SHIFT bits (a shift,
# so that the two sides' shifted masks can be and-ed). Equal pairs then share one tuple of
# reasons, made once.
_RADICES = (_SAME + 1, SAME_AREA + 1, 2, len(URGENCIES), WAITING_MAX_DAYS + 1)
_SIGNATURE_SHIFT = math.prod(_RADICES).bit_length()


def _pack(*fields: npt.NDArray[np.integer] | BoolArray) -> IntArray:
    packed = np.zeros(np.broadcast_shapes(*(f.shape for f in fields)), dtype=np.int64)
    for field, radix in reversed(list(zip(fields, _RADICES, strict=True))):
        packed = packed * radix + field
    return packed


def _unpack(signature: int) -> list[int]:
    packed, languages = signature & ((1 << _SIGNATURE_SHIFT) - 1), signature >> _SIGNATURE_SHIFT
    fields = []
    for radix in _RADICES:
        packed, field = divmod(packed, radix)
        fields.append(field)
    return [*fields, languages]


def _reason_order(item: tuple[int, str]) -> tuple[int, int, str]:
    points, code = item
    kind = LANGUAGE_REASON if code.startswith(LANGUAGE_REASON) else code
    return (-points, REASON_CODES.index(kind), code)
