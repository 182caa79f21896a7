"""Writing services into the backend's tables: one transaction per call, snapshots made stale.

Rows are deleted and inserted rather than updated: a service's postings, points and periods
change together, and bulk inserts in index order are the fastest path on both vendors.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import repeat
from typing import Any, NamedTuple
from uuid import uuid4

from django.db import connection

from directory.hours import TOKYO
from search.backends.database.tables import (
    FACET_SEPARATOR,
    FACET_SET,
    FIELD_CODES,
    LOCATION,
    LOCATION_COLUMNS,
    MAX_TERM_LENGTH,
    PER_SERVICE_TABLES,
    PERIOD,
    PERIOD_COLUMNS,
    SERVICE,
    SERVICE_COLUMNS,
    STATE,
    STATE_NAME,
    TERM,
    TERM_COLUMNS,
    in_ids,
    insert,
    uuid_param,
)
from search.contract import FACET_NAMES, SearchDocument
from search.models import IndexedOpenPeriod

# SQLite page cache while a rebuild runs (KiB).
REBUILD_CACHE_KIB = 256 * 1024


@contextmanager
def large_page_cache() -> Iterator[None]:
    """On SQLite, a page cache of ``REBUILD_CACHE_KIB`` and sorter threads while it lasts.

    A rebuild's swap builds the posting indexes: SQLite's sorter keeps in memory only as much
    as the page cache allows (the default 2 MB would spill to temporary files), and its helper
    threads sort on the cores the finished document workers left idle. Restored afterwards, so
    the connection's memory shrinks back.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute("PRAGMA threads")
        (threads,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{REBUILD_CACHE_KIB:d}")
        cursor.execute(f"PRAGMA threads = {os.cpu_count() or 1:d}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous):d}")
            cursor.execute(f"PRAGMA threads = {int(threads):d}")


def delete_rows(cursor: Any, service_ids: list[int], *, suffix: str = "") -> None:
    for table in PER_SERVICE_TABLES:
        condition, param = in_ids("service_id", service_ids)
        cursor.execute(f"DELETE FROM {table}{suffix} WHERE {condition}", [param])


def _facet_key(values: Iterable[str]) -> str:
    return FACET_SEPARATOR.join(sorted(set(values)))


class Rows(NamedTuple):
    """A batch of documents as table rows, made where the documents are built.

    Picklable and free of database ids, so a rebuild's worker processes make them: the main
    process only maps the facet keys to ids and writes. ``services`` lack the facet columns,
    which ``write_rows`` appends from ``facet_keys`` (one key per facet of ``FACET_NAMES``).
    """

    service_ids: list[int]
    services: list[tuple[Any, ...]]
    facet_keys: list[tuple[str, ...]]
    terms: list[tuple[str, int, int]]
    locations: list[tuple[Any, ...]]
    periods: list[tuple[int, int, int]]


def facet_set_ids(cursor: Any, rows: Rows) -> dict[tuple[str, str], int]:
    """Ids of every (facet, value set) the rows use, registering new sets."""
    cursor.execute(f"SELECT facet, key, id FROM {FACET_SET}")
    known = {(facet, key): pk for facet, key, pk in cursor.fetchall()}
    wanted = {pair for keys in rows.facet_keys for pair in zip(FACET_NAMES, keys, strict=True)}
    missing = sorted(wanted - known.keys())
    if missing:
        # Concurrent indexers may register the same set; the unique constraint keeps one.
        cursor.executemany(
            f"INSERT INTO {FACET_SET} (facet, key) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            missing,
        )
        cursor.execute(f"SELECT facet, key, id FROM {FACET_SET}")
        known = {(facet, key): pk for facet, key, pk in cursor.fetchall()}
    return known


def epoch(moment: datetime) -> float:
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=TOKYO)  # naive means Tokyo wall-clock, as in hours
    return moment.timestamp()


@functools.lru_cache(maxsize=8192)
def _period_pieces(start: datetime, end: datetime) -> tuple[tuple[int, int], ...]:
    """The period cut into pieces no longer than ``MAX_PERIOD_SECONDS`` (same union).

    Cached: services sharing a timetable share their periods (most open 平日 9:00–17:00).
    """
    begin, finish = int(epoch(start)), int(epoch(end))
    step = IndexedOpenPeriod.MAX_PERIOD_SECONDS
    pieces = []
    while finish - begin > step:
        pieces.append((begin, begin + step))
        begin += step
    if finish > begin:
        pieces.append((begin, finish))
    return tuple(pieces)


def document_rows(documents: Sequence[SearchDocument]) -> Rows:
    """The rows of these documents (module-level: rebuild workers are sent it by name)."""
    rows = Rows([], [], [], [], [], [])
    for doc in documents:
        sid = doc.service_id
        rows.service_ids.append(sid)
        rows.services.append(
            (
                sid,
                uuid_param(doc.hsds_id),
                doc.name,
                doc.organization,
                doc.url,
                doc.description,
                doc.sort_name,
                doc.evenings,
                doc.weekends,
                doc.version,
                doc.availability,
                doc.availability_note,
            )
        )
        rows.facet_keys.append(tuple(_facet_key(doc.facets.get(f, ())) for f in FACET_NAMES))
        for code, field_terms in (
            (FIELD_CODES["name"], doc.name_terms),
            (FIELD_CODES["context"], doc.context_terms),
            (FIELD_CODES["description"], doc.description_terms),
        ):
            unique = {t[:MAX_TERM_LENGTH] for t in field_terms}
            rows.terms.extend(zip(unique, repeat(code), repeat(sid)))
        rows.locations.extend(
            (sid, p.latitude, p.longitude, p.location_id, p.location_name, p.municipality_code)
            for p in doc.points
        )
        for start, end in doc.open_periods:
            rows.periods.extend(
                (sid, begin, finish) for begin, finish in _period_pieces(start, end)
            )
    return rows


def write_rows(
    cursor: Any, rows: Rows, set_ids: dict[tuple[str, str], int], *, suffix: str = ""
) -> None:
    """Insert the rows into the tables, or into the rebuild's fresh ones (``suffix``)."""
    services = [
        (*row, *(set_ids[pair] for pair in zip(FACET_NAMES, keys, strict=True)))
        for row, keys in zip(rows.services, rows.facet_keys, strict=True)
    ]
    insert(cursor, SERVICE + suffix, SERVICE_COLUMNS, services)
    # Into the live index, in its order: inserts touch each b-tree page once, not once per
    # service. The rebuild's fresh table has no index yet; building it sorts once.
    terms = rows.terms if suffix else sorted(rows.terms)
    insert(cursor, TERM + suffix, TERM_COLUMNS, terms)
    insert(cursor, LOCATION + suffix, LOCATION_COLUMNS, rows.locations)
    insert(cursor, PERIOD + suffix, PERIOD_COLUMNS, rows.periods)


def touch(cursor: Any) -> None:
    """Make every process's snapshot stale; runs inside the writing transaction."""
    cursor.execute(
        f"INSERT INTO {STATE} (name, token) VALUES (%s, %s) "
        "ON CONFLICT (name) DO UPDATE SET token = excluded.token",
        [STATE_NAME, uuid4().hex],
    )
