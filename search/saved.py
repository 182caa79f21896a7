"""Saved searches and the remembered place: what a signed-in worker keeps of their searches.

Only staff (signed-in users) are remembered; an anonymous visitor's search leaves no trace.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse

from search.contract import FACET_NAMES
from search.models import SavedSearch

LAST_PLACE_SESSION_KEY = "search_last_place"
MAX_SAVED_SEARCHES = 50
# The parameters that describe a search; paging and the map's viewport are not kept.
_KEPT = ("q", "near", "lat", "lng", "radius_km", "sort", "open_now", "at", "evenings", "weekends")


def saved_query(params: QueryDict) -> str:
    """The part of a ``/search/`` query string worth keeping, in a stable order."""
    kept = QueryDict(mutable=True)
    for name in (*_KEPT, *FACET_NAMES):
        values = [v for v in params.getlist(name) if v.strip()]
        if values:
            kept.setlist(name, values)
    return kept.urlencode()


def place_remember(*, session: SessionBase, user: Any, place: str) -> None:
    """Keep the last place a signed-in user searched, for the search box on ``/my/``."""
    if getattr(user, "is_authenticated", False) and place.strip():
        session[LAST_PLACE_SESSION_KEY] = place.strip()[:200]


def last_place(*, session: SessionBase) -> str:
    return str(session.get(LAST_PLACE_SESSION_KEY, ""))


def saved_searches_for(*, user: Any) -> QuerySet[SavedSearch]:
    if not getattr(user, "is_authenticated", False):
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user=user)


def saved_search_create(*, user: Any, name: str, params: QueryDict) -> SavedSearch | None:
    """Save the search (``None`` when it has nothing to keep); the oldest go past the limit."""
    query = saved_query(params)
    if not query:
        return None
    saved = SavedSearch.objects.create(
        user=user, name=name.strip()[:100] or query[:100], query=query
    )
    stale = saved_searches_for(user=user).values_list("pk", flat=True)[MAX_SAVED_SEARCHES:]
    SavedSearch.objects.filter(pk__in=list(stale)).delete()
    return saved


def saved_search_delete(*, user: Any, saved_id: int) -> bool:
    deleted, _rows = saved_searches_for(user=user).filter(pk=saved_id).delete()
    return bool(deleted)


def rerun_url(saved: SavedSearch) -> str:
    return f"{reverse('search:search')}?{saved.query}"
