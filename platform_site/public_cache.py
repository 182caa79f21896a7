"""Caching the public pages (search, service and other Wagtail pages) for anonymous visitors.

Only what every visitor sees alike is cached: never a signed-in visitor's page, never a path
under ``NO_STORE_PATH_PREFIXES`` (personal data), never an answer that sets a cookie or is not
a plain 200 or a redirect (a service's stable link). The key holds the language, the host, the full path with its query, and a
*generation* that ``public_pages_invalidate`` bumps when a page is published, unpublished,
moved or deleted, and when the search worker has applied index updates. The generation lives
in the shared cache (``CACHE_URL``), so every gunicorn worker sees the bump at once.

Each page holds a CSRF token (the language switch); the stored copy keeps a placeholder that a
hit replaces with the visitor's own token, so no visitor ever gets another's token.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.utils import translation

GENERATION_KEY = "public-pages:generation"
# The stable service links (/services/<id>/, every search result) only redirect to the page.
CACHEABLE_URL_NAMES = frozenset({"search:search", "wagtail_serve", "directory:service_by_id"})
_CACHEABLE_STATUSES = frozenset({200, 301, 302})
_SKIP_ATTRIBUTE = "_public_cache_skip"
_TOKEN_PLACEHOLDER = b"__TSUNAGU_CSRF_TOKEN__"
_TOKEN_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Location")


def public_pages_generation() -> int:
    """The current generation; 0 until the first invalidation."""
    return int(cache.get(GENERATION_KEY, 0))


def public_pages_invalidate() -> None:
    """Drop every cached public page and facet label: the content they show has changed."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any value unlike the old one will do
        cache.set(GENERATION_KEY, public_pages_generation() + 1, timeout=None)


def skip(request: HttpRequest) -> None:
    """Keep this answer out of the cache (e.g. a degraded search while Elasticsearch is down)."""
    setattr(request, _SKIP_ATTRIBUTE, True)


def _timeout() -> int:
    return int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 0))


def _may_use_cache(request: HttpRequest) -> bool:
    if _timeout() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(tuple(settings.NO_STORE_PATH_PREFIXES)):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False  # a session may carry messages or state meant for this visitor only
    match = request.resolver_match
    return match is not None and match.view_name in CACHEABLE_URL_NAMES


def _key(request: HttpRequest) -> str:
    raw = "\n".join(
        [
            str(public_pages_generation()),
            translation.get_language() or "",
            request.get_host(),
            request.get_full_path(),
        ]
    )
    return "public-page:v2:" + hashlib.sha256(raw.encode()).hexdigest()


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method != "GET" or getattr(request, _SKIP_ATTRIBUTE, False):
        return False
    if response.status_code not in _CACHEABLE_STATUSES or getattr(response, "streaming", False):
        return False
    if response.cookies and set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


class PublicPageCacheMiddleware:
    """Serve and store anonymous visitors' public pages. Sits after auth, CSRF and locale."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        _store(request, response)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not _may_use_cache(request):
            return None
        key = _key(request)
        stored = cache.get(key)
        if stored is None:
            request._public_cache_key = key
            return None
        content, headers, status = stored
        if _TOKEN_PLACEHOLDER in content:  # the visitor's own token; sets the cookie if needed
            content = content.replace(_TOKEN_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Public-Cache"] = "hit"
        return response


def _store(request: HttpRequest, response: HttpResponseBase) -> None:
    key = getattr(request, "_public_cache_key", None)
    if key is None or not _storable(request, response):
        return
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    content = _TOKEN_INPUT.sub(rb"\1" + _TOKEN_PLACEHOLDER + rb"\2", response.content)
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    cache.set(key, (content, headers, response.status_code), timeout=_timeout())
    response["X-Public-Cache"] = "miss"
