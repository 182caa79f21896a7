"""The ``elasticsearch`` backend: the contract of ``search.contract`` answered by one node.

Why it is built this way:

* Matching uses the terms ``search.text`` computed in Python (``SearchDocument.*_terms``), stored
  as ``keyword`` arrays and queried with ``term`` (exact grams) and ``prefix`` (one-character
  grams). Both backends then share one analyser, and we need none from Elasticsearch: the
  integ-test distribution has no analysis-common module (no cjk_bigram, ngram, edge_ngram).
* Relevance is the contract's arithmetic, not BM25: per (field, word) a ``constant_score`` worth
  ``FIELD_WEIGHTS[field]``, a ``dis_max`` (tie_breaker 0) keeps the best field per word, and a
  ``bool.must`` over words adds them up. The scores are small integers, exactly the database
  backend's numbers, so the tie-breaks (distance, sort_name, service_id) decide the same way.
* Facet counts are disjunctive: facet filters go in ``post_filter`` (they narrow the hits, not
  the aggregations), and each filtered facet's ``terms`` aggregation sits in a ``filter``
  aggregation holding the *other* facets' filters; unfiltered facets share one holding them all.
  https://www.elastic.co/docs/reference/elasticsearch/rest-apis/filter-search-results#post-filter
* Reads and writes go through the alias ``<ELASTICSEARCH_INDEX_PREFIX>_services``; ``rebuild``
  loads a new concrete index ``<alias>_<timestamp>`` (no replica, no refresh, async translog
  while loading; NDJSON bodies built once, by worker processes when given ``DocumentBatches``
  (``search.documents``), and sent two at a time) and swaps the alias in one
  atomic ``_aliases`` call, so search never sees an empty or half-built index. The replaced
  index stays, as ``<alias>_previous``, until the next rebuild.
* Distances are re-computed in Python with ``directory.geocoding.distance_km`` from the stored
  coordinates, so both backends report the same kilometres. Elasticsearch filters and sorts on
  its own (quantised, ~1 cm) geo_point values, which can differ from the database backend only
  for points within centimetres of the radius or of each other.
* ``open_periods`` is a ``date_range`` array: a ``term`` query with an instant finds documents
  with a period ``gte <= instant < lt``, exactly the contract's half-open interval. A hit's
  ``open_now`` comes the same way: a ``should`` clause named ``open_now`` (boost 0, so scores do
  not change) shows in the hit's ``matched_queries``; the ~50 periods a hit holds are not sent
  back to Python.
* The request body is assembled from dicts: query clauses are built with ``elasticsearch.dsl``
  (``Q``) and turned into dicts once — per word (cached), per filter — rather than building a
  ``Search`` and serialising the whole tree on every request. ``build_search`` still gives the
  same request as a ``Search``.
* Writes during a rebuild go to both the live index and the one being built (the alias
  ``<alias>_rebuilding``), and the rebuild loads with ``op_type=create``, so a live update is not
  overwritten by the older copy the rebuild read. Races narrower than that (a delete while the
  rebuild still holds the document) are left to ``reconcile_search_index``. Run one rebuild at a
  time.
* Writes use ``refresh=ELASTICSEARCH_REFRESH`` (default ``"wait_for"``): at our write rate the
  request that indexes waits at most one refresh interval, and a worker who publishes a service
  finds it on the next search. Tests set it to ``True`` (immediate refresh, no wait).
"""

from __future__ import annotations

import copy
import functools
import json
import logging
import math
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch.dsl import (
    A,
    Boolean,
    DateRange,
    Document,
    GeoPoint,
    Integer,
    Keyword,
    MetaField,
    Object,
    Q,
    Search,
    Text,
)
from elasticsearch.helpers import BulkIndexError

from directory.geocoding import distance_km
from search import text
from search.backends import BackendUnavailable
from search.contract import (
    FACET_NAMES,
    FIELD_WEIGHTS,
    FacetValueCount,
    Hit,
    SearchDocument,
    SearchQuery,
    SearchResult,
)
from search.documents import DocumentBatches
from search.synonyms import synonym_set

logger = logging.getLogger(__name__)

