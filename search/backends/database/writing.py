"""Writing services into the backend's tables: one transaction per call, snapshots made stale.

Rows are deleted and inserted rather than updated: a service's postings, points and periods
change together, and bulk inserts in index order are the fastest path on both vendors.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from uuid import uuid4

from django.db import connection

from directory.hours import TOKYO
from search.backends.database.tables import (
    FACET_COLUMNS,
    FACET_SEPARATOR,
    FACET_SET,
    FIELD_CODES,
    LOCATION,
    MAX_TERM_LENGTH,
    PER_SERVICE_TABLES,
    PERIOD,
    SERVICE,
    STATE,
    STATE_NAME,
    TERM,
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


def delete_rows(cursor: Any, service_ids: list[int]) -> None:
    for table in PER_SERVICE_TABLES:
        condition, param = in_ids("service_id", service_ids)
        cursor.execute(f"DELETE FROM {table} WHERE {condition}", [param])


def _facet_key(values: Iterable[str]) -> str:
    return FACET_SEPARATOR.join(sorted(set(values)))


def facet_set_ids(cursor: Any, documents: Sequence[SearchDocument]) -> dict[tuple[str, str], int]:
    """Ids of every (facet, value set) the documents use, registering new sets."""
    cursor.execute(f"SELECT facet, key, id FROM {FACET_SET}")
    known = {(facet, key): pk for facet, key, pk in cursor.fetchall()}
    wanted = {
        (facet, _facet_key(doc.facets.get(facet, ()))) for doc in documents for facet in FACET_NAMES
    }
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


def _period_pieces(start: datetime, end: datetime) -> Iterable[tuple[int, int]]:
    """The period cut into pieces no longer than ``MAX_PERIOD_SECONDS`` (same union)."""
    begin, finish = int(epoch(start)), int(epoch(end))
    step = IndexedOpenPeriod.MAX_PERIOD_SECONDS
    while finish - begin > step:
        yield begin, begin + step
        begin += step
    if finish > begin:
        yield begin, finish


def write(
    cursor: Any, documents: Sequence[SearchDocument], set_ids: dict[tuple[str, str], int]
) -> None:
    services: list[tuple[Any, ...]] = []
    terms: list[tuple[Any, ...]] = []
    locations: list[tuple[Any, ...]] = []
    periods: list[tuple[Any, ...]] = []
    for doc in documents:
        sid = doc.service_id
        services.append(
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
    insert(
        cursor,
        SERVICE,
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
            "availability",
            "availability_note",
            *FACET_COLUMNS,
        ),
        services,
    )
    terms.sort()  # index order: inserts touch each b-tree page once, not once per service
    insert(cursor, TERM, ("term", "field", "service_id"), terms)
    insert(
        cursor,
        LOCATION,
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
    insert(cursor, PERIOD, ("service_id", "starts_at", "ends_at"), periods)


def touch(cursor: Any) -> None:
    """Make every process's snapshot stale; runs inside the writing transaction."""
    cursor.execute(
        f"INSERT INTO {STATE} (name, token) VALUES (%s, %s) "
        "ON CONFLICT (name) DO UPDATE SET token = excluded.token",
        [STATE_NAME, uuid4().hex],
    )
