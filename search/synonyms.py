"""The words both backends read a query with: synonym groups and need words (``search.needs``),
built-in ones plus the moderators'.

Every search needs them, so they are cached; the cache key carries the row count and the latest
``updated_at`` of ``SynonymGroup`` and of ``TaxonomyTerm``, so an edit or delete in the admin
takes effect on the next search in every process, at the cost of one small aggregate query.
"""

from __future__ import annotations

import functools
import threading

from django.core.cache import cache
from django.db import connections

from directory.categories import SEARCH_WORDS
from directory.models import TaxonomyTerm
from directory.models.taxonomy import split_words
from search.models import SynonymGroup
from search.needs import NeedSet
from search.text import DEFAULT_SYNONYMS, QueryWord, SynonymSet
from search.words import parse_query

CACHE_SECONDS = 60 * 60
_local = threading.local()


def _state_key() -> str:
    """The table's row count and latest ``updated_at``: changes with every save or delete.

    Raw SQL on the default connection: the ORM's aggregate cost about ten times the query
    itself, and this runs on every search. (A version bumped by a signal in Django's cache would
    not reach the other processes with the default per-process cache, nor see bulk updates.)
    """
    with connections["default"].cursor() as cursor:
        cursor.execute(_STATE_SQL())
        row = cursor.fetchone()
    # Datetimes (PostgreSQL) or their text (SQLite); digits only, for a memcached-safe key.
    stamps = ["".join(filter(str.isdigit, str(v))) if v is not None else "0" for v in row]
    return "search:vocabulary:" + ":".join(stamps)


@functools.cache
def _STATE_SQL() -> str:  # noqa: N802 - a constant, computed once the connection is known
    quote = connections["default"].ops.quote_name
    parts = []
    for model in (SynonymGroup, TaxonomyTerm):
        table = quote(model._meta.db_table)
        updated_at = model._meta.get_field("updated_at")
        assert updated_at.column is not None  # concrete; the stubs allow None for any field
        column = quote(updated_at.column)
        parts.append(f"(SELECT COUNT(*) FROM {table}), (SELECT MAX({column}) FROM {table})")
    return "SELECT " + ", ".join(parts)  # noqa: S608 - our own names


def _groups_for(key: str) -> list[list[str]]:
    groups = cache.get(key)
    if groups is None:
        groups = [list(group) for group in DEFAULT_SYNONYMS]
        groups.extend(group.term_list() for group in SynonymGroup.objects.order_by("pk"))
        cache.set(key, groups, CACHE_SECONDS)
    return groups


def _need_words_for(key: str) -> list[tuple[str, str]]:
    words = cache.get(key + ":needs")
    if words is None:
        words = [(code, word) for code, listed in SEARCH_WORDS.items() for word in listed]
        for code, typed in TaxonomyTerm.objects.exclude(search_words="").values_list(
            "code", "search_words"
        ):
            words.extend((code, word) for word in split_words(typed))
        cache.set(key + ":needs", words, CACHE_SECONDS)
    return words


def synonym_groups() -> list[list[str]]:
    """``DEFAULT_SYNONYMS`` followed by the moderators' groups, in admin order."""
    return [list(group) for group in _groups_for(_state_key())]


def synonym_set() -> SynonymSet:
    """The groups as a ``SynonymSet`` (normalised once per change, per thread)."""
    return _vocabulary()[0]


def need_set() -> NeedSet:
    """The need words as a ``NeedSet`` (analysed once per change, per thread)."""
    return _vocabulary()[1]


def _vocabulary() -> tuple[SynonymSet, NeedSet]:
    key = _state_key()
    memo: tuple[str, SynonymSet, NeedSet] | None = getattr(_local, "memo", None)
    if memo is None or memo[0] != key:
        memo = (key, SynonymSet(_groups_for(key)), NeedSet(_need_words_for(key)))
        _local.memo = memo
    return memo[1], memo[2]


def query_words(text: str) -> list[tuple[QueryWord, ...]]:
    """``words.parse_query`` with the synonyms and need words in force: what both backends run."""
    synonyms, needs = _vocabulary()
    return parse_query(text, synonyms=synonyms, needs=needs)
