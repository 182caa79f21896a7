"""The request body for a ``SearchQuery`` (see the package docstring for the why)."""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.utils import timezone
from elasticsearch import Elasticsearch
from elasticsearch.dsl import A, Q, Search
from elasticsearch.dsl.query import Query

from search import text
from search.backends.elasticsearch.mapping import INDEX_MAX_RESULT_WINDOW, facet_field, millis
from search.contract import FACET_NAMES, NAME_START_BOOST, SearchQuery, word_weights
from search.synonyms import synonym_set
from search.words import name_start_query, parse_query

# Every value of every facet is counted (municipality has at most ~1,900 values).
FACET_SIZE = 5000
# Only what search() reads of an answer: the JSON to decode shrinks by about a third.
# https://www.elastic.co/docs/reference/elasticsearch/rest-apis/common-options#common-options-response-filtering
SEARCH_FILTER_PATH = (
    "hits.total.value,hits.hits._score,hits.hits._source,hits.hits.matched_queries,"
    "aggregations.**.buckets.key,aggregations.**.buckets.doc_count"
)
TERM_FIELDS = {"name": "name_terms", "context": "context_terms", "description": "description_terms"}
ALL_FACET_FILTERS = "all_facet_filters"
OTHER_FACET_FILTERS = "other_facet_filters_of_"
_HIT_SOURCE = [
    "service_id",
    "hsds_id",
    "name",
    "organization",
    "url",
    "locations",
    "description",
    "facet_availability",
    "availability_note",
]
# The name of the query whose match says a hit is open now (see _open_now_clause).
OPEN_NOW = "open_now"


def _alternative_filter(word: text.QueryWord, terms_field: str) -> Query:
    """The field holds every gram of the alternative."""
    return Q(
        "bool",
        filter=[Q("term", **{terms_field: g}) for g in word.exact_grams]
        + [Q("prefix", **{terms_field: g}) for g in word.prefix_grams],
    )


def _word_query(alternatives: Sequence[text.QueryWord], weights: Weights) -> Query:
    """Best weight among the fields where some alternative has all its grams (synonyms less)."""
    per_field = []
    for synonym, field_weights in ((False, weights[0]), (True, weights[1])):
        words = [word for word in alternatives if word.synonym is synonym]
        if not words:
            continue
        for field, weight in field_weights:
            matches = [_alternative_filter(word, TERM_FIELDS[field]) for word in words]
            per_field.append(
                Q(
                    "constant_score",
                    filter=Q("bool", should=matches, minimum_should_match=1),
                    boost=weight,
                )
            )
    return Q("dis_max", queries=per_field, tie_breaker=0)


# Field weights of a word as typed and through a synonym, as (field, weight) pairs.
Weights = tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]


def _weights(*, matching: int, total: int) -> Weights:
    typed, synonym = word_weights(matching=matching, total=total)
    return tuple(typed.items()), tuple(synonym.items())


@functools.lru_cache(maxsize=2048)
def _word_filter_dict(alternatives: tuple[text.QueryWord, ...]) -> dict[str, Any]:
    """Services the word matches in any field: the ``n`` of its rarity (do not modify)."""
    return Q(
        "bool",
        should=[
            _alternative_filter(word, terms_field)
            for word in alternatives
            for terms_field in TERM_FIELDS.values()
        ],
        minimum_should_match=1,
    ).to_dict()


# The answer of a rarity request: the indexed services, and how many each word matches.
FREQUENCIES_FILTER_PATH = "hits.total.value,aggregations.*.doc_count"


def frequencies_body(words: Sequence[tuple[text.QueryWord, ...]]) -> dict[str, Any]:
    """A request counting the services each query word matches (one aggregation per word)."""
    return {
        "size": 0,
        "track_total_hits": True,
        "query": {"match_all": {}},
        "aggs": {f"w{i}": {"filter": _word_filter_dict(w)} for i, w in enumerate(words)},
    }


