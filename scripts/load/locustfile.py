"""Load profile for scripts/load_test.sh: 70 % public searches, 20 % service pages, 10 %
signed-in worker and provider actions. Only 127.0.0.1 is ever targeted, and the run stops by
itself after MAX_REQUESTS requests (the time bound is locust's --run-time).

The demo accounts (``load_demo_data``: worker, provider) sign in once per simulated user.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

MAX_REQUESTS = int(os.environ.get("MAX_REQUESTS", 60_000))
PASSWORD = os.environ.get("DEMO_PASSWORD", "tsunagu-demo")
WORDS = [
    "",
    "食料",
    "フードバンク",
    "住まい",
    "相談",
    "就労",
    "子ども",
    "学習支援",
    "居場所",
    "生活保護",
    "DV",
    "外国語",
    "こども食堂",
    "弁当",
    "シェルター",
    "無料",
    "家計",
]
PLACES = ["", "", "豊島区", "練馬区", "新宿区", "170-0013"]
FLAGS = ["", "", "", "&open_now=1", "&weekends=1", "&evenings=1"]
_requests = itertools.count(1)
_service_urls: list[str] = []


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


def _search_url() -> str:
    word, place = random.choice(WORDS), random.choice(PLACES)
    flags = random.choice(FLAGS)
    if place and random.random() < 0.3:
        flags += "&sort=distance"  # only with a place: without one it is a 400 by design
    return f"/search/?q={word}&near={place}{flags}"


class Visitor(HttpUser):
    """Anonymous: searches (7) and service pages (2)."""

    weight = 9
    wait_time = between(0.5, 1.5)

    def on_start(self):
        if not _service_urls:
            answer = self.client.get("/api/v1/search?page_size=100", name="/api/v1/search")
            _service_urls.extend(hit["url"] for hit in answer.json().get("results", []))

    @task(7)
    def search(self):
        self.client.get(_search_url(), name="/search/")

    @task(2)
    def service_page(self):
        if _service_urls:
            self.client.get(random.choice(_service_urls), name="/<service page>/")


class SignedIn(HttpUser):
    """A worker or a provider: their own pages, signed in (never cached)."""

    weight = 1
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.username = random.choice(["worker", "provider"])
        page = self.client.get("/admin/login/", name="/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        with self.client.post(
            "/admin/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "next": "/",
            },
            name="/admin/login/ (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if "sessionid" not in self.client.cookies:
                answer.failure(f"{self.username} was not signed in ({answer.status_code})")

    @task
    def own_pages(self):
        if self.username == "worker":
            self.client.get("/referrals/", name="/referrals/ (worker)")
            self.client.get("/referrals/notifications/", name="/referrals/notifications/")
        else:
            self.client.get("/providers/", name="/providers/ (provider)")
            self.client.get("/referrals/inbox/", name="/referrals/inbox/ (provider)")
