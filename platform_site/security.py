"""Security headers the whole site shares: the admin's CSP relaxations and ``no-store``.

The policy itself is django-csp's (``settings.CONTENT_SECURITY_POLICY``); this module only
scopes the relaxations the Wagtail admin needs to the admin's paths, so that the public pages
keep a policy without any inline script or style.
"""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers, patch_cache_control


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.ADMIN_PATH_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with ``settings.ADMIN_CSP_RELAXATIONS`` replacing directives under /admin/."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if is_admin_path(request.path) and parts.replace is None:
            parts.replace = dict(settings.ADMIN_CSP_RELAXATIONS)
        return parts


class NoStoreMiddleware:
    """``Cache-Control: no-store, private`` on every answer under a personal-data prefix.

    A list of prefixes rather than a decorator per view, so that a new view under
    /referrals/ or /providers/ is covered without anyone remembering to.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path.startswith(tuple(settings.NO_STORE_PATH_PREFIXES)):
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
            patch_cache_control(response, no_store=True, private=True)
        return response