def frequencies_from(response: Any, count: int) -> tuple[int, list[int]]:
    """(indexed services, services matched by each of ``count`` words) from that request."""
    aggregations = response.get("aggregations", {})
    return response["hits"]["total"]["value"], [
        aggregations.get(f"w{i}", {}).get("doc_count", 0) for i in range(count)
    ]


def _filters(query: SearchQuery) -> list[dict[str, Any]]:
    """Everything except facets: geo, time and the two booleans."""
    filters: list[dict[str, Any]] = []
    if query.point is not None and query.point.radius_km is not None:
        filters.append(
            Q(
                "geo_distance",
                distance=f"{query.point.radius_km}km",
                distance_type="arc",
                points={"lat": query.point.latitude, "lon": query.point.longitude},
            ).to_dict()
        )
    if query.bbox is not None:
        box = query.bbox
        filters.append(
            Q(
                "geo_bounding_box",
                points={
                    "top_left": {"lat": box.max_latitude, "lon": box.min_longitude},
                    "bottom_right": {"lat": box.min_latitude, "lon": box.max_longitude},
                },
            ).to_dict()
        )
    if query.open_at is not None:
        filters.append(Q("term", open_periods=millis(query.open_at)).to_dict())
    if query.evenings:
        filters.append(_EVENINGS)
    if query.weekends:
        filters.append(_WEEKENDS)
    return filters


_EVENINGS = Q("term", evenings=True).to_dict()  # shared: never modify
_WEEKENDS = Q("term", weekends=True).to_dict()


def _open_now_clause(now: datetime) -> dict[str, Any]:
    """Matches (and is named in ``matched_queries``) when the hit is open at ``now``; scores 0."""
    return Q(
        "constant_score",
        filter=Q("term", open_periods=millis(now)),
        boost=0,
        _name=OPEN_NOW,
    ).to_dict()


def _facet_filters(query: SearchQuery) -> dict[str, dict[str, Any]]:
    """Facet id → terms filter; undeclared facets and empty selections are dropped."""
    return {
        facet: Q("terms", **{facet_field(facet): list(values)}).to_dict()
        for facet, values in query.filters.items()
        if facet in FACET_NAMES and values
    }


def _sort(query: SearchQuery) -> list[Any]:
    by_name: list[Any] = [{"sort_name": "asc"}, {"service_id": "asc"}]
    distance: list[Any] = []
    if query.point is not None:
        distance = [
            {
                "_geo_distance": {
                    "points": {"lat": query.point.latitude, "lon": query.point.longitude},
                    "order": "asc",
                    "unit": "km",
                    "mode": "min",
                    "distance_type": "arc",
                    "ignore_unmapped": True,
                }
            }
        ]
    if query.sort == "relevance":
        return [{"_score": "desc"}, *distance, *by_name]
    if query.sort == "distance":
        return [*distance, *by_name]
    return by_name


# The terms aggregation of every facet, built once (shared: never modify).
_TERMS = {
    facet: A("terms", field=facet_field(facet), size=FACET_SIZE).to_dict() for facet in FACET_NAMES
}
_ALL_TERMS = dict(_TERMS)


def _filter_aggregation(filters: list[dict[str, Any]], aggs: dict[str, Any]) -> dict[str, Any]:
    return {"filter": {"bool": {"filter": filters}}, "aggs": aggs}