# Search requests must fail fast so the page can answer from the database instead.
SEARCH_TIMEOUT_S = 2.0
WRITE_TIMEOUT_S = 60.0
MAX_RETRIES = 1
# Every value of every facet is counted (municipality has at most ~1,900 values).
FACET_SIZE = 5000
# Deep pages are rare but the contract allows them; 10,000 (the default) is too few at 100k.
MAX_RESULT_WINDOW = 200_000
BULK_CHUNK_SIZE = 500
# Rebuild: documents per bulk request (~4 MB) and requests in flight. Measured on 2 cores at
# 10k documents: 1,000 × 2 loads about twice as fast as the client's helpers at 500 × 2.
LOAD_CHUNK_DOCUMENTS = 1000
LOAD_THREADS = 2
# Only what search() reads of an answer: the JSON to decode shrinks by about a third.
# https://www.elastic.co/docs/reference/elasticsearch/rest-apis/common-options#common-options-response-filtering
SEARCH_FILTER_PATH = (
    "hits.total.value,hits.hits._score,hits.hits._source,hits.hits.matched_queries,"
    "aggregations.**.buckets.key,aggregations.**.buckets.doc_count"
)
# Only what a failed bulk item says; a clean chunk answers {"errors": false}.
_BULK_ERRORS = "errors,items.*.error.type,items.*.error.reason"
_VERSION_CONFLICT = "version_conflict_engine_exception"
TERM_FIELDS = {"name": "name_terms", "context": "context_terms", "description": "description_terms"}
ALL_FACET_FILTERS = "all_facet_filters"
OTHER_FACET_FILTERS = "other_facet_filters_of_"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)
_HIT_SOURCE = [
    "service_id",
    "hsds_id",
    "name",
    "organization",
    "url",
    "locations",
    "description",
]
# The name of the query whose match says a hit is open now (see _open_now_clause).
OPEN_NOW = "open_now"


def facet_field(facet: str) -> str:
    return f"facet_{facet}"


def _display() -> Keyword:
    return Keyword(index=False, doc_values=False)


def _facet() -> Keyword:
    # Every search aggregates every facet: build global ordinals at refresh, not on the next query.
    return Keyword(multi=True, eager_global_ordinals=True)


class ServiceDocument(Document):
    """The mapping of one published service; the dict ``_source`` builds must fit it (strict)."""

    service_id = Integer()
    # Shown, never searched, sorted or aggregated on: stored in _source only, not indexed (a
    # text field analysed every name and organisation at load for nothing).
    hsds_id = _display()
    name = _display()
    organization = _display()
    url = _display()
    description = Text(index=False)  # for snippets only; matching uses description_terms
    sort_name = Keyword()
    # Terms from search.text; never aggregated or sorted on, so no doc values.
    name_terms = Keyword(multi=True, doc_values=False)
    context_terms = Keyword(multi=True, doc_values=False)
    description_terms = Keyword(multi=True, doc_values=False)
    # One keyword array per contract facet (search.contract.FACETS); a test checks the list.
    facet_category = _facet()
    facet_target_group = _facet()
    facet_language = _facet()
    facet_cost = _facet()
    facet_delivery_mode = _facet()
    facet_accessibility = _facet()
    facet_municipality = _facet()
    facet_provider_type = _facet()
    facet_availability = _facet()
    facet_certification = _facet()
    points = GeoPoint(multi=True)
    # Which location a point is (id, name, municipality), for the nearest one of a page's hits.
    locations = Object(enabled=False, multi=True)
    open_periods = DateRange(multi=True)
    evenings = Boolean()
    weekends = Boolean()
    version = _display()  # read from _source by reconcile, never queried

    class Meta:
        # No _source excludes: filtering the source of every document at load cost Elasticsearch
        # more CPU than storing the terms (measured at 30k documents: 30% less CPU, and a
        # smaller store). Searches name the fields they read (_HIT_SOURCE).
        dynamic = MetaField("strict")


def mapping() -> dict[str, Any]:
    return ServiceDocument._doc_type.mapping.to_dict()


# --- client -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _client(url: str) -> Elasticsearch:
    """One client (and connection pool) per URL for the process; backends are cheap to make."""
    return Elasticsearch(
        url,
        request_timeout=SEARCH_TIMEOUT_S,
        max_retries=MAX_RETRIES,
        retry_on_timeout=False,
    )


def _unavailable(error: Exception) -> BackendUnavailable:
    return BackendUnavailable(f"Elasticsearch is unavailable: {error}")


