"""``DatabaseBackend``: the contract's five calls, each one transaction or one read."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence

from django.db import DatabaseError, connection, transaction

from search.backends.database.query import Search
from search.backends.database.rebuilding import (
    STAGING_SUFFIX,
    note_touched,
    staging_create,
    staging_drop,
    swap,
)
from search.backends.database.tables import FACET_COLUMNS, SERVICE
from search.backends.database.writing import (
    Rows,
    delete_rows,
    document_rows,
    facet_set_ids,
    large_page_cache,
    touch,
    write_rows,
)
from search.contract import SearchDocument, SearchQuery, SearchResult
from search.documents import DocumentBatches
from search.models import IndexedService
from search.synonyms import query_words

logger = logging.getLogger(__name__)

# SQLite cannot build an index under another name and rename it, so the swap builds the posting
# indexes while it holds the database's write lock: about 2–3 s at 10,000 services, over a
# minute at 100,000, when a page save would wait past SQLITE_TIMEOUT (20 s) and fail. Above this
# many indexed services a SQLite rebuild replaces rows in place instead (PostgreSQL always swaps:
# it builds the indexes before the swap).
SQLITE_SWAP_MAX_SERVICES = 30_000


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
        words = query_words(query.text) if query.text else []
        with connection.cursor() as cursor:
            return Search(cursor, query, words).run()

    def indexed_versions(self) -> dict[int, str]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT service_id, version FROM {SERVICE}")
            return dict(cursor.fetchall())

    # --- writing ----------------------------------------------------------------------------

    def index(self, documents: Sequence[SearchDocument]) -> None:
        """Insert or replace these services, all in one transaction."""
        unique = list({d.service_id: d for d in documents}.values())
        if not unique:
            return
        rows = document_rows(unique)
        with transaction.atomic(), connection.cursor() as cursor:
            set_ids = facet_set_ids(cursor, rows)
            delete_rows(cursor, rows.service_ids)
            write_rows(cursor, rows, set_ids)
            note_touched(cursor, rows.service_ids)
            touch(cursor)

    def delete(self, service_ids: Sequence[int]) -> None:
        if not service_ids:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            delete_rows(cursor, list(service_ids))
            note_touched(cursor, list(service_ids))
            touch(cursor)

    def rebuild(self, batches: Iterable[Sequence[SearchDocument]]) -> int:
        """Fill fresh tables batch by batch, index them once and swap them in
        (``rebuilding``): searches keep the old index until the swap, and a failed rebuild
        leaves it whole.

        One short transaction per batch rather than one for the whole run: on SQLite a long
        write transaction would lock out every page save. Given ``DocumentBatches``, the
        documents and their rows are made in worker processes while this one writes.
        """
        if connection.vendor == "sqlite" and self._indexed_count() > SQLITE_SWAP_MAX_SERVICES:
            return self._rebuild_in_place(batches)
        seen: set[int] = set()
        with transaction.atomic(), connection.cursor() as cursor:
            staging_create(cursor)
        try:
            for rows in _rows_of(batches):
                with transaction.atomic(), connection.cursor() as cursor:
                    # Rows repeated across batches (a caller's overlap) keep the last version.
                    again = [sid for sid in rows.service_ids if sid in seen]
                    if again:
                        delete_rows(cursor, again, suffix=STAGING_SUFFIX)
                    write_rows(cursor, rows, facet_set_ids(cursor, rows), suffix=STAGING_SUFFIX)
                seen.update(rows.service_ids)
            with large_page_cache(), connection.cursor() as cursor:
                swap(cursor)
        except BaseException:
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    staging_drop(cursor)
            except DatabaseError:  # the next rebuild drops them; keep the first error
                logger.warning("Could not drop the fresh tables of a failed rebuild")
            raise
        return len(seen)

    def _indexed_count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {SERVICE}")
            return int(cursor.fetchone()[0])

    def _rebuild_in_place(self, batches: Iterable[Sequence[SearchDocument]]) -> int:
        """Replace every service batch by batch in the live tables, then drop the ones no batch
        had: slower than the swap, but no transaction is long (``SQLITE_SWAP_MAX_SERVICES``)."""
        seen: set[int] = set()
        with large_page_cache():
            for rows in _rows_of(batches):
                with transaction.atomic(), connection.cursor() as cursor:
                    set_ids = facet_set_ids(cursor, rows)
                    delete_rows(cursor, rows.service_ids)
                    write_rows(cursor, rows, set_ids)
                    touch(cursor)
                seen.update(rows.service_ids)
            stale = sorted(set(self.indexed_versions()) - seen)
            for start in range(0, len(stale), 1000):
                self.delete(stale[start : start + 1000])
        return len(seen)


def _rows_of(batches: Iterable[Sequence[SearchDocument]]) -> Iterator[Rows]:
    if isinstance(batches, DocumentBatches):
        yield from (rows for rows, _count in batches.map_in_processes(document_rows))
        return
    for batch in batches:
        yield document_rows(list({d.service_id: d for d in batch}.values()))
