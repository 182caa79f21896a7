"""The backend's tables (``search.models.database_index``) and the SQL both vendors share.

SQLite and PostgreSQL differ in how a list of ids is passed, how UUIDs are stored, how rows
are bulk-inserted and how ids are aggregated; each difference is answered here, once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from django.db import connection, models

from search.contract import FACET_NAMES
from search.models import (
    IndexedFacetSet,
    IndexedLocation,
    IndexedOpenPeriod,
    IndexedService,
    IndexedState,
    IndexedTerm,
)

# Posting field codes, in the order of SearchDocument's term tuples.
FIELD_CODES: dict[str, int] = {"name": 0, "context": 1, "description": 2}
# Longer Latin "words" (URLs, codes) are cut, identically at index and query time, so the
# term column stays within PostgreSQL's b-tree row limit.
MAX_TERM_LENGTH = 100
FACET_SEPARATOR = "\x1f"
FACET_COLUMNS = tuple(f"facet_{name}" for name in FACET_NAMES)

SERVICE = IndexedService._meta.db_table
FACET_SET = IndexedFacetSet._meta.db_table
TERM = IndexedTerm._meta.db_table
LOCATION = IndexedLocation._meta.db_table
PERIOD = IndexedOpenPeriod._meta.db_table
STATE = IndexedState._meta.db_table
PER_SERVICE_TABLES = (TERM, LOCATION, PERIOD, SERVICE)
STATE_NAME = "database"
# Rows per INSERT on SQLite (at most its parameter limit allows): one statement for many rows,
# because with AUTOINCREMENT every statement also rewrites sqlite_sequence (measured: 1.7 M
# postings in 8 s with executemany, 2 s in statements of 5,000 rows).
SQLITE_ROWS_PER_INSERT = 5000


def _written_columns(model: type[models.Model]) -> tuple[str, ...]:
    """The columns a write gives: all but an automatic id, which the database assigns."""
    return tuple(
        f.column for f in model._meta.local_fields if not f.auto_created and f.column is not None
    )


# In the order of writing.document_rows' service tuples, facet columns last.
SERVICE_COLUMNS = (
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
)
TERM_COLUMNS = _written_columns(IndexedTerm)
LOCATION_COLUMNS = _written_columns(IndexedLocation)
PERIOD_COLUMNS = _written_columns(IndexedOpenPeriod)
WRITTEN_COLUMNS = {
    SERVICE: SERVICE_COLUMNS,
    TERM: TERM_COLUMNS,
    LOCATION: LOCATION_COLUMNS,
    PERIOD: PERIOD_COLUMNS,
}


def in_ids(column: str, ids: Iterable[int]) -> tuple[str, Any]:
    """``column`` is one of ``ids``, with a single parameter however many there are."""
    values = list(ids)
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", values
    return f"{column} IN (SELECT value FROM json_each(%s))", json.dumps(values)


def uuid_param(value: UUID) -> str:
    # Django stores UUIDField as 32 hex characters on SQLite and as uuid on PostgreSQL.
    return str(value) if connection.vendor == "postgresql" else value.hex


def insert(cursor: Any, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    # The driver's own cursor and "?" placeholders: Django's cursor would rewrite every
    # statement's placeholders (a regex over 15,000 of them) and its debug cursor quote every
    # parameter to log it. Django assumes SQLite's old limit of 999 parameters; ask the library.
    raw = cursor.cursor
    limit = raw.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per = max(1, min(SQLITE_ROWS_PER_INSERT, limit // len(columns)))
    row_sql = "(" + ", ".join(["?"] * len(columns)) + ")"
    for start in range(0, len(rows), per):
        chunk = rows[start : start + per]
        values = ", ".join([row_sql] * len(chunk))
        sqlite3.Cursor.execute(
            raw,
            f"INSERT INTO {table} ({names}) VALUES {values}",
            [v for row in chunk for v in row],
        )


def joined_ids() -> str:
    """An aggregate of the rows' service ids joined by commas: one value to fetch, several
    times cheaper than a row per id."""
    if connection.vendor == "postgresql":
        return "string_agg(service_id::text, ',')"
    return "group_concat(service_id)"


def current_token(cursor: Any) -> str | None:
    """The token every write changes (``writing.touch``); snapshots are valid while it stays."""
    cursor.execute(f"SELECT token FROM {STATE} WHERE name = %s", [STATE_NAME])
    row = cursor.fetchone()
    return row[0] if row else None
