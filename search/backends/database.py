"""The ``database`` search backend: SQLite or PostgreSQL, no other service needed.

It is the default and the fallback when Elasticsearch is down, so it is always kept indexed.

How a search runs, and why:

1. SQL prefilters, each an indexed lookup answering a set of service ids: text from the own
   bigram postings (``IndexedTerm``; FTS5's trigram tokenizer finds nothing for 相談 or 食),
   geo from a latitude/longitude box around the radius or the map view, "open at" from the
   period starts in the last ``MAX_PERIOD_SECONDS``.
2. Facet filtering and the disjunctive counts run in Python over small integers (one
   facet-set id per service and facet) with C-level primitives (``Counter``, ``compress``,
   ``map``), expanding each distinct facet set once. The columns live in memory per process
   (``_Snapshot``), reloaded when a write has changed ``IndexedState.token``.
3. Exact haversine distances, then the order: snapshot positions are already in name order,
   and a stable sort by score and distance keeps it among ties.
4. Display fields, "open now" and snippets are loaded for the page's hits only.

Scores and matching follow ``search.contract`` exactly, so ``tests/search/test_parity.py`` can
hold this backend and Elasticsearch to the same answers.
"""

from __future__ import annotations

import dataclasses
import json
import math
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from itertools import compress
from operator import is_not, itemgetter, neg
from typing import Any
from uuid import UUID, uuid4

from django.db import connection, transaction
from django.utils import timezone

from directory.geocoding import EARTH_RADIUS_KM, distance_km
from directory.hours import TOKYO
from search import text
from search.contract import (
    FACET_NAMES,
    FACETS,
    FIELD_WEIGHTS,
    BoundingBox,
    FacetValueCount,
    GeoFilter,
    Hit,
    SearchDocument,
    SearchQuery,
    SearchResult,
)
from search.models import (
    IndexedFacetSet,
    IndexedLocation,
    IndexedOpenPeriod,
    IndexedService,
    IndexedState,
    IndexedTerm,
)
from search.synonyms import synonym_set

# Posting field codes, in the order of SearchDocument's term tuples.
FIELD_CODES: dict[str, int] = {"name": 0, "context": 1, "description": 2}
# Longer Latin "words" (URLs, codes) are cut, identically at index and query time, so the
# term column stays within PostgreSQL's b-tree row limit.
MAX_TERM_LENGTH = 100
FACET_SEPARATOR = "\x1f"
FACET_COLUMNS = tuple(f"facet_{name}" for name in FACET_NAMES)
_KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180

_SERVICE = IndexedService._meta.db_table
_FACET_SET = IndexedFacetSet._meta.db_table
_TERM = IndexedTerm._meta.db_table
_LOCATION = IndexedLocation._meta.db_table
_PERIOD = IndexedOpenPeriod._meta.db_table
_STATE = IndexedState._meta.db_table
_TABLES = (_TERM, _LOCATION, _PERIOD, _SERVICE)
STATE_NAME = "database"
# At most this many service ids in the per-process posting cache (~40 MB at the limit).
POSTING_CACHE_IDS = 1_000_000

_first = itemgetter(0)
_is_not_none = partial(is_not, None)


class DatabaseBackend:
    name = "database"

    def __init__(self) -> None:
        missing = [
            c for c in FACET_COLUMNS if c not in {f.name for f in IndexedService._meta.fields}
        ]
        if missing:  # a facet added to the contract needs a column and a migration
            raise RuntimeError(f"IndexedService lacks facet columns: {missing}")

    # --- reading ----------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        words = text.parse_query(query.text, synonyms=synonym_set()) if query.text else []
        with connection.cursor() as cursor:
            return _Search(cursor, query, words).run()

    def indexed_versions(self) -> dict[int, str]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT service_id, version FROM {_SERVICE}")
            return dict(cursor.fetchall())

    # --- writing ----------------------------------------------------------------------------

    def index(self, documents: Sequence[SearchDocument]) -> None:
        """Insert or replace these services, all in one transaction."""
        unique = list({d.service_id: d for d in documents}.values())
        if not unique:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            set_ids = _facet_set_ids(cursor, unique)
            _delete_rows(cursor, [d.service_id for d in unique])
            _write(cursor, unique, set_ids)
            _touch(cursor)

    def delete(self, service_ids: Sequence[int]) -> None:
        if not service_ids:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            _delete_rows(cursor, list(service_ids))
            _touch(cursor)

    def rebuild(self, batches: Iterable[Sequence[SearchDocument]]) -> int:
        """Replace every service batch by batch, then drop the ones no batch had.

        One short transaction per batch rather than one for the whole run: on SQLite a long
        write transaction would lock out every page save for minutes. Readers never see the
        index empty, only some services already in their new version.
        """
        seen: set[int] = set()
        for batch in batches:
            self.index(batch)
            seen.update(d.service_id for d in batch)
        stale = sorted(set(self.indexed_versions()) - seen)
        for start in range(0, len(stale), 1000):
            self.delete(stale[start : start + 1000])
        return len(seen)


