"""Search backends behind one contract (``search.contract``), chosen by ``SEARCH_BACKEND``.

``database`` is the embedded default and always kept up to date, because it is also the
fallback when Elasticsearch cannot be reached. ``elasticsearch`` uses ``elasticsearch.dsl``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from search.contract import SearchDocument, SearchQuery, SearchResult

BACKENDS = {
    "database": "search.backends.database.DatabaseBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}


class BackendUnavailable(Exception):
    """The backend cannot be reached; callers fall back or queue the work."""


class SearchBackend(Protocol):
    name: str

    def search(self, query: SearchQuery) -> SearchResult: ...

    def index(self, documents: Sequence[SearchDocument]) -> None: ...

    def delete(self, service_ids: Sequence[int]) -> None: ...

    def rebuild(self, batches: Iterable[Sequence[SearchDocument]]) -> int:
        """Replace the whole index with these documents; search never sees it empty."""
        ...

    def indexed_versions(self) -> dict[int, str]:
        """service id → ``SearchDocument.version`` of what the index holds (for reconcile)."""
        ...


def get_backend(name: str | None = None) -> SearchBackend:
    name = name or settings.SEARCH_BACKEND
    try:
        path = BACKENDS[name]
    except KeyError:
        raise ValueError(
            f"Unknown SEARCH_BACKEND {name!r}; choose one of {sorted(BACKENDS)}"
        ) from None
    return import_string(path)()
