"""Facet filtering and disjunctive counts over the snapshot's per-value bitsets.

Filtering is AND (facets) of OR (values) of bitsets; each facet's counts are popcounts of its
values' bitsets ANDed with every *other* facet's filter (``search.contract``).
"""

from __future__ import annotations

from collections.abc import Iterable

from search.backends.database.snapshot import Snapshot
from search.contract import FACET_NAMES, FACETS, FacetValueCount, SearchQuery


def facet_counts(
    snapshot: Snapshot, query: SearchQuery, candidates: int
) -> tuple[int, dict[str, list[FacetValueCount]]]:
    """Services passing every facet filter, and the disjunctive counts of every facet."""
    selected = {
        facet: frozenset(chosen)
        for facet, chosen in query.filters.items()
        if chosen and facet in FACETS
    }
    masks: dict[str, int] = {}
    for facet, chosen in selected.items():
        by_value = snapshot.values.get(facet, {})
        mask = 0
        for value in chosen:
            mask |= by_value.get(value, 0)
        masks[facet] = mask

    def combined(facets: Iterable[str]) -> int:
        result = candidates
        for facet in facets:
            result &= masks[facet]
        return result

    every = combined(masks)
    counts: dict[str, list[FacetValueCount]] = {}
    for facet in FACET_NAMES:
        mask = combined(f for f in masks if f != facet) if facet in masks else every
        per_value = {
            value: (mask & bits).bit_count()
            for value, bits in snapshot.values.get(facet, {}).items()
        }
        chosen = selected.get(facet, frozenset())
        for value in chosen:
            per_value.setdefault(value, 0)
        counts[facet] = [
            FacetValueCount(value=value, count=count, selected=value in chosen)
            for value, count in sorted(per_value.items(), key=lambda vc: (-vc[1], vc[0]))
            if count > 0 or value in chosen
        ]
    return every, counts
