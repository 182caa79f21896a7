"""Real-browser tests: Debian's Chromium driven by Playwright against a live server with demo data.

Run them alone with ``pytest -m browser``. They need ``/usr/bin/chromium`` (Debian's package;
Playwright's own browser downloads are never used) and skip when it is missing, except in CI
(``CI=true``), where a missing browser fails the run.

The server's clock is frozen (``FROZEN_NOW``): pytest-django's live server runs in a thread of
this process, so patching ``django.utils.timezone.now`` reaches it. The demo data and the search
index are built under the same clock, so "open now" has the same answer every day of the year.
Screenshots, PDFs and axe reports of every step go to ``test-artifacts/browser/`` (gitignored).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.otp import login_verified

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
# Saturday 7 November 2026, 11:00 in Tokyo: the demo food banks near 池袋 open 10:00–15:00 on
# Saturdays; no public holiday, no demo closure (those start from 11 November).
FROZEN_NOW = datetime(2026, 11, 7, 11, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}
# WCAG 2.2 A and AA (axe-core tags); best practices are left out on purpose.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread, which Django's async-safety
    # check mistakes for async code; the test's own DB calls never run inside that loop.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def frozen_clock(monkeypatch) -> datetime:
    monkeypatch.setattr(timezone, "now", lambda: FROZEN_NOW)
    return FROZEN_NOW


@pytest.fixture
def demo_site(live_server, frozen_clock):
    """The demo directory and its database search index, inside the live server's test DB."""
    call_command("load_demo_data", verbosity=0)
    call_command("reconcile_search_index", backend="database", verbosity=0)
    return live_server


class Visit:
    """One browser tab with the helpers every step uses: screenshots, axe, request log."""

    def __init__(self, page, *, base_url: str, name: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.directory = ARTIFACTS / name
        self.directory.mkdir(parents=True, exist_ok=True)
        for old in self.directory.glob("*"):
            old.unlink()
        self.step = 0
        self.foreign_requests: list[str] = []
        self.axe_reports: dict[str, list[dict]] = {}
        host = urlsplit(self.base_url).netloc
        page.on("request", lambda request: self._record(request.url, host))
        # The site's Content-Security-Policy is enforced here as for a resident: anything it
        # blocks (an inline script, a style attribute, a foreign image) fails the step.
        self.csp_violations: list[str] = []
        page.on("console", self._record_console)

    def _record(self, url: str, host: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != host:
            self.foreign_requests.append(url)

    def _record_console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(f"{self.page.url}: {message.text}")

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def login(self, username: str) -> None:
        """Sign in as a demo account by giving the browser a session cookie.

        Quicker than the sign-in form (/accounts/login/): the session is made by Django's
        test client, already past two-factor sign-in for the accounts that need it.
        """
        user = get_user_model().objects.get(username=username)
        client = Client()
        login_verified(client, user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.base_url}]
        )

    def path(self) -> str:
        parts = urlsplit(self.page.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def shot(self, label: str, *, full_page: bool = True) -> Path:
        self.step += 1
        path = self.directory / f"{self.step:02d}-{label}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def check(self, label: str) -> None:
        """Screenshot, then axe-core: no serious or critical WCAG 2.2 A/AA violation."""
        self.shot(label)
        assert not self.csp_violations, self.csp_violations
        result = self.page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        violations = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]
        self.axe_reports[label] = violations
        (self.directory / f"{self.step:02d}-{label}.axe.json").write_text(
            json.dumps(violations, ensure_ascii=False, indent=2)
        )
        blocking = [v for v in violations if v["impact"] in {"serious", "critical"}]
        assert not blocking, f"axe on {label} ({self.page.url}): {blocking}"

    def assert_no_third_party_requests(self) -> None:
        assert not self.foreign_requests, f"third-party requests: {self.foreign_requests}"


@pytest.fixture
def visit(chromium, demo_site, request) -> Iterator:
    """``visit(viewport=…)`` opens a fresh browser context (own cookies) for one actor."""
    contexts = []

    def open_visit(*, viewport=PHONE, name: str | None = None, locale: str = "ja-JP") -> Visit:
        context = chromium.new_context(viewport=viewport, locale=locale)
        # axe-core as an init script: injected by the browser, so the page's CSP (no inline
        # script) does not apply to it as it would to an added <script> tag.
        context.add_init_script(path=str(AXE_JS))
        contexts.append(context)
        label = re.sub(r"[^\w-]+", "_", name or request.node.name)
        return Visit(context.new_page(), base_url=demo_site.url, name=label)

    yield open_visit
    for context in contexts:
        context.close()
