"""The ``database`` search backend: SQLite or PostgreSQL, no other service needed.

It is the default and the fallback when Elasticsearch is down, so it is always kept indexed.

How a search runs, and why:

Every set of services is a bitset over "positions", a service's rank in (sort_name,
service_id) order, held as a Python int: AND, OR and popcount run in C over N/64 words, so a
filter or a facet count costs microseconds however many services match (no pass over the
matching services per facet), and a set's positions come out already in the contract's
tie-break order.

1. Prefilters. Text from the own bigram postings (``IndexedTerm``; FTS5's trigram tokenizer
   finds nothing for 相談 or 食), fetched one aggregated row per field and cached per process
   as bitsets; "open at" from the period starts in the last ``MAX_PERIOD_SECONDS``; the map
   box and the radius from the points kept in memory. The radius runs last, on what the
   other filters left: grid cells wholly inside the circle are taken without a distance,
   and exact distances are computed only for points in cells the circle crosses (or, when
   the other filters left few services, for those services' points only).
2. Facets: per facet and value, a bitset of its services, in memory per process
   (``_Snapshot``, reloaded when a write has changed ``IndexedState.token``); filtering is
   AND/OR of those, the disjunctive counts are popcounts.
3. Order: score groups are bitsets, already in name order inside; by distance, the page is
   found by walking cells nearest first (exact haversine, the same floats as
   ``directory.geocoding.distance_km``) until no unseen service can come closer.
4. Display fields, "open now" and snippets are loaded for the page's hits only.

Scores and matching follow ``search.contract`` exactly, so ``tests/search/test_parity.py`` can
hold this backend and Elasticsearch to the same answers.
"""

from __future__ import annotations

import dataclasses
import heapq
import json
import math
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from itertools import compress, repeat
from operator import is_not, itemgetter
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
# Points are bucketed in cells of this many degrees (~0.5 km): a radius then takes whole cells
# that lie inside it without computing a distance, and orders by distance cell by cell.
CELL_DEGREES = 0.005
# Cell distance bounds are widened by this much (relative, and km), far beyond the error of
# bounding a cell by its clamped point and corners; cells are used up to GRID_MAX_RADIUS_KM.
CELL_MARGIN = 1e-3
GRID_MAX_RADIUS_KM = 200.0
# Without a radius, ordering by distance walks the cells (each needs its bounds computed) only
# when the members outnumber the cells this many times; else it measures every member.
WALK_MEMBERS_PER_CELL = 8
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
# SQLite page cache while a rebuild runs (KiB).
REBUILD_CACHE_KIB = 256 * 1024
# The per-process posting cache keeps bitsets of this many bytes at most (each term's entry
# is a bitset of all services per field: 37 KB at 100,000 services).
POSTING_CACHE_BYTES = 48 * 1024 * 1024

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
        with _large_page_cache():
            for batch in batches:
                self.index(batch)
                seen.update(d.service_id for d in batch)
            stale = sorted(set(self.indexed_versions()) - seen)
            for start in range(0, len(stale), 1000):
                self.delete(stale[start : start + 1000])
        return len(seen)


