"""The index: its mapping (``ServiceDocument``), its settings, and a document's ``_source``."""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from elasticsearch.dsl import (
    Boolean,
    DateRange,
    Document,
    GeoPoint,
    Integer,
    Keyword,
    MetaField,
    Object,
    Text,
)

from search.contract import FACET_NAMES, SearchDocument

# Deep pages are rare but the contract allows them up to MAX_RESULT_WINDOW; the index's
# window is larger (10,000, Elasticsearch's default, is too few at 100k), and a test keeps
# it at least the contract's.
INDEX_MAX_RESULT_WINDOW = 200_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)


def facet_field(facet: str) -> str:
    return f"facet_{facet}"


def _display() -> Keyword:
    return Keyword(index=False, doc_values=False)


def _facet() -> Keyword:
    # Every search aggregates every facet: build global ordinals at refresh, not on the next query.
    return Keyword(multi=True, eager_global_ordinals=True)


class ServiceDocument(Document):
    """The mapping of one published service; the dict ``source`` builds must fit it (strict)."""

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
    availability_note = _display()  # shown on hits; the status is facet_availability

    class Meta:
        # No _source excludes: filtering the source of every document at load cost Elasticsearch
        # more CPU than storing the terms (measured at 30k documents: 30% less CPU, and a
        # smaller store). Searches name the fields they read (_HIT_SOURCE).
        dynamic = MetaField("strict")


def mapping() -> dict[str, Any]:
    return ServiceDocument._doc_type.mapping.to_dict()


def index_settings(*, loading: bool = False) -> dict[str, Any]:
    """Settings of a new concrete index; ``loading``: tuned for a bulk load (see rebuild)."""
    index: dict[str, Any] = {
        # One shard keeps facet counts exact and is ample for 100k documents; replicas are for a
        # cluster (production defaults to one). Both from settings, read at call time.
        "number_of_shards": settings.ELASTICSEARCH_INDEX_SHARDS,
        "number_of_replicas": settings.ELASTICSEARCH_INDEX_REPLICAS,
        "max_result_window": INDEX_MAX_RESULT_WINDOW,
    }
    if loading:  # restored by rebuild() before the swap
        index["refresh_interval"] = "-1"
        index["translog.durability"] = "async"  # a failed load is thrown away
    return index


def millis(moment: datetime) -> int:
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
        "availability_note": document.availability_note,
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
    Periods come aware from directory.hours, so ``millis``'s naive check is skipped.
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
