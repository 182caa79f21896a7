"""The Elasticsearch client, one per URL, and which errors mean "unavailable"."""

from __future__ import annotations

import functools

from elasticsearch import ApiError, Elasticsearch

from search.backends import BackendUnavailable

# Search requests must fail fast so the page can answer from the database instead.
SEARCH_TIMEOUT_S = 2.0
WRITE_TIMEOUT_S = 60.0
MAX_RETRIES = 1


@functools.lru_cache(maxsize=8)
def client_for(url: str) -> Elasticsearch:
    """One client (and connection pool) per URL for the process; backends are cheap to make."""
    return Elasticsearch(
        url,
        request_timeout=SEARCH_TIMEOUT_S,
        max_retries=MAX_RETRIES,
        retry_on_timeout=False,
    )


def unavailable(error: BaseException) -> BackendUnavailable:
    return BackendUnavailable(f"Elasticsearch is unavailable: {error}")


def is_outage(error: ApiError) -> bool:
    """Errors the caller should treat as "down": overload and missing shards, not bad requests."""
    return error.meta.status in (429, 502, 503, 504)