@contextmanager
def _large_page_cache() -> Iterator[None]:
    """On SQLite, a page cache of ``REBUILD_CACHE_KIB`` while it lasts.

    Every batch deletes and inserts postings all over the term index; with SQLite's default
    2 MB cache most of those pages are read again for each batch (measured: rebuild twice as
    fast with 256 MB). Restored afterwards, so the connection's memory shrinks back.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{REBUILD_CACHE_KIB:d}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous):d}")


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

# Sets of snapshot positions are Python ints used as bitsets (bit p = the service at position
# p): AND, OR and popcount run in C over N/64 machine words, so a filter or a facet count costs
# microseconds however many services match, and positions come out already in name order.
_TO_ASCII = bytes.maketrans(b"\x00\x01", b"01")
_FROM_ASCII = bytes.maketrans(b"01", b"\x00\x01")


def _bits(positions: Iterable[int], size: int) -> int:
    """The bitset of ``positions`` (each in range(size))."""
    if size == 0:
        return 0
    flags = bytearray(size)
    deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)
    return int(flags.translate(_TO_ASCII)[::-1], 2)


def _positions(bits: int) -> list[int]:
    """The set positions of ``bits``, ascending."""
    if not bits:
        return []
    flags = format(bits, "b").encode("ascii").translate(_FROM_ASCII)[::-1]
    return list(compress(range(len(flags)), flags))


def _has(bits: int, position: int) -> bool:
    return bool(bits >> position & 1)


def _flags(bits: int, size: int) -> bytes:
    """``bits`` as one byte (0 or 1) per position, for many membership tests."""
    if size == 0:
        return b""
    return format(bits, f"0{size}b").encode("ascii").translate(_FROM_ASCII)[::-1]


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude / CELL_DEGREES), math.floor(longitude / CELL_DEGREES)


@dataclass(frozen=True)
class _Points:
    """Every indexed point, sorted by latitude (a latitude band is a slice via bisect).

    ``phi`` and ``cos_phi`` are ``radians(latitude)`` and its cosine, precomputed: the very
    floats ``directory.geocoding.distance_km`` computes, so distances stay bit-identical.
    """

    latitude: list[float]
    longitude: list[float]
    phi: list[float]
    cos_phi: list[float]
    position: list[int]  # the service's snapshot position
    of_position: dict[int, list[int]]  # snapshot position → indices of its points
    cells: dict[tuple[int, int], list[int]]  # grid cell (see _cell) → indices of its points


@dataclass(frozen=True)
class _Snapshot:
    """Every indexed service's flags, facets and points, in (sort_name, service_id) order.

    Fetching these columns per query costs more than the rest of a search together (about a
    microsecond a value), so each process keeps them and reloads when the token changes.
    """

    token: str | None
    ids: list[int]
    position: dict[int, int]  # service id → index in ids, which is also its name rank
    everyone: int  # bitset of all positions
    evenings: int  # bitsets
    weekends: int
    values: dict[str, dict[str, int]]  # facet → value → bitset of services having it
    points: _Points
    # (gram, prefix) → field → bitset: common words (相談) are asked for again and again, and
    # their postings cannot change while the token stays the same. Bounded in bytes.
    postings: OrderedDict[tuple[str, bool], dict[int, int]] = dataclasses.field(
        default_factory=OrderedDict
    )

    def cached_postings(self, key: tuple[str, bool]) -> dict[int, int] | None:
        with _POSTINGS_LOCK:
            found = self.postings.get(key)
            if found is not None:
                self.postings.move_to_end(key)
            return found

    def remember_postings(self, key: tuple[str, bool], found: dict[int, int]) -> None:
        # Each entry is at most len(FIELD_CODES) bitsets of len(ids) bits.
        limit = max(16, POSTING_CACHE_BYTES // max(1, len(self.ids) * len(FIELD_CODES) // 8))
        with _POSTINGS_LOCK:
            self.postings[key] = found
            while len(self.postings) > limit:
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
    size = len(rows)
    width = 3 + len(FACET_NAMES)
    columns: list[tuple] = list(zip(*rows, strict=True)) if rows else [()] * width
    ids = list(columns[0])
    position = {sid: i for i, sid in enumerate(ids)}
    cursor.execute(f"SELECT id, key FROM {_FACET_SET}")
    sets = {pk: tuple(k.split(FACET_SEPARATOR)) if k else () for pk, k in cursor.fetchall()}
    values: dict[str, dict[str, int]] = {}
    for facet, column in zip(FACET_NAMES, columns[3:], strict=True):
        by_set: defaultdict[int, list[int]] = defaultdict(list)
        for i, pk in enumerate(column):
            by_set[pk].append(i)
        by_value: defaultdict[str, int] = defaultdict(int)
        for pk, members in by_set.items():
            bits = _bits(members, size)
            for value in sets.get(pk, ()):
                by_value[value] |= bits
        values[facet] = dict(by_value)
    snapshot = _Snapshot(
        token=token,
        ids=ids,
        position=position,
        everyone=(1 << size) - 1,
        evenings=_bits(compress(range(size), map(bool, columns[1])), size),
        weekends=_bits(compress(range(size), map(bool, columns[2])), size),
        values=values,
        points=_load_points(cursor, position),
    )
    _snapshots[key] = snapshot
    return snapshot


def _load_points(cursor: Any, position: dict[int, int]) -> _Points:
    cursor.execute(f"SELECT service_id, latitude, longitude FROM {_LOCATION}")
    rows = sorted(
        (lat, lng, position[sid]) for sid, lat, lng in cursor.fetchall() if sid in position
    )
    latitudes = [r[0] for r in rows]
    phi = list(map(math.radians, latitudes))
    of_position: defaultdict[int, list[int]] = defaultdict(list)
    cells: defaultdict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (lat, lng, p) in enumerate(rows):
        of_position[p].append(i)
        cells[_cell(lat, lng)].append(i)
    return _Points(
        latitude=latitudes,
        longitude=[r[1] for r in rows],
        phi=phi,
        cos_phi=list(map(math.cos, phi)),
        position=[r[2] for r in rows],
        of_position=dict(of_position),
        cells=dict(cells),
    )


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


def _joined_ids() -> str:
    """An aggregate of the rows' service ids joined by commas: one value to fetch, several
    times cheaper than a row per id."""
    if connection.vendor == "postgresql":
        return "string_agg(service_id::text, ',')"
    return "group_concat(service_id)"


def _haversine(phi1: float, cos1: float, lng1: float, lat: float, lng: float) -> float:
    """``directory.geocoding.distance_km`` with the first point's radians and cosine given."""
    phi2 = math.radians(lat)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + cos1 * math.cos(phi2) * math.sin(math.radians(lng - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class _Search:
    """One query's run; holds the cursor and what the steps hand each other.

    Every set of services is a bitset over snapshot positions (see ``_bits``).
    """

    def __init__(self, cursor: Any, query: SearchQuery, words: list[tuple[text.QueryWord, ...]]):
        self.cursor = cursor
        self.query = query
        self.words = words
        self.snapshot = _snapshot(cursor)
        self.groups: list[tuple[int, int]] = []  # (score, bitset), best score first
        self.distances: dict[int, float] = {}  # position → km to its nearest point
        self.cells: list[tuple[float, float, list[int]]] | None = None  # see _cells

    def run(self) -> SearchResult:
        snapshot = self.snapshot
        candidates = self._prefilter()
        matching, facets = self._facets(snapshot, candidates)
        page = self._page(snapshot, matching)
        return SearchResult(
            total=matching.bit_count(),
            hits=self._hits([snapshot.ids[p] for p in page], page),
            facets=facets,
            backend="database",
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
            result &= self._open_at(_epoch(query.open_at))
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
            f"SELECT field, {_joined_ids()} FROM {_TERM} WHERE {condition} GROUP BY field",
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

    def _match_text(self) -> list[tuple[int, int]]:
        """(score, services) for services matching every word (contract: best field per word)."""
        fields = sorted(FIELD_CODES, key=FIELD_WEIGHTS.__getitem__, reverse=True)
        groups: dict[int, int] | None = None  # score → services
        for alternatives in self.words:
            per_field: defaultdict[int, int] = defaultdict(int)
            for alternative in alternatives:
                for field, bits in self._alternative(alternative).items():
                    per_field[field] |= bits
            levels: list[tuple[int, int]] = []
            better = 0
            for field in fields:
                matched = per_field.get(FIELD_CODES[field], 0)
                levels.append((FIELD_WEIGHTS[field], matched & ~better))
                better |= matched
            merged: defaultdict[int, int] = defaultdict(int)
            if groups is None:
                for weight, members in levels:
                    merged[weight] |= members
            else:
                for score, members in groups.items():
                    for weight, level in levels:
                        merged[score + weight] |= members & level
            groups = {score: members for score, members in merged.items() if members}
            if not groups:
                return []
        return sorted((groups or {}).items(), reverse=True)

    def _within_radius(self, point: GeoFilter, radius_km: float, candidates: int) -> int:
        """Candidates with a point within the radius.

        Cells wholly inside the circle are taken without a distance, cells wholly outside are
        skipped, and only the points of cells on the circle get an exact distance; when the
        candidates are far fewer than the points around, their points are measured instead.
        """
        snapshot = self.snapshot
        box = _radius_box(point, radius_km)
        size = len(snapshot.ids)
        cells = self._cells(point, box) if radius_km <= GRID_MAX_RADIUS_KM else None
        restricted = candidates != snapshot.everyone
        if cells is None or (
            restricted and candidates.bit_count() * 8 < sum(len(c[2]) for c in cells)
        ):
            nearest = self._nearest(
                point, self._point_indices(box, candidates if restricted else None)
            )
            self.distances.update(nearest)
            within = (p for p, distance in nearest.items() if distance <= radius_km)
            return candidates & _bits(within, size)
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
        near = self._nearest(point, edge)
        found = list(map(points.position.__getitem__, inside))
        found.extend(p for p, distance in near.items() if distance <= radius_km)
        return candidates & _bits(found, size)

    def _cells(
        self, point: GeoFilter, box: BoundingBox | None
    ) -> list[tuple[float, float, list[int]]]:
        """(lower, upper, point indices) of the non-empty cells meeting ``box`` (or all).

        ``lower`` and ``upper`` bound the distance in km from ``point`` to any point of the
        cell, widened by ``CELL_MARGIN``.
        """
        grid = self.snapshot.points.cells
        keys: Iterable[tuple[int, int]]
        if box is None:
            keys = grid
        else:
            low = _cell(box.min_latitude, box.min_longitude)
            high = _cell(box.max_latitude, box.max_longitude)
            if (high[0] - low[0] + 1) * (high[1] - low[1] + 1) > len(grid):
                keys = [k for k in grid if low[0] <= k[0] <= high[0] and low[1] <= k[1] <= high[1]]
            else:
                keys = [
                    (i, j)
                    for i in range(low[0], high[0] + 1)
                    for j in range(low[1], high[1] + 1)
                    if (i, j) in grid
                ]
        lat0, lng0 = point.latitude, point.longitude
        phi0 = math.radians(lat0)
        cos0 = math.cos(phi0)
        bounds = []
        for key in keys:
            south, west = key[0] * CELL_DEGREES, key[1] * CELL_DEGREES
            north, east = south + CELL_DEGREES, west + CELL_DEGREES
            closest = _haversine(
                phi0, cos0, lng0, min(max(lat0, south), north), min(max(lng0, west), east)
            )
            farthest = max(
                _haversine(phi0, cos0, lng0, lat, lng)
                for lat in (south, north)
                for lng in (west, east)
            )
            bounds.append(
                (
                    closest * (1 - CELL_MARGIN) - CELL_MARGIN,
                    farthest * (1 + CELL_MARGIN) + CELL_MARGIN,
                    grid[key],
                )
            )
        return bounds

    def _distance(self, position: int) -> float:
        """Km to the service's nearest point (inf without points), computed once."""
        found = self.distances.get(position)
        if found is None:
            assert self.query.point is not None
            indices = self.snapshot.points.of_position.get(position, ())
            found = self._nearest(self.query.point, indices).get(position, math.inf)
            self.distances[position] = found
        return found

    def _closest(self, members: int, count: int) -> list[int]:
        """The ``count`` first members by (distance, position), walking cells nearest first."""
        point = self.query.point
        assert point is not None
        cells = self.cells
        if cells is None:
            cells = self.cells = self._cells(point, None)
        flags = _flags(members, len(self.snapshot.ids))
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
            rest = (p for p in _positions(members) if p not in seen)
            ordered.extend(p for p, _ in zip(rest, range(count - len(ordered)), strict=False))
        return ordered

    def _point_indices(self, box: BoundingBox, candidates: int | None = None) -> list[int]:
        """Indices of the points in the box (of candidate services only, if given)."""
        points = self.snapshot.points
        low = bisect_left(points.latitude, box.min_latitude)
        high = bisect_right(points.latitude, box.max_latitude)
        min_lng, max_lng, longitude = box.min_longitude, box.max_longitude, points.longitude
        if candidates is not None and candidates != self.snapshot.everyone:
            # Whichever is fewer: the candidates' points, or the band's points.
            count = candidates.bit_count()
            if count < high - low:
                of_position = points.of_position
                band = [
                    i
                    for p in _positions(candidates)
                    for i in of_position.get(p, ())
                    if low <= i < high
                ]
            else:
                flags, position = _flags(candidates, len(self.snapshot.ids)), points.position
                band = [i for i in range(low, high) if flags[position[i]]]
        else:
            band = range(low, high)
        return [i for i in band if min_lng <= longitude[i] <= max_lng]

    def _nearest(self, point: GeoFilter, indices: Iterable[int]) -> dict[int, float]:
        """Position → distance in km of its nearest point among ``indices``.

        ``directory.geocoding.distance_km`` inlined (same formula, same floats, radians and
        cosine of each point's latitude precomputed), because a wide radius has thousands of
        points and the function call is most of the cost.
        """
        points = self.snapshot.points
        phis, cosines, longitudes, positions = (
            points.phi,
            points.cos_phi,
            points.longitude,
            points.position,
        )
        radians, sin, asin, sqrt = math.radians, math.sin, math.asin, math.sqrt
        phi1 = radians(point.latitude)
        cos1 = math.cos(phi1)
        lng1 = point.longitude
        diameter = 2 * EARTH_RADIUS_KM
        nearest: dict[int, float] = {}
        get, inf = nearest.get, math.inf
        for i in indices:
            h = (
                sin((phis[i] - phi1) / 2) ** 2
                + cos1 * cosines[i] * sin(radians(longitudes[i] - lng1) / 2) ** 2
            )
            distance = diameter * asin(min(1.0, sqrt(h)))
            p = positions[i]
            if distance < get(p, inf):
                nearest[p] = distance
        return nearest

    def _in_box(self, box: BoundingBox) -> int:
        points = self.snapshot.points
        indices = self._point_indices(box)
        return _bits(map(points.position.__getitem__, indices), len(self.snapshot.ids))

    def _open_at(self, moment: float) -> int:
        self.cursor.execute(
            f"SELECT {_joined_ids()} FROM {_PERIOD} "
            "WHERE starts_at > %s AND starts_at <= %s AND ends_at > %s",
            [moment - IndexedOpenPeriod.MAX_PERIOD_SECONDS, moment, moment],
        )
        return self._bits_of_joined(self.cursor.fetchone()[0])

    def _bits_of_joined(self, joined: str | None) -> int:
        """The bitset of the services in a comma-joined id list (see ``_joined_ids``)."""
        if not joined:
            return 0
        # A service indexed after the snapshot was taken waits for the next search.
        positions = map(self.snapshot.position.get, map(int, joined.split(",")))
        return _bits(filter(_is_not_none, positions), len(self.snapshot.ids))

    # 2. facets

    def _facets(
        self, snapshot: _Snapshot, candidates: int
    ) -> tuple[int, dict[str, list[FacetValueCount]]]:
        """Services passing every facet filter, and the disjunctive counts of every facet."""
        selected = {
            facet: frozenset(chosen)
            for facet, chosen in self.query.filters.items()
            if chosen and facet in FACETS
        }
        masks: dict[str, int] = {}
        for facet, chosen in selected.items():
            by_value = snapshot.values.get(facet, {})
            mask = 0
            for value in chosen:
                mask |= by_value.get(value, 0)
            masks[facet] = mask

        def combined(facets: Iterable[str]) -> int:
            result = candidates
            for facet in facets:
                result &= masks[facet]
            return result

        every = combined(masks)
        counts: dict[str, list[FacetValueCount]] = {}
        for facet in FACET_NAMES:
            mask = combined(f for f in masks if f != facet) if facet in masks else every
            per_value = {
                value: (mask & bits).bit_count()
                for value, bits in snapshot.values.get(facet, {}).items()
            }
            chosen = selected.get(facet, frozenset())
            for value in chosen:
                per_value.setdefault(value, 0)
            counts[facet] = [
                FacetValueCount(value=value, count=count, selected=value in chosen)
                for value, count in sorted(per_value.items(), key=lambda vc: (-vc[1], vc[0]))
                if count > 0 or value in chosen
            ]
        return every, counts

    # 3. order

    def _page(self, snapshot: _Snapshot, matching: int) -> list[int]:
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
                ordered.extend(_positions(members)[:need])
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
                ordered.extend(heapq.nsmallest(need, _positions(members), key=self._distance))
        return ordered[start:stop]

    # 4. the page

    def _distance_km(self, position: int) -> float | None:
        distance = self._distance(position)
        return None if distance == math.inf else distance

    def _score(self, position: int) -> int:
        for score, members in self.groups:
            if _has(members, position):
                return score
        return 0

    def _hits(self, page_ids: list[int], page: list[int]) -> list[Hit]:
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
        for sid, position in zip(page_ids, page, strict=True):
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
                    distance_km=self._distance_km(position) if point is not None else None,
                    open_now=sid in open_now,
                    snippet=text.highlight(description, needles),
                    score=float(self._score(position)),
                )
            )
        return hits
