"""Two-factor sign-in before anything else, for the accounts that need it; and the renewal of
a signed-in session, which keeps the idle sign-out going.

After the password, a person for whom ``two_factor_required_for`` holds reaches only the
two-factor pages, sign-out and static files until they enter a code (or set up an app first).
This covers the site, the Wagtail admin, the Django admin and the API alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.selectors import has_confirmed_device, two_factor_required_for

ALLOWED_URL_NAMES = ("accounts:two_factor_setup", "accounts:two_factor_verify", "accounts:logout")


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or user.is_verified()
            or self._allowed(request.path)
            or not two_factor_required_for(user=user)
        ):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("二段階認証がまだ済んでいません。")}, status=403)
        name = (
            "accounts:two_factor_verify"
            if has_confirmed_device(user=user)
            else "accounts:two_factor_setup"
        )
        target = reverse(name)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)

    @staticmethod
    def _allowed(path: str) -> bool:
        prefixes = [reverse(name) for name in ALLOWED_URL_NAMES]
        prefixes += [settings.STATIC_URL, "/i18n/"]
        return any(path.startswith(prefix) for prefix in prefixes)


SESSION_RENEWED_KEY = "_renewed_at"


class SessionRenewalMiddleware:
    """Renew a session's expiry (``SESSION_COOKIE_AGE`` from now) at most once every
    ``SESSION_RENEW_SECONDS``, instead of on every request (``SESSION_SAVE_EVERY_REQUEST``).

    Why: saving the session is a write on every signed-in request; once a minute keeps the idle
    sign-out within that minute of the last request. Sits right after ``SessionMiddleware``, so
    it sees the answer last and the session is saved (with a fresh cookie) when it marks it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.session_key:
            return response  # no session (anonymous visitors): nothing to renew, nothing read
        renewed_at = session.get(SESSION_RENEWED_KEY, 0)
        if not session.session_key:
            return response  # it had expired or was signed out: loading it dropped the key
        now = int(time.time())
        if session.modified or now - renewed_at >= settings.SESSION_RENEW_SECONDS:
            session[SESSION_RENEWED_KEY] = now  # modified: SessionMiddleware saves and renews
        return response