# --- SQL helpers ------------------------------------------------------------------------------


def _in_ids(column: str, ids: Iterable[int]) -> tuple[str, Any]:
    """``column`` is one of ``ids``, with a single parameter however many there are."""
    values = list(ids)
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", values
    return f"{column} IN (SELECT value FROM json_each(%s))", json.dumps(values)


def _uuid_param(value: UUID) -> str:
    # Django stores UUIDField as 32 hex characters on SQLite and as uuid on PostgreSQL.
    return str(value) if connection.vendor == "postgresql" else value.hex


def _insert(cursor: Any, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    if not rows:
        return
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)


def _delete_rows(cursor: Any, service_ids: list[int]) -> None:
    for table in _TABLES:
        condition, param = _in_ids("service_id", service_ids)
        cursor.execute(f"DELETE FROM {table} WHERE {condition}", [param])


def _facet_key(values: Iterable[str]) -> str:
    return FACET_SEPARATOR.join(sorted(set(values)))


def _facet_set_ids(cursor: Any, documents: Sequence[SearchDocument]) -> dict[tuple[str, str], int]:
    """Ids of every (facet, value set) the documents use, registering new sets."""
    cursor.execute(f"SELECT facet, key, id FROM {_FACET_SET}")
    known = {(facet, key): pk for facet, key, pk in cursor.fetchall()}
    wanted = {
        (facet, _facet_key(doc.facets.get(facet, ()))) for doc in documents for facet in FACET_NAMES
    }
    missing = sorted(wanted - known.keys())
    if missing:
        # Concurrent indexers may register the same set; the unique constraint keeps one.
        cursor.executemany(
            f"INSERT INTO {_FACET_SET} (facet, key) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            missing,
        )
        cursor.execute(f"SELECT facet, key, id FROM {_FACET_SET}")
        known = {(facet, key): pk for facet, key, pk in cursor.fetchall()}
    return known


def _epoch(moment: datetime) -> float:
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=TOKYO)  # naive means Tokyo wall-clock, as in hours
    return moment.timestamp()


def _period_pieces(start: datetime, end: datetime) -> Iterable[tuple[int, int]]:
    """The period cut into pieces no longer than ``MAX_PERIOD_SECONDS`` (same union)."""
    begin, finish = int(_epoch(start)), int(_epoch(end))
    step = IndexedOpenPeriod.MAX_PERIOD_SECONDS
    while finish - begin > step:
        yield begin, begin + step
        begin += step
    if finish > begin:
        yield begin, finish


def _write(cursor: Any, documents: Sequence[SearchDocument], set_ids: dict) -> None:
    services: list[tuple] = []
    terms: list[tuple] = []
    locations: list[tuple] = []
    periods: list[tuple] = []
    for doc in documents:
        sid = doc.service_id
        services.append(
            (
                sid,
                _uuid_param(doc.hsds_id),
                doc.name,
                doc.organization,
                doc.url,
                doc.description,
                doc.sort_name,
                doc.evenings,
                doc.weekends,
                doc.version,
                *(set_ids[(f, _facet_key(doc.facets.get(f, ())))] for f in FACET_NAMES),
            )
        )
        for code, field_terms in (
            (FIELD_CODES["name"], doc.name_terms),
            (FIELD_CODES["context"], doc.context_terms),
            (FIELD_CODES["description"], doc.description_terms),
        ):
            terms.extend((term, code, sid) for term in {t[:MAX_TERM_LENGTH] for t in field_terms})
        locations.extend(
            (sid, p.latitude, p.longitude, p.location_id, p.location_name, p.municipality_code)
            for p in doc.points
        )
        for start, end in doc.open_periods:
            periods.extend((sid, begin, finish) for begin, finish in _period_pieces(start, end))
    _insert(
        cursor,
        _SERVICE,
        (
            "service_id",
            "hsds_id",
            "name",
            "organization",
            "url",
            "description",
            "sort_name",
            "evenings",
            "weekends",
            "version",
            *FACET_COLUMNS,
        ),
        services,
    )
    terms.sort()  # index order: inserts touch each b-tree page once, not once per service
    _insert(cursor, _TERM, ("term", "field", "service_id"), terms)
    _insert(
        cursor,
        _LOCATION,
        (
            "service_id",
            "latitude",
            "longitude",
            "location_id",
            "location_name",
            "municipality_code",
        ),
        locations,
    )
    _insert(cursor, _PERIOD, ("service_id", "starts_at", "ends_at"), periods)


