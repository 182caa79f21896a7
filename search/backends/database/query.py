"""One search on the ``database`` backend, in the steps the package docstring describes.

1. prefilters (text postings, box, "open at", radius) as bitsets; 2. facet counts
(``facets``); 3. the page's order, by score groups and distance; 4. the page's display fields.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from operator import is_not, itemgetter
from typing import Any, TypeGuard, cast
from uuid import UUID

from django.utils import timezone

from directory.geo import haversine_km
from search import text
from search.backends.database import bitsets
from search.backends.database.facets import facet_counts
from search.backends.database.grid import (
    GRID_MAX_RADIUS_KM,
    CellBounds,
    cell_bounds,
    nearest,
    point_indices,
    radius_box,
)
from search.backends.database.snapshot import Snapshot, current_snapshot
from search.backends.database.tables import (
    FIELD_CODES,
    LOCATION,
    MAX_TERM_LENGTH,
    PERIOD,
    SERVICE,
    TERM,
    in_ids,
    joined_ids,
)
from search.backends.database.writing import epoch
from search.contract import (
    ANSWER_FIELDS,
    NAME_START_BOOST,
    STRONG_FIELDS,
    BoundingBox,
    GeoFilter,
    Hit,
    SearchQuery,
    SearchResult,
    WordWeights,
    searched_words,
    word_weights,
)
from search.models import IndexedOpenPeriod
from search.words import is_optional, name_start_query, need_words

# Without a radius, ordering by distance walks the cells (each needs its bounds computed) only
# when the members outnumber the cells this many times; else it measures every member.
WALK_MEMBERS_PER_CELL = 8

_first = itemgetter(0)
# filter() with a C predicate keeps the id loop at C speed; typed as the guard it is.
_is_not_none = cast("Callable[[int | None], TypeGuard[int]]", partial(is_not, None))


@dataclass(frozen=True)
class _WordMatches:
    per_kind: dict[tuple[int, bool], int]  # (field code, synonym?) → services
    need: int  # services of the word's need categories
    found: int  # services the word matches any way
    names_need: bool  # the word names a need (words.need_words), whatever its services


def _added(groups: dict[int, int], levels: list[tuple[int, int]]) -> dict[int, int]:
    """Each group's services moved up by the weight of the level they are in; services in no
    level are dropped (levels are disjoint)."""
    merged: defaultdict[int, int] = defaultdict(int)
    for score, members in groups.items():
        for weight, level in levels:
            merged[score + weight] |= members & level
    return {score: members for score, members in merged.items() if members}


class Search:
    """One query's run; holds the cursor and what the steps hand each other.

    Every set of services is a bitset over snapshot positions (see ``bitsets``).
    """

    def __init__(self, cursor: Any, query: SearchQuery, words: list[tuple[text.QueryWord, ...]]):
        self.cursor = cursor
        self.query = query
        self.words = words
        self.snapshot = current_snapshot(cursor)
        self.groups: list[tuple[int, int]] = []  # (score, bitset), best score first
        self.distances: dict[int, float] = {}  # position → km to its nearest point
        self.cells: list[CellBounds] | None = None  # see grid.cell_bounds
        self.ignored_words: tuple[str, ...] = ()  # see contract.searched_words

    def run(self) -> SearchResult:
        snapshot = self.snapshot
        candidates = self._prefilter()
        matching, facets = facet_counts(snapshot, self.query, candidates)
        page = self._page(snapshot, matching)
        return SearchResult(
            total=matching.bit_count(),
            hits=self._hits([snapshot.ids[p] for p in page], page),
            facets=facets,
            backend="database",
            ignored_words=self.ignored_words,
        )

    # 1. prefilters

    def _prefilter(self) -> int:
        """Positions passing text, geo, time and evening/weekend filters.

        Cheap bitsets first; the radius last, on what they left (see ``_within_radius``).
        """
        query, snapshot = self.query, self.snapshot
        result = snapshot.everyone
        if query.evenings:
            result &= snapshot.evenings
        if query.weekends:
            result &= snapshot.weekends
        if self.words:
            self.groups = self._match_text()
            matched = 0
            for _, members in self.groups:
                matched |= members
            result &= matched
        if query.bbox is not None and result:
            result &= self._in_box(query.bbox)
        if query.open_at is not None and result:
            result &= self._open_at(epoch(query.open_at))
        if query.point is not None and query.point.radius_km is not None:
            if result:
                result = self._within_radius(query.point, query.point.radius_km, result)
        return result

    def _postings(self, gram: str, *, prefix: bool) -> dict[int, int]:
        """Field code → bitset of the services with ``gram`` (or a term starting with it)."""
        key = (gram, prefix)
        cached = self.snapshot.cached_postings(key)
        if cached is not None:
            return cached
        if prefix:
            # Every term starting with the character: [g, next code point). The term column
            # compares by code point (bytewise on SQLite, COLLATE "C" on PostgreSQL).
            condition, params = "term >= %s AND term < %s", [gram, chr(ord(gram) + 1)]
        else:
            condition, params = "term = %s", [gram[:MAX_TERM_LENGTH]]
        # A prefix can repeat a service; setting its bit twice is harmless.
        self.cursor.execute(
            f"SELECT field, {joined_ids()} FROM {TERM} WHERE {condition} GROUP BY field",
            params,
        )
        found = {field: self._bits_of_joined(joined) for field, joined in self.cursor.fetchall()}
        self.snapshot.remember_postings(key, found)
        return found

    def _alternative(self, word: text.QueryWord) -> dict[int, int]:
        """Field code → services whose field holds every gram of ``word``."""
        grams = [(g, False) for g in word.exact_grams] + [(g, True) for g in word.prefix_grams]
        if not grams:
            return {}
        result: dict[int, int] | None = None
        for gram, prefix in grams:
            found = self._postings(gram, prefix=prefix)
            if result is None:
                result = dict(found)
            else:
                result = {f: bits & found.get(f, 0) for f, bits in result.items()}
            result = {f: bits for f, bits in result.items() if bits}
            if not result:
                return {}
        return result or {}

    def _word_matches(self, alternatives: tuple[text.QueryWord, ...]) -> _WordMatches:
        """Where each alternative of one query word matches, by field and kind."""
        per_kind: defaultdict[tuple[int, bool], int] = defaultdict(int)
        need = 0
        for alternative in alternatives:
            for code, bits in self._alternative(alternative).items():
                if alternative.need:
                    need |= bits
                else:
                    per_kind[code, alternative.synonym] |= bits
        found = need
        for bits in per_kind.values():
            found |= bits
        return _WordMatches(
            per_kind=per_kind, need=need, found=found, names_need=need_words(alternatives)
        )

    def _levels(self, word: _WordMatches, weights: WordWeights) -> list[tuple[int, int]]:
        """(score, services) of one word: each service at its best field's weight (the cut-off's
        fields left out), plus the need's weight for the services of its categories."""
        # (weight, field code, synonym?) best first: the score of a word is its best level.
        kinds = sorted(
            [(weights.typed[f], FIELD_CODES[f], False) for f in FIELD_CODES]
            + [(weights.synonym[f], FIELD_CODES[f], True) for f in FIELD_CODES],
            key=lambda kind: (-kind[0], kind[2]),
        )
        cut = {FIELD_CODES[f] for f in weights.cut_fields}
        levels: list[tuple[int, int]] = []
        better = 0
        for weight, code, is_synonym in kinds:
            if code in cut:
                continue
            matched = word.per_kind.get((code, is_synonym), 0) & ~better
            levels.append((weight + weights.need, matched & word.need))
            levels.append((weight, matched & ~word.need))
            better |= matched
        levels.append((weights.need, word.need & ~better))
        return levels

    def _match_text(self) -> list[tuple[int, int]]:
        """(score, services) for services matching every word (contract: best field per word,
        plus the need's weight for services of a need's category, and the cut-off).

        A word's rarity comes from the services it matches (``contract.word_weights``).
        """
        total = len(self.snapshot.ids)
        strong_codes = {FIELD_CODES[f] for f in STRONG_FIELDS}
        answer_codes = {FIELD_CODES[f] for f in ANSWER_FIELDS}
        required = [w for w in self.words if not is_optional(w)]
        matches = [self._word_matches(alternatives) for alternatives in required]
        searched = searched_words([m.found.bit_count() for m in matches])
        kept = [m for m, use in zip(matches, searched, strict=True) if use]
        self.ignored_words = tuple(
            w[0].text for w, use in zip(required, searched, strict=True) if not use
        )
        if not kept:
            return []
        groups = {0: self.snapshot.everyone}  # score → services
        for word in kept:
            # Among the services matching the other words, all of them, known or not (the
            # Elasticsearch backend counts them in one request, before it knows which are known).
            others = self.snapshot.everyone
            for other in matches:
                if other is not word:
                    others &= other.found
            strong = answered = word.need
            for (code, _), bits in word.per_kind.items():
                if code in strong_codes:
                    strong |= bits
                if code in answer_codes:
                    answered |= bits
            weights = word_weights(
                matching=word.found.bit_count(),
                total=total,
                strong=(strong & others).bit_count(),
                answered=(answered & others).bit_count() if word.names_need else 0,
            )
            groups = _added(groups, self._levels(word, weights))
            if not groups:
                return []
        # Words that only rank: their weight where found, the others stay where they are.
        for alternatives in self.words:
            if is_optional(alternatives):
                word = self._word_matches(alternatives)
                weights = word_weights(matching=word.found.bit_count(), total=total)
                groups = _added(groups, [*self._levels(word, weights), (0, ~word.found)])
        starts = self._name_starts()
        if starts:
            groups = _added(groups, [(NAME_START_BOOST, starts), (0, ~starts)])
        return sorted(groups.items(), reverse=True)

    def _name_starts(self) -> int:
        """Services named by the whole query (``contract.NAME_START_BOOST``)."""
        start = name_start_query(self.query.text)
        if start is None:
            return 0
        return self._postings(start, prefix=False).get(FIELD_CODES["name"], 0)

    def _within_radius(self, point: GeoFilter, radius_km: float, candidates: int) -> int:
        """Candidates with a point within the radius.

        Cells wholly inside the circle are taken without a distance, cells wholly outside are
        skipped, and only the points of cells on the circle get an exact distance; when the
        candidates are far fewer than the points around, their points are measured instead.
        """
        snapshot = self.snapshot
        box = radius_box(point, radius_km)
        size = len(snapshot.ids)
        cells = (
            cell_bounds(snapshot.points, point, box) if radius_km <= GRID_MAX_RADIUS_KM else None
        )
        restricted = candidates != snapshot.everyone
        if cells is None or (
            restricted and candidates.bit_count() * 8 < sum(len(c[2]) for c in cells)
        ):
            indices = point_indices(
                snapshot.points, box, candidates=candidates if restricted else None, size=size
            )
            measured = nearest(snapshot.points, point, indices)
            self.distances.update(measured)
            within = (p for p, distance in measured.items() if distance <= radius_km)
            return candidates & bitsets.bits(within, size)
        self.cells = cells
        points = snapshot.points
        inside: list[int] = []
        edge: list[int] = []
        for lower, upper, indices in cells:
            if lower > radius_km:
                continue
            if upper < radius_km:
                inside.extend(indices)
            else:
                edge.extend(indices)
        latitude, longitude = points.latitude, points.longitude
        edge = [
            i
            for i in edge
            if box.min_latitude <= latitude[i] <= box.max_latitude
            and box.min_longitude <= longitude[i] <= box.max_longitude
        ]
        # Distances over some of a service's points only, so not kept (see _distance).
        near = nearest(points, point, edge)
        found = list(map(points.position.__getitem__, inside))
        found.extend(p for p, distance in near.items() if distance <= radius_km)
        return candidates & bitsets.bits(found, size)

    def _distance(self, position: int) -> float:
        """Km to the service's nearest point (inf without points), computed once."""
        found = self.distances.get(position)
        if found is None:
            assert self.query.point is not None
            indices = self.snapshot.points.of_position.get(position, ())
            found = nearest(self.snapshot.points, self.query.point, indices).get(position, math.inf)
            self.distances[position] = found
        return found

    def _closest(self, members: int, count: int) -> list[int]:
        """The ``count`` first members by (distance, position), walking cells nearest first."""
        point = self.query.point
        assert point is not None
        cells = self.cells
        if cells is None:
            cells = self.cells = cell_bounds(self.snapshot.points, point, None)
        flags = bitsets.flags(members, len(self.snapshot.ids))
        positions = self.snapshot.points.position
        best: list[tuple[float, int]] = []  # heap of the best (-distance, -position)
        seen: set[int] = set()
        for lower, _, indices in sorted(cells, key=_first):
            if len(best) >= count and -best[0][0] < lower:
                break  # every member not seen yet is farther than the count best
            for i in indices:
                p = positions[i]
                if flags[p] and p not in seen:
                    seen.add(p)
                    item = (-self._distance(p), -p)
                    if len(best) < count:
                        heapq.heappush(best, item)
                    elif item > best[0]:
                        heapq.heapreplace(best, item)
        ordered = [-p for _, p in sorted(best, reverse=True)]
        if len(ordered) < count:  # members without any point come last, by name
            rest = (p for p in bitsets.positions(members) if p not in seen)
            ordered.extend(p for p, _ in zip(rest, range(count - len(ordered)), strict=False))
        return ordered

    def _in_box(self, box: BoundingBox) -> int:
        points = self.snapshot.points
        indices = point_indices(points, box, candidates=None, size=len(self.snapshot.ids))
        return bitsets.bits(map(points.position.__getitem__, indices), len(self.snapshot.ids))

    def _open_at(self, moment: float) -> int:
        self.cursor.execute(
            f"SELECT {joined_ids()} FROM {PERIOD} "
            "WHERE starts_at > %s AND starts_at <= %s AND ends_at > %s",
            [moment - IndexedOpenPeriod.MAX_PERIOD_SECONDS, moment, moment],
        )
        return self._bits_of_joined(self.cursor.fetchone()[0])

    def _bits_of_joined(self, joined: str | None) -> int:
        """The bitset of the services in a comma-joined id list (see ``tables.joined_ids``)."""
        if not joined:
            return 0
        # A service indexed after the snapshot was taken waits for the next search.
        positions = map(self.snapshot.position.get, map(int, joined.split(",")))
        return bitsets.bits(filter(_is_not_none, positions), len(self.snapshot.ids))

    # 2. facets: see facets.facet_counts

    # 3. order

    def _page(self, snapshot: Snapshot, matching: int) -> list[int]:
        """Positions of the requested page, in the contract's order.

        Positions are in (sort_name, service_id) order, the contract's tie-break, so each key
        is (score, distance, position), and score groups come out of bitsets already in order.
        """
        query = self.query
        start, stop = query.offset, query.offset + query.page_size
        by_distance = query.point is not None and query.sort in ("relevance", "distance")
        by_score = query.sort == "relevance" and bool(self.words)
        if by_score:
            groups = [members & matching for _, members in self.groups]
        else:
            groups = [matching]
        grid = len(snapshot.points.cells)
        ordered: list[int] = []
        for members in groups:
            need = stop - len(ordered)
            if need <= 0:
                break
            if not members:
                continue
            if not by_distance:
                ordered.extend(bitsets.positions(members)[:need])
                continue
            count = members.bit_count()
            if query.point is not None and query.point.radius_km is not None:
                # Cells only when the radius used them; else every member has its distance.
                walk = self.cells is not None
            else:
                walk = count > WALK_MEMBERS_PER_CELL * grid
            if count > 4 * need and walk:
                ordered.extend(self._closest(members, need))
            else:
                ordered.extend(
                    heapq.nsmallest(need, bitsets.positions(members), key=self._distance)
                )
        return ordered[start:stop]

    # 4. the page

    def _distance_km(self, position: int) -> float | None:
        distance = self._distance(position)
        return None if distance == math.inf else distance

    def _score(self, position: int) -> int:
        for score, members in self.groups:
            if bitsets.has(members, position):
                return score
        return 0

    def _hits(self, page_ids: list[int], page: list[int]) -> list[Hit]:
        if not page_ids:
            return []
        cursor = self.cursor
        condition, param = in_ids("service_id", page_ids)
        cursor.execute(
            "SELECT service_id, hsds_id, name, organization, url, description, availability, "
            f"availability_note FROM {SERVICE} "
            f"WHERE {condition}",
            [param],
        )
        services = {row[0]: row for row in cursor.fetchall()}
        cursor.execute(
            f"SELECT service_id, latitude, longitude, location_name FROM {LOCATION} "
            f"WHERE {condition} ORDER BY id",
            [param],
        )
        points: defaultdict[int, list[tuple]] = defaultdict(list)
        for sid, lat, lng, location_name in cursor.fetchall():
            points[sid].append((lat, lng, location_name))
        now = timezone.now().timestamp()
        cursor.execute(
            f"SELECT DISTINCT service_id FROM {PERIOD} "
            f"WHERE {condition} AND starts_at <= %s AND ends_at > %s",
            [param, now, now],
        )
        open_now = set(map(_first, cursor.fetchall()))
        needles = [alternative.text for word in self.words for alternative in word]
        point = self.query.point
        hits = []
        for sid, position in zip(page_ids, page, strict=True):
            if sid not in services:
                continue  # deleted after this search read its snapshot
            _, hsds_id, name, organization, url, description, status, note = services[sid]
            located = points.get(sid, [])
            if point is not None and located:
                lat, lng, location_name = min(
                    located,
                    key=lambda p: haversine_km(point.latitude, point.longitude, p[0], p[1]),
                )
            elif located:
                lat, lng, location_name = located[0]
            else:
                lat = lng = None
                location_name = ""
            hits.append(
                Hit(
                    service_id=sid,
                    hsds_id=hsds_id if isinstance(hsds_id, UUID) else UUID(hsds_id),
                    name=name,
                    organization=organization,
                    url=url,
                    location_name=location_name,
                    latitude=lat,
                    longitude=lng,
                    distance_km=self._distance_km(position) if point is not None else None,
                    open_now=sid in open_now,
                    snippet=text.highlight(description, needles),
                    score=float(self._score(position)),
                    availability=status,
                    availability_note=note,
                )
            )
        return hits
