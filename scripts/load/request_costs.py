"""Single-request cost of each kind of request in the load test: time and SQL queries.

On a shared machine a load test measures the neighbours as much as the site; this measures one
request at a time, in-process (django.test.Client), with the settings of the production stack:

    bash -c 'source scripts/lib/env.sh && tsunagu_load_env && \
        .venv/bin/python scripts/load/request_costs.py'

N (60) requests of each kind. CACHE=0 (default) turns the public page cache off, so every
public request is a miss (the work a cache hit saves); CACHE=1 asks each URL once unmeasured
first, so the measured request is a hit wherever the cache can answer.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parent)]

import django  # noqa: E402

django.setup()

import mix  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

N = int(os.environ.get("N", 60))
CACHE = os.environ.get("CACHE", "0") == "1"
if not CACHE:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


def measure(name: str, client: Client, make_url) -> None:
    times, cpu, queries, statuses = [], [], [], {}
    for _ in range(N):
        url = make_url()
        if CACHE:
            client.get(url)
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        queries.append(len(captured))
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    times.sort()
    p95 = times[max(0, round(len(times) * 0.95) - 1)]
    print(
        f"{name:30} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
        f"cpu p50 {statistics.median(cpu):5.1f} ms  queries {statistics.median(queries):3.0f} "
        f"(max {max(queries)})  {statuses}"
    )


def signed_in(username: str) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    return client


def main() -> None:
    rng = random.Random(1)
    anonymous = Client(HTTP_HOST="127.0.0.1")
    answer = anonymous.get("/api/v1/search?page_size=100").json()
    links = [hit["url"] for hit in answer["results"]]
    pages = [anonymous.get(link)["Location"] for link in links]
    measure("/search/", anonymous, lambda: mix.search_url(rng))
    measure("/services/<id>/ (link)", anonymous, lambda: rng.choice(links))
    measure("/<service page>/", anonymous, lambda: rng.choice(pages))
    measure("/api/v1/search?page_size=100", anonymous, lambda: "/api/v1/search?page_size=100")
    for username, visits in mix.SIGNED_IN_PAGES.items():
        client = signed_in(username)
        for path, name in visits:
            measure(name or path, client, lambda path=path: path)


if __name__ == "__main__":
    main()