# --- the in-memory columns -------------------------------------------------------------------


@dataclass(frozen=True)
class _Snapshot:
    """Every indexed service's flags and facet-set ids, in (sort_name, service_id) order.

    Fetching these columns per query costs more than the rest of a search together (about a
    microsecond a value), so each process keeps them and reloads when the token changes.
    """

    token: str | None
    ids: list[int]
    position: dict[int, int]  # service id → index in ids, which is also its name rank
    evenings: list[bool]
    weekends: list[bool]
    facets: dict[str, list[int]]  # facet → facet-set id per position
    sets: dict[int, tuple[str, ...]]  # facet-set id → values
    # (gram, prefix, field) → services: common words (相談) are asked for again and again, and
    # their postings cannot change while the token stays the same. Bounded by total ids.
    postings: OrderedDict[tuple[str, bool, int], frozenset[int]] = dataclasses.field(
        default_factory=OrderedDict
    )

    def cached_postings(self, key: tuple[str, bool, int]) -> frozenset[int] | None:
        with _POSTINGS_LOCK:
            found = self.postings.get(key)
            if found is not None:
                self.postings.move_to_end(key)
            return found

    def remember_postings(self, key: tuple[str, bool, int], found: frozenset[int]) -> None:
        with _POSTINGS_LOCK:
            self.postings[key] = found
            while sum(map(len, self.postings.values())) > POSTING_CACHE_IDS:
                if len(self.postings) == 1:
                    break
                self.postings.popitem(last=False)


_POSTINGS_LOCK = threading.Lock()
_snapshots: dict[tuple[str, str], _Snapshot] = {}


def _current_token(cursor: Any) -> str | None:
    cursor.execute(f"SELECT token FROM {_STATE} WHERE name = %s", [STATE_NAME])
    row = cursor.fetchone()
    return row[0] if row else None


def _snapshot(cursor: Any) -> _Snapshot:
    key = (connection.alias, str(connection.settings_dict["NAME"]))
    token = _current_token(cursor)  # read before the data, so the data is at least this new
    snapshot = _snapshots.get(key)
    if snapshot is not None and snapshot.token == token:
        return snapshot
    cursor.execute(
        f"SELECT service_id, evenings, weekends, {', '.join(FACET_COLUMNS)} FROM {_SERVICE} "
        "ORDER BY sort_name, service_id"
    )
    rows = cursor.fetchall()
    width = 3 + len(FACET_NAMES)
    columns: list[tuple] = list(zip(*rows, strict=True)) if rows else [()] * width
    cursor.execute(f"SELECT id, key FROM {_FACET_SET}")
    interned: dict[int, int] = {}  # one int object per facet-set id, not one per service
    snapshot = _Snapshot(
        token=token,
        ids=list(columns[0]),
        position={sid: i for i, sid in enumerate(columns[0])},
        evenings=list(map(bool, columns[1])),
        weekends=list(map(bool, columns[2])),
        facets={
            facet: [interned.setdefault(pk, pk) for pk in column]
            for facet, column in zip(FACET_NAMES, columns[3:], strict=True)
        },
        sets={pk: tuple(k.split(FACET_SEPARATOR)) if k else () for pk, k in cursor.fetchall()},
    )
    _snapshots[key] = snapshot
    return snapshot


def _touch(cursor: Any) -> None:
    """Make every process's snapshot stale; runs inside the writing transaction."""
    cursor.execute(
        f"INSERT INTO {_STATE} (name, token) VALUES (%s, %s) "
        "ON CONFLICT (name) DO UPDATE SET token = excluded.token",
        [STATE_NAME, uuid4().hex],
    )


