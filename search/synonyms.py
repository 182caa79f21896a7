"""The synonym groups both backends expand queries with: built-in ones plus the moderators'.

Every search needs them, so they are cached; the cache key carries the row count and the latest
``updated_at`` of ``SynonymGroup``, so an edit or delete in the admin takes effect on the next
search in every process, at the cost of one small aggregate query.
"""

from __future__ import annotations

import functools
import threading

from django.core.cache import cache
from django.db import connections

from search.models import SynonymGroup
from search.text import DEFAULT_SYNONYMS, SynonymSet

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
        count, latest = cursor.fetchone()
    # A datetime (PostgreSQL) or its text (SQLite); its digits, for a memcached-safe key.
    stamp = "".join(filter(str.isdigit, str(latest))) if latest is not None else "0"
    return f"search:synonyms:{count}:{stamp}"


@functools.cache
def _STATE_SQL() -> str:  # noqa: N802 - a constant, computed once the connection is known
    quote = connections["default"].ops.quote_name
    table = quote(SynonymGroup._meta.db_table)
    updated_at = SynonymGroup._meta.get_field("updated_at")
    assert updated_at.column is not None  # a concrete field; the stubs allow None for any field
    column = quote(updated_at.column)
    return f"SELECT COUNT(*), MAX({column}) FROM {table}"  # noqa: S608 - our own names


def _groups_for(key: str) -> list[list[str]]:
    groups = cache.get(key)
    if groups is None:
        groups = [list(group) for group in DEFAULT_SYNONYMS]
        groups.extend(group.term_list() for group in SynonymGroup.objects.order_by("pk"))
        cache.set(key, groups, CACHE_SECONDS)
    return groups


def synonym_groups() -> list[list[str]]:
    """``DEFAULT_SYNONYMS`` followed by the moderators' groups, in admin order."""
    return [list(group) for group in _groups_for(_state_key())]


def synonym_set() -> SynonymSet:
    """The groups as a ``SynonymSet`` (normalised once per change, per thread)."""
    key = _state_key()
    memo: tuple[str, SynonymSet] | None = getattr(_local, "memo", None)
    if memo is None or memo[0] != key:
        memo = (key, SynonymSet(_groups_for(key)))
        _local.memo = memo
    return memo[1]
