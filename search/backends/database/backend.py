"""``DatabaseBackend``: the contract's five calls, each one transaction or one read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection, transaction

from search.backends.database.query import Search
from search.backends.database.tables import FACET_COLUMNS, SERVICE
from search.backends.database.writing import (
    delete_rows,
    facet_set_ids,
    large_page_cache,
    touch,
    write,
)
from search.contract import SearchDocument, SearchQuery, SearchResult
from search.models import IndexedService
from search.synonyms import query_words


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
        with transaction.atomic(), connection.cursor() as cursor:
            set_ids = facet_set_ids(cursor, unique)
            delete_rows(cursor, [d.service_id for d in unique])
            write(cursor, unique, set_ids)
            touch(cursor)

    def delete(self, service_ids: Sequence[int]) -> None:
        if not service_ids:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            delete_rows(cursor, list(service_ids))
            touch(cursor)

    def rebuild(self, batches: Iterable[Sequence[SearchDocument]]) -> int:
        """Replace every service batch by batch, then drop the ones no batch had.

        One short transaction per batch rather than one for the whole run: on SQLite a long
        write transaction would lock out every page save for minutes. Readers never see the
        index empty, only some services already in their new version.
        """
        seen: set[int] = set()
        with large_page_cache():
            for batch in batches:
                self.index(batch)
                seen.update(d.service_id for d in batch)
            stale = sorted(set(self.indexed_versions()) - seen)
            for start in range(0, len(stale), 1000):
                self.delete(stale[start : start + 1000])
        return len(seen)
