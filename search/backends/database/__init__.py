"""The ``database`` search backend: SQLite or PostgreSQL, no other service needed.

``SEARCH_BACKEND`` names ``search.backends.database.DatabaseBackend``; one module per role:
``backend`` (the class), ``tables`` (tables and vendor SQL), ``writing`` (index and delete),
``rebuilding`` (a full rebuild into fresh tables, swapped in), ``bitsets`` (sets of services
as ints), ``snapshot`` (the per-process columns), ``grid`` (points, cells and distances),
``query`` (one search's steps) and ``facets`` (counts).

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
   (``snapshot.Snapshot``, reloaded when a write has changed ``IndexedState.token``); filtering is
   AND/OR of those, the disjunctive counts are popcounts.
3. Order: score groups are bitsets (a word's rarity is the popcount of the services it
   matches, from the same postings; the name boost is one more posting, see
   ``search.contract``), already in name order inside; by distance, the page is
   found by walking cells nearest first (exact haversine, the same floats as
   ``directory.geo.haversine_km``) until no unseen service can come closer.
4. Display fields, "open now" and snippets are loaded for the page's hits only.

Scores and matching follow ``search.contract`` exactly, so ``tests/search/test_parity.py`` can
hold this backend and Elasticsearch to the same answers.
"""

from search.backends.database.backend import DatabaseBackend

__all__ = ["DatabaseBackend"]
