"""Load profile for scripts/load_test.sh: 70 % public searches, 20 % service pages, 10 %
signed-in worker and provider actions (one request per task for every user, so the user
weights 7 : 2 : 1 are the request shares). Only 127.0.0.1 is ever targeted, and the run stops by
itself after MAX_REQUESTS requests (the time bound is locust's --run-time).

The demo accounts (``load_demo_data``: worker, provider) sign in once per simulated user at
/accounts/login/. An account that must pass a second factor gets a code from the published demo
authenticator key (``manage.py otp_demo_device``; DEMO_TOTP_KEY overrides it).
"""

from __future__ import annotations

import itertools
import os
import random
import re
from urllib.parse import urlsplit

import mix  # scripts/load/mix.py: locust puts the locustfile's folder on sys.path
from gevent.lock import Semaphore
from locust import HttpUser, between, events, task

MAX_REQUESTS = int(os.environ.get("MAX_REQUESTS", 60_000))
PASSWORD = os.environ.get("DEMO_PASSWORD", "tsunagu-demo")
# Think time between two requests of one user, in seconds. 50 users can ask at most
# 50 / (mean think time + response time) requests a second: 0.1–0.5 s lets them reach the
# 100 requests/s of the target (0.5–1.5 s capped the old runs at under 50 requests/s).
THINK = between(
    float(os.environ.get("THINK_MIN_SECONDS", 0.1)), float(os.environ.get("THINK_MAX_SECONDS", 0.5))
)
# accounts/management/commands/otp_demo_device.py: DEMO_KEY_HEX in base32 (also in README.md).
DEMO_TOTP_KEY = os.environ.get("DEMO_TOTP_KEY", "ORZXK3TBM52S2ZDFNVXS233ONR4S2MBR")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_requests = itertools.count(1)
_service_urls: list[str] = []
_service_urls_lock = Semaphore()  # one visitor asks for them; the others wait for that answer


@events.init.add_listener
def _only_localhost(environment, **kwargs):
    host = urlsplit(environment.host or "").hostname
    if host not in {"127.0.0.1", "localhost"}:
        raise SystemExit(f"load tests go to 127.0.0.1 only, not {host!r}")


_env = None


@events.init.add_listener
def _keep_environment(environment, **kwargs):
    global _env
    _env = environment


@events.request.add_listener
def _bounded(**kwargs):
    """Stop after MAX_REQUESTS requests, whatever the run time left."""
    if next(_requests) == MAX_REQUESTS and _env is not None and _env.runner is not None:
        _env.runner.quit()


class Visitor(HttpUser):
    """Anonymous: searches (7) and service pages (2)."""

    weight = mix.SEARCH_WEIGHT + mix.SERVICE_PAGE_WEIGHT
    wait_time = THINK

    def on_start(self):
        with _service_urls_lock:
            if not _service_urls:
                answer = self.client.get("/api/v1/search?page_size=100", name="/api/v1/search")
                _service_urls.extend(hit["url"] for hit in answer.json().get("results", []))

    @task(mix.SEARCH_WEIGHT)
    def search(self):
        self.client.get(mix.search_url(), name="/search/")

    @task(mix.SERVICE_PAGE_WEIGHT)
    def service_page(self):
        if _service_urls:
            self.client.get(random.choice(_service_urls), name="/<service page>/")


class SignedIn(HttpUser):
    """A worker or a provider: their own pages, signed in (never cached)."""

    weight = mix.SIGNED_IN_WEIGHT
    wait_time = THINK

    def on_start(self):
        self.username = random.choice(sorted(mix.SIGNED_IN_PAGES))
        self.signed_in = self._sign_in()

    def _failed(self, why: str) -> bool:
        events.request.fire(
            request_type="SIGN-IN",
            name=self.username,
            response_time=0,
            response_length=0,
            exception=RuntimeError(f"{self.username} was not signed in: {why}"),
        )
        return False

    def _sign_in(self) -> bool:
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = _CSRF.search(page.text)
        answer = self.client.post(
            "/accounts/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="/accounts/login/ (POST)",
            allow_redirects=False,
        )
        target = answer.headers.get("Location", "")
        if answer.status_code != 302 or target.startswith("/accounts/login/"):
            return self._failed(f"password refused ({answer.status_code})")
        landing = self.client.get(target, name="(home after sign-in)")
        path = urlsplit(landing.url).path
        if path.endswith("/two-factor/setup/"):
            return self._failed("no authenticator (run manage.py otp_demo_device)")
        if path.endswith("/two-factor/verify/"):
            token = _CSRF.search(landing.text)
            answer = self.client.post(
                landing.url,
                {
                    "token": mix.totp(DEMO_TOTP_KEY),
                    "csrfmiddlewaretoken": token.group(1) if token else "",
                },
                name="/accounts/two-factor/verify/ (POST)",
                allow_redirects=False,
            )
            if answer.status_code != 302:
                return self._failed(f"second factor refused ({answer.status_code})")
        return True

    @task
    def own_page(self):
        if self.signed_in:
            path, name = random.choice(mix.SIGNED_IN_PAGES[self.username])
            with self.client.get(
                path, name=name or path, allow_redirects=False, catch_response=True
            ) as answer:
                if answer.status_code != 200:  # e.g. sent to sign in: not a signed-in page
                    answer.failure(f"{self.username}: {answer.status_code}")
