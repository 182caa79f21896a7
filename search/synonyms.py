"""The synonym groups both backends expand queries with: built-in ones plus the moderators'.

Every search needs them, so they are cached; the cache key carries the row count and the latest
``updated_at`` of ``SynonymGroup``, so an edit or delete in the admin takes effect on the next
search in every process, at the cost of one small aggregate query.
"""

from __future__ import annotations

import threading

from django.core.cache import cache
from django.db.models import Count, Max

from search.models import SynonymGroup
from search.text import DEFAULT_SYNONYMS, SynonymSet

CACHE_SECONDS = 60 * 60
_local = threading.local()


def _state_key() -> str:
    state = SynonymGroup.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    latest = state["latest"].timestamp() if state["latest"] else 0
    return f"search:synonyms:{state['count']}:{latest}"


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