def _is_outage(error: ApiError) -> bool:
    """Errors the caller should treat as "down": overload and missing shards, not bad requests."""
    return error.meta.status in (429, 502, 503, 504)


# --- documents --------------------------------------------------------------------------------


def _millis(moment: datetime) -> int:
    """Epoch milliseconds, floored: what a date field keeps, and cheap to serialise.

    Flooring an instant keeps it inside the same half-open period, because periods start and end
    on whole minutes.
    """
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return (moment - _EPOCH) // _MILLISECOND


def source(document: SearchDocument) -> dict[str, Any]:
    """The ``_source`` stored for ``document``."""
    body: dict[str, Any] = {
        "service_id": document.service_id,
        "hsds_id": str(document.hsds_id),
        "name": document.name,
        "organization": document.organization,
        "url": document.url,
        "description": document.description,
        "sort_name": document.sort_name,
        "name_terms": list(document.name_terms),
        "context_terms": list(document.context_terms),
        "description_terms": list(document.description_terms),
        "points": [{"lat": p.latitude, "lon": p.longitude} for p in document.points],
        "locations": [
            {
                "id": p.location_id,
                "name": p.location_name,
                "municipality_code": p.municipality_code,
                "lat": p.latitude,
                "lon": p.longitude,
            }
            for p in document.points
        ],
        "open_periods": _period_ranges(document.open_periods),  # shared: never modify
        "evenings": document.evenings,
        "weekends": document.weekends,
        "version": document.version,
    }
    for facet in FACET_NAMES:
        body[facet_field(facet)] = list(document.facets.get(facet, ()))
    return body


@functools.lru_cache(maxsize=4096)
def _period_ranges_json(periods: tuple[tuple[datetime, datetime], ...]) -> str:
    return _dumps(_period_ranges(periods))


@functools.lru_cache(maxsize=4096)
def _period_ranges(periods: tuple[tuple[datetime, datetime], ...]) -> list[dict[str, int]]:
    """``open_periods`` as date ranges in epoch milliseconds; do not modify the result.

    Cached: services with the same timetable share one periods tuple (``search.documents``).
    Periods come aware from directory.hours, so ``_millis``'s naive check is skipped.
    """
    return [
        {"gte": (start - _EPOCH) // _MILLISECOND, "lt": (end - _EPOCH) // _MILLISECOND}
        for start, end in periods
    ]


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def source_json(document: SearchDocument) -> str:
    """``source(document)`` as compact JSON, what a bulk request carries.

    The periods (most of the bytes) are encoded once per timetable and spliced in.
    """
    body = source(document)
    del body["open_periods"]
    return f'{_dumps(body)[:-1]},"open_periods":{_period_ranges_json(document.open_periods)}}}'


# --- queries ----------------------------------------------------------------------------------


def _word_query(alternatives: Sequence[text.QueryWord]) -> Q:
    """Best field weight among the fields where some alternative has all its grams."""
    per_field = []
    for field, weight in FIELD_WEIGHTS.items():
        terms_field = TERM_FIELDS[field]
        matches = [
            Q(
                "bool",
                filter=[Q("term", **{terms_field: g}) for g in word.exact_grams]
                + [Q("prefix", **{terms_field: g}) for g in word.prefix_grams],
            )
            for word in alternatives
        ]
        per_field.append(
            Q(
                "constant_score",
                filter=Q("bool", should=matches, minimum_should_match=1),
                boost=weight,
            )
        )
    return Q("dis_max", queries=per_field, tie_breaker=0)


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
        filters.append(Q("term", open_periods=_millis(query.open_at)).to_dict())
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
        filter=Q("term", open_periods=_millis(now)),
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
def _word_query_dict(alternatives: tuple[text.QueryWord, ...]) -> dict[str, Any]:
    """``_word_query`` as a dict, once per word (popular words recur); do not modify it."""
    return _word_query(alternatives).to_dict()


def build_body(
    query: SearchQuery, *, now: datetime | None = None
) -> tuple[dict[str, Any], list[tuple[text.QueryWord, ...]]]:
    """The request body for ``query`` and its parsed words (the benchmark sends it bare too).

    ``now`` is the instant ``open_now`` is answered for (default: now). Parts of the body are
    cached and shared between requests: serialise it, never modify it.
    """
    words = text.parse_query(query.text, synonyms=synonym_set())
    main: dict[str, Any] = {}
    if words:
        main["must"] = [_word_query_dict(w) for w in words]
    # Some must or filter clause is needed: a bool of should clauses alone requires one to match.
    # Filter-only, every score is 0, as the contract says.
    main["filter"] = _filters(query) or [{"match_all": {}}]
    main["should"] = [_open_now_clause(now or timezone.now())]
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
    offset = min(query.offset, MAX_RESULT_WINDOW)
    body["from"] = offset
    body["size"] = max(0, min(query.page_size, MAX_RESULT_WINDOW - offset))
    body["track_total_hits"] = True
    body["track_scores"] = bool(words)
    return body, words


def build_search(query: SearchQuery, *, client: Elasticsearch, index: str) -> tuple[Search, list]:
    """``build_body`` as an ``elasticsearch.dsl`` ``Search`` (for inspection and scripts)."""
    body, words = build_body(query)
    return Search(using=client, index=index).update_from_dict(copy.deepcopy(body)), words


# --- results ----------------------------------------------------------------------------------


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
        km = distance_km(lat, lng, location["lat"], location["lon"])
        if km < best_km:
            best, best_km = location, km
    return best, best_km


def _hit(raw: Any, *, query: SearchQuery, words: list[tuple[text.QueryWord, ...]]) -> Hit:
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
    )