def _aggregations(facet_filters: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Disjunctive counts with as few ``filter`` aggregations as possible.

    A facet nobody filters on counts what *all* facet filters let through, so those share one
    filter aggregation (none without facet filters); a filtered facet gets one holding the other
    facets' filters. Measured on 100k documents: a filter wrapper per facet, or an explicit
    ``order``, cost several times the query itself. (The default order is count, then key.)
    """
    if not facet_filters:
        return _ALL_TERMS
    aggs: dict[str, Any] = {}
    unfiltered = {facet: _TERMS[facet] for facet in FACET_NAMES if facet not in facet_filters}
    if unfiltered:
        aggs[ALL_FACET_FILTERS] = _filter_aggregation(list(facet_filters.values()), unfiltered)
    for facet in FACET_NAMES:
        if facet not in facet_filters:
            continue
        others = [f for name, f in facet_filters.items() if name != facet]
        if others:
            aggs[f"{OTHER_FACET_FILTERS}{facet}"] = _filter_aggregation(
                others, {facet: _TERMS[facet]}
            )
        else:
            aggs[facet] = _TERMS[facet]
    return aggs


@functools.lru_cache(maxsize=2048)
def _word_query_dict(alternatives: tuple[text.QueryWord, ...], weights: Weights) -> dict[str, Any]:
    """``_word_query`` as a dict, once per word and weights (popular words recur); do not modify."""
    return _word_query(alternatives, weights).to_dict()


def query_words(query: SearchQuery) -> list[tuple[text.QueryWord, ...]]:
    """The parsed words of ``query`` (the contract's ``parse_query`` with the synonyms)."""
    return parse_query(query.text, synonyms=synonym_set())


def build_body(
    query: SearchQuery,
    *,
    now: datetime | None = None,
    words: list[tuple[text.QueryWord, ...]] | None = None,
    frequencies: tuple[int, Sequence[int]] | None = None,
) -> tuple[dict[str, Any], list[tuple[text.QueryWord, ...]]]:
    """The request body for ``query`` and its parsed words (the benchmark sends it bare too).

    ``now`` is the instant ``open_now`` is answered for (default: now). ``frequencies`` are the
    answer of ``frequencies_body`` (see ``contract.rarity``); without them every word is taken as
    equally rare (same request shape, for the benchmark). Parts of the body are cached and shared
    between requests: serialise it, never modify it.
    """
    if words is None:
        words = query_words(query)
    total, matching = frequencies if frequencies is not None else (1, [0] * len(words))
    main: dict[str, Any] = {}
    if words:
        main["must"] = [
            _word_query_dict(w, _weights(matching=n, total=total))
            for w, n in zip(words, matching, strict=True)
        ]
    # Some must or filter clause is needed: a bool of should clauses alone requires one to match.
    # Filter-only, every score is 0, as the contract says.
    main["filter"] = _filters(query) or [{"match_all": {}}]
    main["should"] = [_open_now_clause(now or timezone.now())]
    start = name_start_query(query.text) if words else None
    if start is not None:
        main["should"].append(
            Q(
                "constant_score",
                filter=Q("term", **{TERM_FIELDS["name"]: start}),
                boost=NAME_START_BOOST,
            ).to_dict()
        )
    main["minimum_should_match"] = 0
    body: dict[str, Any] = {"query": {"bool": main}}
    facet_filters = _facet_filters(query)
    if facet_filters:
        body["post_filter"] = {"bool": {"filter": list(facet_filters.values())}}
    body["aggs"] = _aggregations(facet_filters)
    body["sort"] = _sort(query)
    body["_source"] = _HIT_SOURCE
    # Past the result window Elasticsearch refuses the request; the contract wants an empty page
    # with the total and facets, which is what the database backend gives there.
    offset = min(query.offset, INDEX_MAX_RESULT_WINDOW)
    body["from"] = offset
    body["size"] = max(0, min(query.page_size, INDEX_MAX_RESULT_WINDOW - offset))
    body["track_total_hits"] = True
    body["track_scores"] = bool(words)
    return body, words


def build_search(query: SearchQuery, *, client: Elasticsearch, index: str) -> tuple[Search, list]:
    """``build_body`` as an ``elasticsearch.dsl`` ``Search`` (for inspection and scripts)."""
    body, words = build_body(query)
    return Search(using=client, index=index).update_from_dict(copy.deepcopy(body)), words
