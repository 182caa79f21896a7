"""The Elasticsearch client, one per URL, and which errors mean "unavailable"."""

from __future__ import annotations

import functools

from elasticsearch import ApiError, Elasticsearch

from search.backends import BackendUnavailable

# Search requests must fail fast so the page can answer from the database instead.
SEARCH_TIMEOUT_S = 2.0
WRITE_TIMEOUT_S = 60.0
MAX_RETRIES = 1


def node_urls(url: str) -> list[str]:
    """The nodes named in ``ELASTICSEARCH_URL``: one URL, or a cluster's nodes comma-separated."""
    return [part.strip() for part in url.split(",") if part.strip()]


@functools.lru_cache(maxsize=8)
def client_for(url: str) -> Elasticsearch:
    """One client (and connection pool) per URL for the process; backends are cheap to make.

    With several nodes the client spreads requests over them and, when a node refuses the
    connection, sets it aside and tries the next: one retry per other node, so a request still
    answers while all but one are down. A timeout is not retried (a search falls back instead).
    """
    nodes = node_urls(url)
    return Elasticsearch(
        nodes,
        request_timeout=SEARCH_TIMEOUT_S,
        max_retries=max(MAX_RETRIES, len(nodes) - 1),
        retry_on_timeout=False,
    )


def unavailable(error: BaseException) -> BackendUnavailable:
    return BackendUnavailable(f"Elasticsearch is unavailable: {error}")


def is_outage(error: ApiError) -> bool:
    """Errors the caller should treat as "down": overload and missing shards, not bad requests."""
    return error.meta.status in (429, 502, 503, 504)
