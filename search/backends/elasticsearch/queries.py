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
from search.contract import (
    ANSWER_FIELDS,
    FACET_NAMES,
    NAME_START_BOOST,
    STRONG_FIELDS,
    SearchQuery,
    searched_words,
    word_weights,
)
from search.synonyms import query_words as vocabulary_query_words
from search.words import is_optional, name_start_query, need_words

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
    """Best weight among the fields where some alternative has all its grams (synonyms less),
    plus the need's weight for services of a need's category (contract: ``word_weights``)."""
    typed, synonym, need, cut_fields = weights
    per_field = []
    for is_synonym, field_weights in ((False, typed), (True, synonym)):
        words = [w for w in alternatives if w.synonym is is_synonym and not w.need]
        if not words:
            continue
        for field, weight in field_weights:
            if field in cut_fields:
                continue
            matches = [_alternative_filter(word, TERM_FIELDS[field]) for word in words]
            per_field.append(
                Q(
                    "constant_score",
                    filter=Q("bool", should=matches, minimum_should_match=1),
                    boost=weight,
                )
            )
    best = Q("dis_max", queries=per_field, tie_breaker=0)
    needs = [_alternative_filter(w, TERM_FIELDS["context"]) for w in alternatives if w.need]
    if not needs:
        return best
    answers = Q(
        "constant_score", filter=Q("bool", should=needs, minimum_should_match=1), boost=need
    )
    return Q("bool", should=[best, answers] if per_field else [answers], minimum_should_match=1)


# A word's weights (``contract.WordWeights``) as hashable parts: (field, weight) pairs as typed
# and through a synonym, the need's weight, and the fields the cut-off leaves out.
Weights = tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...], int, tuple[str, ...]]


def _weights(*, matching: int, total: int, strong: int, answered: int) -> Weights:
    weights = word_weights(matching=matching, total=total, strong=strong, answered=answered)
    return (
        tuple(weights.typed.items()),
        tuple(weights.synonym.items()),
        weights.need,
        weights.cut_fields,
    )


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


def _fields_filter_dict(
    alternatives: tuple[text.QueryWord, ...], fields: tuple[str, ...]
) -> dict[str, Any]:
    """Services the word matches in ``fields`` or as a need (contract: the cut-off)."""
    return Q(
        "bool",
        should=[
            _alternative_filter(word, TERM_FIELDS[field])
            for word in alternatives
            for field in (("context",) if word.need else fields)
        ],
        minimum_should_match=1,
    ).to_dict()


@functools.lru_cache(maxsize=2048)
def _strong_filter_dict(alternatives: tuple[text.QueryWord, ...]) -> dict[str, Any]:
    """Services the word matches strongly, as a dict (do not modify)."""
    return _fields_filter_dict(alternatives, STRONG_FIELDS)


@functools.lru_cache(maxsize=2048)
def _answer_filter_dict(alternatives: tuple[text.QueryWord, ...]) -> dict[str, Any]:
    """Services that answer the word's need or have the word in their name (do not modify)."""
    return _fields_filter_dict(alternatives, ANSWER_FIELDS)


# The answer of a rarity request: the indexed services, and how many each word matches.
FREQUENCIES_FILTER_PATH = "hits.total.value,aggregations.*.doc_count"


def frequencies_body(words: Sequence[tuple[text.QueryWord, ...]]) -> dict[str, Any]:
    """A request counting the services each query word matches, and among those that match the
    other words, how many match it strongly and (for a word naming a need) answer it: the
    contract's rarity and cut-off, one aggregation per word and count."""
    aggs = {}
    for i, w in enumerate(words):
        aggs[f"w{i}"] = {"filter": _word_filter_dict(w)}
        if is_optional(w):
            continue
        others = [
            _word_filter_dict(o) for j, o in enumerate(words) if j != i and not is_optional(o)
        ]
        aggs[f"s{i}"] = {"filter": {"bool": {"filter": [*others, _strong_filter_dict(w)]}}}
        if need_words(w):
            aggs[f"a{i}"] = {"filter": {"bool": {"filter": [*others, _answer_filter_dict(w)]}}}
    return {"size": 0, "track_total_hits": True, "query": {"match_all": {}}, "aggs": aggs}


def searched_required_words(
    words: Sequence[tuple[text.QueryWord, ...]], matching: Sequence[int]
) -> dict[int, bool]:
    """Index of each word that filters (not one that only ranks) → whether it is searched
    (``contract.searched_words``)."""
    required = [i for i, w in enumerate(words) if not is_optional(w)]
    return dict(zip(required, searched_words([matching[i] for i in required]), strict=True))


# (indexed services, and the services each word matches, matches strongly, and answers)
Frequencies = tuple[int, Sequence[int], Sequence[int], Sequence[int]]


def frequencies_from(response: Any, count: int) -> Frequencies:
    """The ``Frequencies`` of ``count`` words from that request's answer."""
    aggregations = response.get("aggregations", {})

    def counts(prefix: str) -> list[int]:
        return [aggregations.get(f"{prefix}{i}", {}).get("doc_count", 0) for i in range(count)]

    return response["hits"]["total"]["value"], counts("w"), counts("s"), counts("a")


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
    """The parsed words of ``query`` (``search.synonyms.query_words``)."""
    return vocabulary_query_words(query.text)


def build_body(
    query: SearchQuery,
    *,
    now: datetime | None = None,
    words: list[tuple[text.QueryWord, ...]] | None = None,
    frequencies: Frequencies | None = None,
) -> tuple[dict[str, Any], list[tuple[text.QueryWord, ...]]]:
    """The request body for ``query`` and its parsed words (the benchmark sends it bare too).

    ``now`` is the instant ``open_now`` is answered for (default: now). ``frequencies`` are the
    answer of ``frequencies_body`` (see ``contract.rarity``); without them every word is taken as
    equally rare (same request shape, for the benchmark). Parts of the body are cached and shared
    between requests: serialise it, never modify it.
    """
    if words is None:
        words = query_words(query)
    zeros = [0] * len(words)
    total, matching, strong, answered = (
        frequencies if frequencies is not None else (1, zeros, zeros, zeros)
    )
    main: dict[str, Any] = {}
    searched = searched_required_words(words, matching)
    required = list(searched)
    if words:
        main["must"] = [
            _word_query_dict(
                words[i],
                _weights(matching=matching[i], total=total, strong=strong[i], answered=answered[i]),
            )
            for i in required
            if searched[i] or frequencies is None
        ]
    # Words that only rank (words.is_optional): a should clause, found in any field.
    ranking = [
        _word_query_dict(w, _weights(matching=n, total=total, strong=0, answered=0))
        for w, n in zip(words, matching, strict=True)
        if is_optional(w) and (n or frequencies is None)
    ]
    # Some must or filter clause is needed: a bool of should clauses alone requires one to match.
    # Filter-only, every score is 0, as the contract says.
    main["filter"] = _filters(query) or [{"match_all": {}}]
    main["should"] = [_open_now_clause(now or timezone.now()), *ranking]
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
