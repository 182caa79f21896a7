"""A full rebuild: fresh tables filled without secondary indexes, indexed once, swapped in.

Keeping the indexes while inserting cost most of a rebuild (every batch rewrote pages all over
the posting index); an index built once over all rows is a single sort. The fresh tables are
the live ones' names plus ``STAGING_SUFFIX``, made from the live tables' own definitions, so
migrations stay the one source of the schema. Readers keep the old tables until the swap, one
transaction that drops them, renames the fresh ones and changes the snapshot token
(``writing.touch``); a rebuild that fails drops its fresh tables and leaves the old ones whole.

Services written by ``index``/``delete`` while a rebuild runs are noted in ``TOUCHED``; the
swap copies their rows from the old tables, which hold their newest state, so an edit made
during a rebuild is not undone by a document the rebuild built before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from search.backends.database.tables import PER_SERVICE_TABLES, SERVICE, WRITTEN_COLUMNS, in_ids
from search.backends.database.writing import touch

STAGING_SUFFIX = "_rebuild"
TOUCHED = f"{SERVICE}_rebuild_touched"
# PostgreSQL's sort memory for building the indexes (the postings' index is ~100 MB at 10,000
# services); SQLite's sorter uses the page cache (``writing.large_page_cache``).
PG_INDEX_MEMORY = "256MB"


def _table_exists(cursor: Any, name: str) -> bool:
    if connection.vendor == "postgresql":
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
    else:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = %s", [name]
        )
    return bool(cursor.fetchone()[0])


def note_touched(cursor: Any, service_ids: Sequence[int]) -> None:
    """Inside ``index``/``delete``: if a rebuild is running, remember these services for its swap."""
    if _table_exists(cursor, TOUCHED):
        cursor.executemany(
            f"INSERT INTO {TOUCHED} (service_id) VALUES (%s)", [(sid,) for sid in service_ids]
        )


def staging_drop(cursor: Any) -> None:
    """Drop fresh tables left by this rebuild or by one that died."""
    for table in PER_SERVICE_TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {table}{STAGING_SUFFIX}")
    cursor.execute(f"DROP TABLE IF EXISTS {TOUCHED}")


@dataclass
class _Renames:
    """PostgreSQL: names given to the fresh tables' indexes until the swap frees the real ones."""

    indexes: list[tuple[str, str, str]] = field(default_factory=list)  # (table, temporary, real)
    constraints: list[tuple[str, str, str]] = field(default_factory=list)
    sequences: list[tuple[str, str]] = field(default_factory=list)  # (fresh table.column, real)


def staging_create(cursor: Any) -> None:
    """Fresh, empty tables like the live ones, without their indexes (primary keys kept on
    SQLite, where a table's key is part of its definition)."""
    staging_drop(cursor)
    for table in PER_SERVICE_TABLES:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TABLE {table}{STAGING_SUFFIX} "
                f"(LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS)"
            )
        else:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table]
            )
            (sql,) = cursor.fetchone()
            head = f'CREATE TABLE "{table}"'
            if not sql.startswith(head):
                raise RuntimeError(f"Unexpected definition of {table}: {sql[:80]}")
            cursor.execute(f'CREATE TABLE "{table}{STAGING_SUFFIX}"' + sql[len(head) :])
    cursor.execute(f"CREATE TABLE {TOUCHED} (service_id bigint NOT NULL)")


def _pg_index_staging(cursor: Any) -> _Renames:
    """Build the live tables' indexes and keys on the fresh tables, under temporary names."""
    renames = _Renames()
    cursor.execute(f"SET LOCAL maintenance_work_mem = '{PG_INDEX_MEMORY}'")
    for table in PER_SERVICE_TABLES:
        fresh = f"{table}{STAGING_SUFFIX}"
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid), c.conname, "
            "pg_get_constraintdef(c.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid "
            "LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid "
            "WHERE x.indrelid = %s::regclass ORDER BY i.relname",
            [table],
        )
        for name, definition, constraint, constraint_definition in cursor.fetchall():
            temporary = f"{name[:55]}{STAGING_SUFFIX}"
            if constraint:
                cursor.execute(
                    f'ALTER TABLE {fresh} ADD CONSTRAINT "{temporary}" {constraint_definition}'
                )
                renames.constraints.append((table, temporary, constraint))
            else:
                unique = "UNIQUE " if definition.startswith("CREATE UNIQUE") else ""
                method = definition[definition.index(" USING ") :]
                cursor.execute(f'CREATE {unique}INDEX "{temporary}" ON {fresh}{method}')
                renames.indexes.append((table, temporary, name))
        cursor.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attidentity <> ''",
            [table],
        )
        for (column,) in cursor.fetchall():
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
            (sequence,) = cursor.fetchone()
            renames.sequences.append((f"{fresh}.{column}", sequence.split(".")[-1].strip('"')))
        cursor.execute(f"ANALYZE {fresh}")  # the planner's statistics, as the old table had
    return renames


def _replay_touched(cursor: Any) -> None:
    """Copy the services written during the rebuild from the old tables into the fresh ones."""
    cursor.execute(f"SELECT DISTINCT service_id FROM {TOUCHED}")
    ids = [sid for (sid,) in cursor.fetchall()]
    if not ids:
        return
    for table in PER_SERVICE_TABLES:
        names = ", ".join(WRITTEN_COLUMNS[table])
        condition, param = in_ids("service_id", ids)
        cursor.execute(f"DELETE FROM {table}{STAGING_SUFFIX} WHERE {condition}", [param])
        cursor.execute(
            f"INSERT INTO {table}{STAGING_SUFFIX} ({names}) "
            f"SELECT {names} FROM {table} WHERE {condition}",
            [param],
        )


def _sqlite_index_definitions(cursor: Any, table: str) -> list[str]:
    cursor.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL "
        "ORDER BY name",
        [table],
    )
    return [sql for (sql,) in cursor.fetchall()]


def swap(cursor: Any) -> None:
    """Put the fresh tables in place of the live ones, in one transaction.

    On PostgreSQL the indexes are built before, under temporary names, and renamed here. On
    SQLite an index cannot be renamed, so they are built here under their own names; readers
    (WAL) keep reading the old tables meanwhile, only other writers wait.
    """
    postgresql = connection.vendor == "postgresql"
    with transaction.atomic():
        renames = _pg_index_staging(cursor) if postgresql else _Renames()
        if postgresql:
            # Writers that saw the rebuild running have noted their services before this.
            cursor.execute(f"LOCK TABLE {TOUCHED} IN ACCESS EXCLUSIVE MODE")
        _replay_touched(cursor)
        for table in PER_SERVICE_TABLES:
            indexes = [] if postgresql else _sqlite_index_definitions(cursor, table)
            cursor.execute(f"DROP TABLE {table}")
            cursor.execute(f"ALTER TABLE {table}{STAGING_SUFFIX} RENAME TO {table}")
            for sql in indexes:
                cursor.execute(sql)
        for table, temporary, real in renames.constraints:
            cursor.execute(f'ALTER TABLE {table} RENAME CONSTRAINT "{temporary}" TO "{real}"')
        for _table, temporary, real in renames.indexes:
            cursor.execute(f'ALTER INDEX "{temporary}" RENAME TO "{real}"')
        for column, real in renames.sequences:
            table, name = column.replace(STAGING_SUFFIX, "").split(".")
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, name])
            (sequence,) = cursor.fetchone()
            cursor.execute(f'ALTER SEQUENCE {sequence} RENAME TO "{real}"')
        cursor.execute(f"DROP TABLE {TOUCHED}")
        touch(cursor)