# --- searching --------------------------------------------------------------------------------


def _radius_box(point: GeoFilter, radius_km: float) -> BoundingBox:
    """A latitude/longitude box that contains the whole circle (with a small margin)."""
    dlat = radius_km / _KM_PER_DEGREE * 1.01
    widest = min(89.0, abs(point.latitude) + dlat)
    dlng = min(180.0, dlat / max(math.cos(math.radians(widest)), 1e-6))
    return BoundingBox(
        min_latitude=point.latitude - dlat,
        min_longitude=point.longitude - dlng,
        max_latitude=point.latitude + dlat,
        max_longitude=point.longitude + dlng,
    )


def _nearest(point: GeoFilter, rows: Iterable[tuple[int, float, float]]) -> dict[int, float]:
    """Service id → distance in km of its nearest point.

    ``directory.geocoding.distance_km`` inlined (same formula, same floats), because a wide
    radius has thousands of points and the function call is most of the cost.
    """
    radians, sin, cos, asin, sqrt = math.radians, math.sin, math.cos, math.asin, math.sqrt
    phi1 = radians(point.latitude)
    cos1 = cos(phi1)
    diameter = 2 * EARTH_RADIUS_KM
    nearest: dict[int, float] = {}
    for sid, lat, lng in rows:
        phi2 = radians(lat)
        h = (
            sin((phi2 - phi1) / 2) ** 2
            + cos1 * cos(phi2) * sin(radians(lng - point.longitude) / 2) ** 2
        )
        distance = diameter * asin(min(1.0, sqrt(h)))
        if distance < nearest.get(sid, math.inf):
            nearest[sid] = distance
    return nearest


