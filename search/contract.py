"""The one query contract both search backends answer: ``SearchQuery`` in, ``SearchResult`` out.

Backends must give the same ids, the same order where the sort is defined, and the same facet
counts for the same query; ``tests/search/test_parity.py`` holds them to it.

Facet counts are *disjunctive*: the counts of one facet are computed with every filter applied
except that facet's own, so choosing 食料支援 still shows how many 住まい services there are.
"""

from __future__ import annotations

import functools
import hashlib
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Literal
from uuid import UUID

from django.utils.translation import gettext_lazy as _

# Facet id → (query parameter, label). Values of every facet are plain strings.
FACETS: dict[str, tuple[str, object]] = {
    "category": ("category", _("分野")),
    "target_group": ("target_group", _("対象")),
    "language": ("language", _("対応言語")),
    "cost": ("cost", _("費用")),
    "delivery_mode": ("delivery_mode", _("支援の受け方")),
    "accessibility": ("accessibility", _("バリアフリー")),
    "municipality": ("municipality", _("市区町村")),
    "provider_type": ("provider_type", _("法人の種類")),
    "availability": ("availability", _("受付状況")),
    "certification": ("certification", _("認定・指定")),
}
FACET_NAMES = tuple(FACETS)

# Relevance: a word found in the service name beats one in the organization or categories,
# which beats one in the long description. The score of a hit is the sum, over query words,
# of the word's weight in the best field it matched in (``word_weight``: the field weight times
# the word's rarity). Both backends compute exactly this.
FIELD_WEIGHTS: dict[str, int] = {"name": 10, "context": 4, "description": 1}
# A word matched only through a synonym scores a little less than the word as typed, so the
# service that says what was asked comes first (住宅 typed: 見守り付き住宅 before 住居確保給付金).
SYNONYM_WEIGHTS: dict[str, int] = {"name": 8, "context": 3, "description": 1}
# Rarity is BM25's idf, ln(1 + (N - n + 0.5) / (n + 0.5)): N the indexed services, n those a
# query word matches (any alternative, synonyms included, in any field, before any filter), so a
# word found in most services (相談, 支援) weighs less than a rare one (債務). Both backends count
# n and N on their own index (the same documents) and pass them through ``word_weight``, which
# rounds to an integer: Elasticsearch adds boosts in float32, exact for integers, so both
# backends add the very same numbers and tie in the same places.
RARITY_SCALE = 10
# Added once when the whole query (folded, without spaces) equals a name of the service (its
# title, other name or English name) or the name's leading part up to a space or bracket
# (フードバンク for 「フードバンク 食品の無料配布」): the service named what was asked comes first.
# A name merely starting with the query's characters is not enough (見守り: 見守り付き住宅の紹介).
NAME_START_BOOST = FIELD_WEIGHTS["name"] * RARITY_SCALE


def rarity(*, matching: int, total: int) -> float:
    """BM25's inverse document frequency of a word found in ``matching`` of ``total`` services."""
    return math.log(1 + (total - matching + 0.5) / (matching + 0.5))


# A need word of the query (``search.needs``: 今夜泊まるところ → 一時生活支援) adds this, times
# the word's rarity, to the score of the services of its category, on top of the word's best
# field: a service that answers the need outranks one that only has the word in its name
# (お腹がすいた: the food bank before 「みんなのごはん」), and one that does both comes first.
NEED_WEIGHT = 11
# The cut-off, in two steps, among the services that match the query's other words (all of
# them: a multi-word query is judged on what can be found). When the word names a need
# (search.needs) and any of those services answer it or have it in their name, only those
# count: a description's passing mention (「生活保護世帯の中学生」 for 生活保護), an organisation's
# name (「…シェルター」 for a DV phone line) or a heading is not an answer when answers exist.
# Otherwise, when a few of them have the word in the name or the context field, a match in a
# description alone does not count. When none do, every field is searched.
# Counted over the whole index before filters, like the rarity.
STRONG_MATCHES_FOR_CUTOFF = 3
ANSWERS_FOR_CUTOFF = 1
STRONG_FIELDS = ("name", "context")
ANSWER_FIELDS = ("name",)


@dataclass(frozen=True)
class WordWeights:
    """What one query word adds, by field, as typed and through a synonym, and as a need."""

    typed: dict[str, int]
    synonym: dict[str, int]
    need: int
    cut_fields: tuple[str, ...]  # fields where a match alone does not count (the cut-off)


def word_weight(*, field_weight: int, matching: int, total: int) -> int:
    """The score a word adds when its best field has ``field_weight`` (at least 1)."""
    return max(1, round(field_weight * rarity(matching=matching, total=total) * RARITY_SCALE))


def word_weights(*, matching: int, total: int, strong: int = 0, answered: int = 0) -> WordWeights:
    """A word's weights, from the services it matches (any way), matches strongly, and answers
    (its need's categories and the names holding it; 0 when the word names no need)."""

    def weigh(weights: dict[str, int]) -> dict[str, int]:
        return {
            f: word_weight(field_weight=w, matching=matching, total=total)
            for f, w in weights.items()
        }

    if answered >= ANSWERS_FOR_CUTOFF:
        cut_fields = tuple(f for f in FIELD_WEIGHTS if f not in ANSWER_FIELDS)
    elif strong >= STRONG_MATCHES_FOR_CUTOFF:
        cut_fields = tuple(f for f in FIELD_WEIGHTS if f not in STRONG_FIELDS)
    else:
        cut_fields = ()
    return WordWeights(
        typed=weigh(FIELD_WEIGHTS),
        synonym=weigh(SYNONYM_WEIGHTS),
        need=word_weight(field_weight=NEED_WEIGHT, matching=matching, total=total),
        cut_fields=cut_fields,
    )


