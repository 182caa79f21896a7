"""Running a search for the page and the API, with the database backend as the safety net.

``search_run`` never lets an unreachable Elasticsearch turn into a 500: the database backend is
always kept up to date (``search.backends``), so it answers instead and the result is marked
``degraded`` for the page to say so. ``facet_groups`` gives facet values their visible labels,
and ``hits_in_language`` the hits their names and notes in the visitor's language.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, replace
from uuid import UUID

from django.conf import settings
from django.core.cache import cache
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import get_language

from directory import choices, geocoding
from directory.models import TaxonomyTerm
from directory.models.pages import ServiceText
from directory.models.translated import translation_suffix
from directory.selectors import location_names, service_texts
from platform_site.public_cache import public_pages_generation
from search.backends import BackendUnavailable, get_backend
from search.contract import FACETS, Hit, SearchQuery, SearchResult

logger = logging.getLogger(__name__)

FALLBACK_BACKEND = "database"

# Facets whose values are a closed vocabulary in code; categories and municipalities are looked up.
_CHOICE_LABELS = {
    "target_group": choices.TargetGroup,
    "language": choices.Language,
    "cost": choices.CostCategory,
    "delivery_mode": choices.DeliveryMode,
    "accessibility": choices.AccessibilityFeature,
    "provider_type": choices.ProviderType,
    "availability": choices.Availability,
    "certification": choices.CertificationKind,
}


def search_run(*, query: SearchQuery) -> SearchResult:
    """Answer ``query`` from the configured backend, or from the database one when it is down."""
    primary = settings.SEARCH_BACKEND
    try:
        return get_backend(primary).search(query)
    except BackendUnavailable as exc:
        # No query text or location in the log: they may identify the person being helped.
        logger.warning(
            "Search backend %r unavailable (%s); answering from %r",
            primary,
            type(exc).__name__,
            FALLBACK_BACKEND,
        )
    if primary != FALLBACK_BACKEND:
        try:
            return replace(get_backend(FALLBACK_BACKEND).search(query), degraded=True)
        except BackendUnavailable as exc:
            logger.error("Fallback search backend unavailable too (%s)", type(exc).__name__)
    return SearchResult(total=0, hits=[], facets={}, backend="none", degraded=True)


# A translated description stands in for the snippet, cut like the cards always cut it.
SNIPPET_CHARS = 90


def hits_in_language(*, hits: list[Hit]) -> tuple[list[Hit], dict[UUID, ServiceText]]:
    """``hits`` with the visitor's name, place name, 受付状況のメモ and snippet, and each
    service's texts by HSDS id (the index holds the Japanese; two queries).

    The page's cards, its map and ``/api/v1/search`` (the map after 「この範囲で検索」) all show
    hits through here. A description translated into the visitor's language replaces the
    Japanese snippet; an untranslated one keeps it, with its highlighted words.
    """
    ids = [hit.hsds_id for hit in hits]
    texts = service_texts(hsds_ids=ids)
    names = location_names(hsds_ids=ids) if ids else {}
    translated = translation_suffix() is not None
    shown = []
    for hit in hits:
        text = texts.get(hit.hsds_id)
        if text is None:
            shown.append(
                replace(hit, location_name=names.get(hit.location_name, hit.location_name))
            )
            continue
        snippet = hit.snippet
        if translated and text.description_translated:
            snippet = escape(Truncator(text.description).chars(SNIPPET_CHARS))
        shown.append(
            replace(
                hit,
                name=text.name,
                location_name=names.get(hit.location_name, hit.location_name),
                availability_note=text.capacity_note if hit.availability_note else "",
                snippet=snippet,
            )
        )
    return shown, texts


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str  # the facet id, also its query parameter
    parameter: str
    label: str
    options: list[FacetOption]

    @property
    def selected_count(self) -> int:
        return sum(1 for option in self.options if option.selected)


def facet_groups(*, result: SearchResult) -> list[FacetGroup]:
    """Every facet of ``result`` in ``FACETS`` order, values labelled in the visitor's language."""
    codes = {v.value for v in result.facets.get("category", ())}
    language = get_language() or ""
    terms = _category_labels(codes, language=language) if codes else {}
    labels = _choice_labels(language)
    groups = []
    for name, (parameter, label) in _facet_labels(language):
        options = [
            FacetOption(
                value=v.value,
                label=_label(name, v.value, terms=terms, labels=labels),
                count=v.count,
                selected=v.selected,
            )
            for v in result.facets.get(name, ())
        ]
        groups.append(FacetGroup(name=name, parameter=parameter, label=str(label), options=options))
    return groups


def _category_labels(codes: set[str], *, language: str) -> dict[str, str]:
    """code → ``TaxonomyTerm.display_name`` for ``codes``, from the shared cache when it can.

    Every search page needs these labels; all terms (a few hundred) are read at once and kept
    until a term or page changes (``public_pages_invalidate`` starts a new generation).
    """
    suffix = translation_suffix(language) or "ja"
    key = f"facet-labels:category:{suffix}:{public_pages_generation()}"
    labels = cache.get(key)
    if labels is None:
        labels = {
            term.code: term.display_name_in(language)
            for term in TaxonomyTerm.objects.only("code", "name", "name_en", "name_easy")
        }
        cache.set(key, labels, timeout=settings.FACET_LABEL_CACHE_SECONDS)
    return {code: labels[code] for code in codes if code in labels}


@functools.lru_cache(maxsize=32)
def _facet_labels(language: str) -> list[tuple[str, tuple[str, str]]]:
    """``FACETS`` items with their labels translated into ``language`` (the active one)."""
    return [(name, (parameter, str(label))) for name, (parameter, label) in FACETS.items()]


@functools.lru_cache(maxsize=32)
def _choice_labels(language: str) -> dict[str, dict[str, str]]:
    """facet → value → label in ``language`` (the active one: the labels are gettext'ed now).

    Built once per language and process: a search page has a few hundred facet values, and
    looking each label up through its enum and gettext cost more than some searches.
    """
    return {
        facet: {str(value): str(label) for value, label in vocabulary.choices}
        for facet, vocabulary in _CHOICE_LABELS.items()
    }


def _label(
    facet: str, value: str, *, terms: dict[str, str], labels: dict[str, dict[str, str]]
) -> str:
    if facet == "category":
        return terms.get(value, value)
    if facet == "municipality":
        municipality = geocoding.municipality_by_code(value)
        return municipality.full_name if municipality else value
    return labels.get(facet, {}).get(value, value)