def _buckets(aggregations: dict[str, Any], facet: str) -> list[dict[str, Any]]:
    """The facet's terms buckets, wherever ``_aggregations`` put them."""
    for parent in (
        aggregations,
        aggregations.get(ALL_FACET_FILTERS, {}),
        aggregations.get(f"{OTHER_FACET_FILTERS}{facet}", {}),
    ):
        if facet in parent:
            return parent[facet].get("buckets", [])
    return []  # SEARCH_FILTER_PATH drops an aggregation without buckets


def _facet_counts(aggregations: dict[str, Any], query: SearchQuery) -> dict[str, list]:
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


# --- the backend ------------------------------------------------------------------------------


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(
        self,
        *,
        url: str | None = None,
        index_prefix: str | None = None,
        refresh: bool | str | None = None,
    ) -> None:
        self.url = url if url is not None else settings.ELASTICSEARCH_URL
        prefix = index_prefix if index_prefix is not None else settings.ELASTICSEARCH_INDEX_PREFIX
        self.alias = f"{prefix}_services"
        self.rebuilding_alias = f"{self.alias}_rebuilding"
        self.previous_alias = f"{self.alias}_previous"
        self.refresh = (
            refresh
            if refresh is not None
            else getattr(settings, "ELASTICSEARCH_REFRESH", "wait_for")
        )

    @property
    def client(self) -> Elasticsearch:
        if not self.url:
            raise BackendUnavailable("ELASTICSEARCH_URL is not set")
        return _client(self.url)

    @property
    def _writer(self) -> Elasticsearch:
        return self.client.options(request_timeout=WRITE_TIMEOUT_S)

    # --- reading ------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        body, words = build_body(query)
        try:
            response = self.client.search(
                index=self.alias, body=body, filter_path=SEARCH_FILTER_PATH
            )
        except NotFoundError as error:  # no index yet: the caller answers from the database
            raise _unavailable(error) from error
        except ApiError as error:
            if _is_outage(error):
                raise _unavailable(error) from error
            raise
        except TransportError as error:
            raise _unavailable(error) from error
        hits = response["hits"]
        return SearchResult(
            total=hits["total"]["value"],
            # filter_path drops an empty list altogether
            hits=[_hit(h, query=query, words=words) for h in hits.get("hits", ())],
            facets=_facet_counts(response.get("aggregations", {}), query),
            backend=self.name,
        )

    def indexed_versions(self) -> dict[int, str]:
        try:
            return {
                int(h["_source"]["service_id"]): h["_source"]["version"]
                for h in helpers.scan(
                    self._writer,
                    index=self.alias,
                    query={"query": {"match_all": {}}},
                    _source=["service_id", "version"],
                    size=2000,
                )
            }
        except NotFoundError:
            return {}
        except TransportError as error:
            raise _unavailable(error) from error

    def refresh_index(self) -> None:
        """Make every write visible now (tests and the rebuild command)."""
        try:
            self.client.indices.refresh(index=self.alias)
        except TransportError as error:
            raise _unavailable(error) from error

    # --- writing ------------------------------------------------------------------------------

    def index(self, documents: Sequence[SearchDocument]) -> None:
        if not documents:
            return
        self._write(
            lambda target: (
                {
                    "_op_type": "index",
                    "_index": target,
                    "_id": str(d.service_id),
                    "_source": source_json(d),
                }
                for d in documents
            ),
            create_missing=True,
        )

    def delete(self, service_ids: Sequence[int]) -> None:
        if not service_ids:
            return
        self._write(
            lambda target: (
                {"_op_type": "delete", "_index": target, "_id": str(pk)} for pk in service_ids
            ),
            create_missing=False,
        )

    def _write(self, actions: Any, *, create_missing: bool) -> None:
        try:
            targets = self._write_targets(create_missing=create_missing)
            for target in targets:
                helpers.bulk(
                    self._writer,
                    actions(target),
                    chunk_size=BULK_CHUNK_SIZE,
                    # The index being rebuilt has refresh off: "wait_for" would block until the
                    # rebuild ends; it is refreshed before the swap anyway.
                    refresh=self.refresh if target == self.alias else False,
                    require_alias=True,
                    # 404: deleting what is not there, or the rebuild alias swapped away meanwhile
                    ignore_status=(404,),
                )
        except BulkIndexError as error:
            if any(_item_status(item) in (429, 503) for item in error.errors):
                raise _unavailable(error) from error
            raise
        except ApiError as error:
            if _is_outage(error):
                raise _unavailable(error) from error
            raise
        except TransportError as error:
            raise _unavailable(error) from error

    def _write_targets(self, *, create_missing: bool) -> list[str]:
        """The live alias, plus the index being rebuilt if a rebuild is running."""
        aliases = set().union(*self._indices_with(f"{self.alias}*").values())
        targets = [a for a in (self.alias, self.rebuilding_alias) if a in aliases]
        if self.alias not in aliases and create_missing:
            self._create_index(aliases={self.alias: {}})
            targets.insert(0, self.alias)
        return targets

    def _create_index(self, *, aliases: dict[str, Any], loading: bool = False) -> str:
        name = f"{self.alias}_{timezone.now():%Y%m%d%H%M%S%f}"
        index_settings: dict[str, Any] = {
            "number_of_shards": 1,  # exact facet counts, and ample for 100k documents
            "number_of_replicas": 0,
            "max_result_window": MAX_RESULT_WINDOW,
        }
        if loading:  # restored by rebuild() before the swap
            index_settings["refresh_interval"] = "-1"
            index_settings["translog.durability"] = "async"  # a failed load is thrown away
        self._writer.indices.create(
            index=name, mappings=mapping(), settings=index_settings, aliases=aliases
        )
        return name

    def rebuild(self, batches: Iterable[Sequence[SearchDocument]]) -> int:
        try:
            self._drop_abandoned_rebuilds()
            new_index = self._create_index(aliases={self.rebuilding_alias: {}}, loading=True)
        except TransportError as error:
            raise _unavailable(error) from error
        try:
            loaded = self._load(new_index, batches)
            writer = self._writer
            writer.indices.put_settings(
                index=new_index,
                settings={"refresh_interval": None, "translog.durability": "request"},
            )
            writer.indices.refresh(index=new_index)
            self._swap(new_index)
        except BaseException as error:
            try:
                self._writer.options(ignore_status=404).indices.delete(index=new_index)
            except TransportError:
                logger.warning("Could not delete %s after a failed rebuild", new_index)
            if isinstance(error, TransportError):
                raise _unavailable(error) from error
            raise
        return loaded

    def _load(self, index: str, batches: Iterable[Sequence[SearchDocument]]) -> int:
        """Send every document as ``create``, in NDJSON chunks, ``LOAD_THREADS`` requests at once.

        The bodies are built here (one thread, documents serialised once) and sent by a small
        pool, so building the next chunk overlaps with Elasticsearch indexing the last one.
        """
        writer = self._writer

        def send(body: bytes) -> None:
            response = writer.bulk(index=index, operations=body, filter_path=_BULK_ERRORS)
            if response.get("errors"):
                errors = [
                    e.get("error") for item in response.get("items", ()) for e in item.values()
                ]
                # create: a live write that reached the new index first is newer, keep it
                failed = [e for e in errors if e and e.get("type") != _VERSION_CONFLICT]
                if failed:
                    raise BulkIndexError(f"{len(failed)} documents failed to load", failed)

        if isinstance(batches, DocumentBatches):
            # Built in worker processes when it can (see DocumentBatches.parallel), one body per
            # batch; this process only sends.
            bodies = batches.map_in_processes(_bulk_body)
        else:
            bodies = _bulk_bodies(batches)
        loaded = 0
        pending: deque[Future[None]] = deque()
        with ThreadPoolExecutor(max_workers=LOAD_THREADS, thread_name_prefix="search-load") as pool:
            try:
                for body, count in bodies:
                    pending.append(pool.submit(send, body))
                    loaded += count
                    while len(pending) > LOAD_THREADS:
                        pending.popleft().result()
                while pending:
                    pending.popleft().result()
            finally:
                for future in pending:
                    future.cancel()
        return loaded

    def _swap(self, new_index: str) -> None:
        """Point the alias at ``new_index`` in one atomic step, keeping the replaced index.

        The replaced index gets the alias ``<alias>_previous`` until the next swap deletes it:
        searches that resolved the alias just before the swap can still finish on it, and an
        operator can point the alias back. Older ones are deleted in the same step.
        """
        client = self._writer
        replaced = [name for name in self._indices_with(self.alias) if name != new_index]
        previous = [n for n in self._indices_with(self.previous_alias) if n not in replaced]
        actions: list[dict[str, Any]] = [
            {"add": {"index": new_index, "alias": self.alias}},
            {"remove": {"index": new_index, "alias": self.rebuilding_alias}},
        ]
        for name in replaced:
            actions.append({"remove": {"index": name, "alias": self.alias}})
            actions.append({"add": {"index": name, "alias": self.previous_alias}})
        actions += [{"remove_index": {"index": name}} for name in previous]
        # An index literally named like the alias (auto-created by a stray write) blocks it.
        if client.indices.exists(index=self.alias) and not client.indices.exists_alias(
            name=self.alias
        ):
            actions.append({"remove_index": {"index": self.alias}})
        client.indices.update_aliases(actions=actions)

    def _drop_abandoned_rebuilds(self) -> None:
        """Indices left by a rebuild that died (they hold the rebuild alias, not the live one)."""
        for name, aliases in self._indices_with(self.rebuilding_alias).items():
            if self.alias not in aliases:
                logger.warning("Deleting %s, left by an interrupted rebuild", name)
                self._writer.options(ignore_status=404).indices.delete(index=name)

    def _indices_with(self, alias_pattern: str) -> dict[str, set[str]]:
        """Index name → its aliases matching ``alias_pattern`` (empty when there are none)."""
        response = self._writer.options(ignore_status=404).indices.get_alias(name=alias_pattern)
        if response.meta.status == 404:
            return {}
        return {name: set(info.get("aliases", {})) for name, info in response.body.items()}


def _item_status(item: dict[str, Any]) -> int:
    return next(iter(item.values())).get("status", 500)


def _bulk_body(documents: Sequence[SearchDocument]) -> bytes:
    """One NDJSON ``create`` body holding ``documents``."""
    lines: list[str] = []
    for document in documents:
        lines.append(f'{{"create":{{"_id":"{document.service_id}"}}}}\n')
        lines.append(source_json(document))
        lines.append("\n")
    return "".join(lines).encode()


def _bulk_bodies(batches: Iterable[Sequence[SearchDocument]]) -> Iterator[tuple[bytes, int]]:
    """NDJSON ``create`` bodies of ``LOAD_CHUNK_DOCUMENTS`` documents, and their counts."""
    lines: list[str] = []
    for batch in batches:
        for document in batch:
            lines.append(f'{{"create":{{"_id":"{document.service_id}"}}}}\n')
            lines.append(source_json(document))
            lines.append("\n")
            if len(lines) >= 3 * LOAD_CHUNK_DOCUMENTS:
                yield "".join(lines).encode(), len(lines) // 3
                lines = []
    if lines:
        yield "".join(lines).encode(), len(lines) // 3