def searched_words(matching: Sequence[int]) -> list[bool]:
    """Which query words to search with, from the services each matches: a word no indexed
    service has is left out (引きこもりの息子 finds the ひきこもり services, and the page says
    息子 was not used), unless no word is known (then nothing is found, not everything)."""
    known = [n > 0 for n in matching]
    return known if any(known) else [True] * len(known)


Sort = Literal["relevance", "distance", "name"]
MAX_PAGE_SIZE = 100
# The paging limit: no page reaches past this many results (the form refuses it, the page
# links stop there). Elasticsearch refuses from + size beyond an index's max_result_window
# (10,000 by default), so our index's window is at least this (``INDEX_MAX_RESULT_WINDOW``).
# https://www.elastic.co/docs/reference/elasticsearch/index-settings/index-modules
MAX_RESULT_WINDOW = 10_000
MAX_RADIUS_KM = 100.0


@dataclass(frozen=True)
class GeoFilter:
    latitude: float
    longitude: float
    radius_km: float | None = None  # None: sort/annotate by distance without a radius


@dataclass(frozen=True)
class BoundingBox:
    """A map view: south-west and north-east corners."""

    min_latitude: float
    min_longitude: float
    max_latitude: float
    max_longitude: float


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    point: GeoFilter | None = None
    bbox: BoundingBox | None = None
    # facet id → selected values; values within one facet are OR-ed, facets are AND-ed
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    open_at: datetime | None = None  # "open now" is open_at=now
    evenings: bool = False  # 夜間: some period at or after 18:00
    weekends: bool = False  # 休日: open on Saturday, Sunday or public holidays
    sort: Sort = "relevance"
    page: int = 1
    page_size: int = 20

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class Hit:
    service_id: int  # Wagtail page id
    hsds_id: UUID
    name: str
    organization: str
    url: str
    location_name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    distance_km: float | None = None
    open_now: bool | None = None
    snippet: str = ""  # HTML-escaped, with <mark> around matches
    score: float = 0.0
    availability: str = ""  # directory.choices.Availability value; "" only for old index rows
    availability_note: str = ""  # the provider's capacity note (受付状況のメモ)


@dataclass(frozen=True)
class FacetValueCount:
    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValueCount]]
    backend: str
    degraded: bool = False  # answered by the fallback backend: results may be incomplete
    # Query words no indexed service has, left out of the search (``searched_words``).
    ignored_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndexedPoint:
    latitude: float
    longitude: float
    location_id: int
    location_name: str
    municipality_code: str


@dataclass(frozen=True)
class SearchDocument:
    """A published service, flattened for indexing; built by ``search.documents``."""

    service_id: int
    hsds_id: UUID
    name: str
    organization: str
    url: str
    description: str
    name_terms: tuple[str, ...]
    context_terms: tuple[str, ...]
    description_terms: tuple[str, ...]
    facets: dict[str, tuple[str, ...]]
    points: tuple[IndexedPoint, ...]
    open_periods: tuple[tuple[datetime, datetime], ...]  # within the indexing horizon
    evenings: bool
    weekends: bool
    sort_name: str
    # Shown on every hit, where a referral is decided; the status is also the availability facet.
    availability_note: str = ""

    @property
    def availability(self) -> str:
        values = self.facets.get("availability") or ("",)
        return values[0] or ""

    @functools.cached_property
    def version(self) -> str:
        """A digest of everything indexed; reconcile compares it with what the index holds.

        The terms are in it, so an edit that only changes matching (an English name, a
        category's name) is seen as stale too. Computed once per document, from one string
        hashed in one call: text joined by separators that normalised text never holds, and the
        facets and points as cheap text (the points' fields read at C speed, not their repr).
        """
        return hashlib.sha1(  # faster than blake2b where the CPU has SHA instructions
            "\x1e".join(
                (
                    self.name,
                    self.organization,
                    self.url,
                    self.description,
                    self.sort_name,
                    self.availability_note,
                    "\x1f".join(self.name_terms),
                    "\x1f".join(self.context_terms),
                    "\x1f".join(self.description_terms),
                    _facets_text(self.facets),
                    repr((tuple(map(_point_fields, self.points)), self.evenings, self.weekends)),
                    _periods_digest(self.open_periods),
                )
            ).encode(),
            usedforsecurity=False,
        ).hexdigest()


def _facets_text(facets: dict[str, tuple[str, ...]]) -> str:
    """The facets as text; values come sorted from search.documents."""
    try:
        return "\x1d".join(
            [name + "\x1f" + "\x1f".join(values) for name, values in sorted(facets.items())]
        )
    except TypeError:  # a None value (no cost category, say): repr keeps it apart from "None"
        return repr(sorted(facets.items()))


# Every field of a point, as a plain tuple (whose repr is far cheaper than the dataclass's).
_point_fields = operator.attrgetter(*(f.name for f in fields(IndexedPoint)))


@functools.lru_cache(maxsize=4096)
def _periods_digest(periods: tuple[tuple[datetime, datetime], ...]) -> str:
    """The periods' part of the digest; documents with the same timetable share the tuple."""
    return repr([(start.timestamp(), end.timestamp()) for start, end in periods])
