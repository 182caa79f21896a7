"""Hits and facet counts from an Elasticsearch answer, in the contract's terms."""

from __future__ import annotations

import math
from typing import Any
from uuid import UUID

from directory.geo import haversine_km
from search import text
from search.backends.elasticsearch.queries import ALL_FACET_FILTERS, OPEN_NOW, OTHER_FACET_FILTERS
from search.contract import FACET_NAMES, FacetValueCount, Hit, SearchQuery


def _nearest(
    locations: list[dict[str, Any]], query: SearchQuery
) -> tuple[dict[str, Any] | None, float | None]:
    if not locations:
        return None, None
    if query.point is None:
        return locations[0], None
    lat, lng = query.point.latitude, query.point.longitude
    best, best_km = None, math.inf
    for location in locations:
        km = haversine_km(lat, lng, location["lat"], location["lon"])
        if km < best_km:
            best, best_km = location, km
    return best, best_km


def hit(raw: Any, *, query: SearchQuery, words: list[tuple[text.QueryWord, ...]]) -> Hit:
    body = raw["_source"]
    location, km = _nearest(list(body.get("locations") or ()), query)
    needles = [alternative.text for word in words for alternative in word]
    score = raw.get("_score")
    return Hit(
        service_id=int(body["service_id"]),
        hsds_id=UUID(body["hsds_id"]),
        name=body["name"],
        organization=body["organization"],
        url=body["url"],
        location_name=location["name"] if location else "",
        latitude=location["lat"] if location else None,
        longitude=location["lon"] if location else None,
        distance_km=km,
        open_now=OPEN_NOW in raw.get("matched_queries", ()),
        snippet=text.highlight(body.get("description", ""), needles),  # the start, without text
        score=float(score) if words and score is not None else 0.0,
        availability=(body.get("facet_availability") or [""])[0],
        availability_note=body.get("availability_note", ""),
    )


def _buckets(aggregations: dict[str, Any], facet: str) -> list[dict[str, Any]]:
    """The facet's terms buckets, wherever ``queries._aggregations`` put them."""
    for parent in (
        aggregations,
        aggregations.get(ALL_FACET_FILTERS, {}),
        aggregations.get(f"{OTHER_FACET_FILTERS}{facet}", {}),
    ):
        if facet in parent:
            return parent[facet].get("buckets", [])
    return []  # SEARCH_FILTER_PATH drops an aggregation without buckets


def facet_counts(aggregations: dict[str, Any], query: SearchQuery) -> dict[str, list]:
    facets: dict[str, list[FacetValueCount]] = {}
    for facet in FACET_NAMES:
        selected = set(query.filters.get(facet, ()))
        counts = {
            bucket["key"]: bucket["doc_count"]
            for bucket in _buckets(aggregations, facet)
            if bucket["doc_count"] > 0
        }
        for value in selected:
            counts.setdefault(value, 0)
        facets[facet] = [
            FacetValueCount(value=value, count=count, selected=value in selected)
            for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]
    return facets