class _Search:
    """One query's run; holds the cursor and what the steps hand each other."""

    def __init__(self, cursor: Any, query: SearchQuery, words: list[tuple[text.QueryWord, ...]]):
        self.cursor = cursor
        self.query = query
        self.words = words
        self.scores: dict[int, int] = {}
        self.distances: dict[int, float] = {}
        self.snapshot = _snapshot(cursor)

    def run(self) -> SearchResult:
        query, snapshot = self.query, self.snapshot
        candidates = self._prefilter()
        matching, facets = self._facets(snapshot, self._positions(snapshot, candidates))
        if query.point is not None and query.point.radius_km is None and matching:
            self.distances = self._distances_of([snapshot.ids[p] for p in matching])
        page_ids = self._page(snapshot, matching)
        return SearchResult(
            total=len(matching), hits=self._hits(page_ids), facets=facets, backend="database"
        )

    # 1. prefilters

    def _prefilter(self) -> set[int] | None:
        """Ids passing text, geo and time filters; None when there are none of those."""
        query = self.query
        sets: list[set[int]] = []
        if self.words:
            self.scores = self._match_text()
            sets.append(set(self.scores))
        if query.point is not None and query.point.radius_km is not None:
            self.distances = self._within_radius(query.point, query.point.radius_km)
            sets.append(set(self.distances))
        if query.bbox is not None:
            sets.append(self._in_box(query.bbox))
        if query.open_at is not None:
            sets.append(self._open_at(_epoch(query.open_at)))
        if not sets:
            return None
        sets.sort(key=len)
        result = sets[0]
        for other in sets[1:]:
            result = result & other
        return result

    def _posting_set(self, gram: str, *, prefix: bool, field: int) -> frozenset[int]:
        key = (gram, prefix, field)
        cached = self.snapshot.cached_postings(key)
        if cached is not None:
            return cached
        if prefix:
            # Every term starting with the character: [g, next code point). The term column
            # compares by code point (bytewise on SQLite, COLLATE "C" on PostgreSQL).
            self.cursor.execute(
                f"SELECT service_id FROM {_TERM} WHERE term >= %s AND term < %s AND field = %s",
                [gram, chr(ord(gram) + 1), field],
            )
        else:
            self.cursor.execute(
                f"SELECT service_id FROM {_TERM} WHERE term = %s AND field = %s",
                [gram[:MAX_TERM_LENGTH], field],
            )
        found = frozenset(map(_first, self.cursor.fetchall()))
        self.snapshot.remember_postings(key, found)
        return found

    def _alternative_in_field(self, word: text.QueryWord, field: int) -> set[int]:
        """Services whose ``field`` holds every gram of ``word`` (prefix grams by prefix)."""
        grams = [(g, False) for g in word.exact_grams] + [(g, True) for g in word.prefix_grams]
        if not grams:
            return set()
        result: set[int] | None = None
        for gram, prefix in grams:
            found = self._posting_set(gram, prefix=prefix, field=field)
            result = set(found) if result is None else result & found
            if not result:
                return set()
        return result or set()

    def _match_text(self) -> dict[int, int]:
        """Service id → score for services matching every word (contract: best field per word)."""
        fields = sorted(FIELD_CODES, key=FIELD_WEIGHTS.__getitem__, reverse=True)
        groups: dict[int, set[int]] | None = None  # score → services
        for alternatives in self.words:
            levels: list[tuple[int, set[int]]] = []
            better: set[int] = set()
            for field in fields:
                matched: set[int] = set()
                for alternative in alternatives:
                    matched |= self._alternative_in_field(alternative, FIELD_CODES[field])
                levels.append((FIELD_WEIGHTS[field], matched - better))
                better |= matched
            merged: defaultdict[int, set[int]] = defaultdict(set)
            if groups is None:
                for weight, members in levels:
                    merged[weight] |= members
            else:
                for score, members in groups.items():
                    for weight, level in levels:
                        merged[score + weight] |= members & level
            groups = {score: members for score, members in merged.items() if members}
            if not groups:
                return {}
        scores: dict[int, int] = {}
        for score, members in (groups or {}).items():
            scores.update(dict.fromkeys(members, score))
        return scores

    def _within_radius(self, point: GeoFilter, radius_km: float) -> dict[int, float]:
        box = _radius_box(point, radius_km)
        return {
            sid: distance
            for sid, distance in _nearest(point, self._points_in(box)).items()
            if distance <= radius_km
        }

    def _points_in(self, box: BoundingBox) -> list[tuple[int, float, float]]:
        self.cursor.execute(
            f"SELECT service_id, latitude, longitude FROM {_LOCATION} "
            "WHERE latitude >= %s AND latitude <= %s AND longitude >= %s AND longitude <= %s",
            [box.min_latitude, box.max_latitude, box.min_longitude, box.max_longitude],
        )
        return self.cursor.fetchall()

    def _in_box(self, box: BoundingBox) -> set[int]:
        return set(map(_first, self._points_in(box)))

    def _open_at(self, moment: float) -> set[int]:
        self.cursor.execute(
            f"SELECT service_id FROM {_PERIOD} "
            "WHERE starts_at > %s AND starts_at <= %s AND ends_at > %s",
            [moment - IndexedOpenPeriod.MAX_PERIOD_SECONDS, moment, moment],
        )
        return set(map(_first, self.cursor.fetchall()))

    # 2. facets

    def _positions(self, snapshot: _Snapshot, candidates: set[int] | None) -> list[int]:
        """Snapshot positions (name order) of candidates passing the evening/weekend flags."""
        positions: list[int]
        if candidates is None:
            positions = list(range(len(snapshot.ids)))
        else:
            # A service indexed after the snapshot was taken waits for the next search.
            positions = sorted(filter(_is_not_none, map(snapshot.position.get, candidates)))
        if self.query.evenings:
            positions = list(compress(positions, map(snapshot.evenings.__getitem__, positions)))
        if self.query.weekends:
            positions = list(compress(positions, map(snapshot.weekends.__getitem__, positions)))
        return positions

    def _facets(
        self, snapshot: _Snapshot, positions: list[int]
    ) -> tuple[list[int], dict[str, list[FacetValueCount]]]:
        """Positions passing every facet filter, and the disjunctive counts of every facet."""
        everything = len(positions) == len(snapshot.ids)

        def column_of(facet: str) -> Iterable[int]:
            column = snapshot.facets[facet]
            return column if everything else map(column.__getitem__, positions)

        values = snapshot.sets
        selected = {
            facet: frozenset(chosen)
            for facet, chosen in self.query.filters.items()
            if chosen and facet in FACETS
        }
        masks: dict[str, list[bool]] = {}
        for facet, chosen in selected.items():
            passing = {pk for pk, members in values.items() if not chosen.isdisjoint(members)}
            masks[facet] = list(map(passing.__contains__, column_of(facet)))

        def combined(facets: list[str]) -> list[bool] | None:
            if not facets:
                return None
            if len(facets) == 1:
                return masks[facets[0]]
            return list(map(all, zip(*(masks[f] for f in facets), strict=True)))

        every = combined(list(masks))
        matching = positions if every is None else list(compress(positions, every))
        counts: dict[str, list[FacetValueCount]] = {}
        for facet in FACET_NAMES:
            mask = combined([f for f in masks if f != facet]) if facet in masks else every
            column = column_of(facet)
            per_set = Counter(column if mask is None else compress(column, mask))
            per_value: Counter[str] = Counter()
            for pk, count in per_set.items():
                for value in values[pk]:
                    per_value[value] += count
            chosen = selected.get(facet, frozenset())
            for value in chosen:
                per_value.setdefault(value, 0)
            counts[facet] = [
                FacetValueCount(value=value, count=count, selected=value in chosen)
                for value, count in sorted(per_value.items(), key=lambda vc: (-vc[1], vc[0]))
                if count > 0 or value in chosen
            ]
        return matching, counts

    # 3. order

    def _distances_of(self, ids: list[int]) -> dict[int, float]:
        assert self.query.point is not None
        condition, param = _in_ids("service_id", ids)
        self.cursor.execute(
            f"SELECT service_id, latitude, longitude FROM {_LOCATION} WHERE {condition}", [param]
        )
        return _nearest(self.query.point, self.cursor.fetchall())

    def _page(self, snapshot: _Snapshot, matching: list[int]) -> list[int]:
        """Service ids of the requested page, in the contract's order.

        ``matching`` holds snapshot positions, already in (sort_name, service_id) order;
        Python's sort is stable, so sorting by score and distance keeps that order among ties,
        which is exactly the contract's tie-break.
        """
        query = self.query
        start, stop = query.offset, query.offset + query.page_size
        by_distance = query.point is not None and query.sort in ("relevance", "distance")
        by_score = query.sort == "relevance" and bool(self.words)
        ids, scores, distances, inf = snapshot.ids, self.scores, self.distances, math.inf
        ordered = matching
        if by_score:
            # position → -score, built and looked up at C speed (no Python call per service)
            position = snapshot.position.__getitem__
            rank = dict(zip(map(position, scores), map(neg, scores.values()), strict=True))
        if by_score and by_distance:
            ordered = sorted(matching, key=lambda p: (rank[p], distances.get(ids[p], inf)))
        elif by_score:
            ordered = sorted(matching, key=rank.__getitem__)
        elif by_distance:
            ordered = sorted(matching, key=lambda p: distances.get(ids[p], inf))
        return [ids[p] for p in ordered[start:stop]]

    # 4. the page

    def _hits(self, page_ids: list[int]) -> list[Hit]:
        if not page_ids:
            return []
        cursor = self.cursor
        condition, param = _in_ids("service_id", page_ids)
        cursor.execute(
            f"SELECT service_id, hsds_id, name, organization, url, description FROM {_SERVICE} "
            f"WHERE {condition}",
            [param],
        )
        services = {row[0]: row for row in cursor.fetchall()}
        cursor.execute(
            f"SELECT service_id, latitude, longitude, location_name FROM {_LOCATION} "
            f"WHERE {condition} ORDER BY id",
            [param],
        )
        points: defaultdict[int, list[tuple]] = defaultdict(list)
        for sid, lat, lng, location_name in cursor.fetchall():
            points[sid].append((lat, lng, location_name))
        now = timezone.now().timestamp()
        cursor.execute(
            f"SELECT DISTINCT service_id FROM {_PERIOD} "
            f"WHERE {condition} AND starts_at <= %s AND ends_at > %s",
            [param, now, now],
        )
        open_now = set(map(_first, cursor.fetchall()))
        needles = [alternative.text for word in self.words for alternative in word]
        point = self.query.point
        hits = []
        for sid in page_ids:
            if sid not in services:
                continue  # deleted after this search read its snapshot
            _, hsds_id, name, organization, url, description = services[sid]
            located = points.get(sid, [])
            if point is not None and located:
                lat, lng, location_name = min(
                    located,
                    key=lambda p: distance_km(point.latitude, point.longitude, p[0], p[1]),
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
                    distance_km=self.distances.get(sid) if point is not None else None,
                    open_now=sid in open_now,
                    snippet=text.highlight(description, needles),
                    score=float(self.scores.get(sid, 0)),
                )
            )
        return hits
