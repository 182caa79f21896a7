"""The search benchmark behind ``manage.py benchmark_search`` (issue 3, "Speed").

What it measures, per kind of query, p50 and p95 in milliseconds:

* ``backend``: ``backend.search(query)`` in this process, the query already parsed;
* ``full``: ``GET /api/v1/search`` over a real socket: a wsgiref server on 127.0.0.1 in its own
  process (so its peak memory is the web process's alone), requested with ``http.client``;
* ``bare`` (Elasticsearch only): the same request body, sent with ``client.search`` directly;
* ``web CPU``: CPU time the server thread spent on each ``full`` request (``time.thread_time``
  around the WSGI call): about what ``full`` would be on an idle machine, so a busy machine
  (see the load average) can still be read;
* ``floor``: the same HTTP path to ``/bench/floor`` (``search.benchmark_urls``), a view that
  returns a fixed JSON body: what any request costs here before search does anything.

Choices, and why:

* The server serves one request at a time on one long-lived thread, like a sync worker. The
  benchmark sends requests one after another, so threads would only add a thread start per
  request and throw away per-thread caches (``search.synonyms``) that a real worker keeps.
  wsgiref speaks HTTP/1.0, so each request opens a connection (~0.1 ms on loopback, in the floor).
* The modes are interleaved query by query, so background noise hits all of them alike, and each
  kind is warmed up first with queries from another seed, so no measured query is a repeat.
* The mix is fixed by the seed: the same queries on every run. "open now" asks for a fixed
  weekday daytime (``at=``, the same code path as ``open_now=1``) so its figures do not depend on
  the hour the benchmark runs.
* Percentiles are nearest-rank: p95 of 50 samples is the 48th smallest.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import platform
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as clock
from io import StringIO
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlencode, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import environ
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import QueryDict
from django.test.utils import override_settings
from django.utils import timezone

from directory.choices import CostCategory, Language, TargetGroup
from directory.demo_data import EXTRA_WARDS, MAIN_WARDS, WORDS, demo_data_exists
from search.backends import get_backend
from search.contract import SearchQuery
from search.documents import indexable_services
from search.forms import TOKYO, SearchForm

KINDS: dict[str, str] = {
    "text": "text only",
    "near": "near + radius",
    "near_facets_text": "near + facets + text",
    "open_now": "open now",
    "bbox": "map bbox",
}
BACKENDS = ("database", "elasticsearch")
BENCH_INDEX_PREFIX = "bench"  # alias bench_services: never the site's or the tests' indices
BENCH_URLCONF = "search.benchmark_urls"
API_PATH = "/api/v1/search"
FLOOR_PATH = "/bench/floor"
STATS_PATH = "/bench/stats"
CHILD_MARK = "TSUNAGU_BENCHMARK_CHILD"  # set on the re-run with the benchmark database
SWAP_SEARCH_PAUSE_S = 0.01

# Issue 3's targets, printed beside the figures (not asserted). Full API p95 in ms by size.
FULL_P95_TARGET_MS: dict[str, dict[int, float]] = {
    "database": {10_000: 50.0, 100_000: 250.0},
    "elasticsearch": {100_000: 60.0},
}
BARE_RATIO_TARGET = {"elasticsearch": {100_000: 2.5}}
REBUILD_RATE_TARGET = {"elasticsearch": {100_000: 2_000.0}}

# Words a worker types: categories, synonyms (食べ物 → 食料), 1- and 2-character words.
TOPIC_TERMS = (
    "食料",
    "食べ物",
    "相談",
    "住まい",
    "仕事",
    "子ども",
    "学習",
    "借金",
    "医療",
    "介護",
    "障害",
    "外国人",
    "弁護士",
    "居場所",
    "フードバンク",
    "シェルター",
    "食",
    "日本語",
    "ひきこもり",
    "こころ",
    "無料",
    "家賃",
)
CATEGORY_CODES = (
    "food",
    "housing",
    "work",
    "money",
    "legal",
    "health",
    "children",
    "older-people",
    "disability",
    "foreign-residents",
    "safety",
    "daily-living",
    "consultation",
)
FACET_CHOICES: dict[str, tuple[str, ...]] = {
    "category": CATEGORY_CODES,
    "language": (Language.ENGLISH, Language.CHINESE, Language.EASY_JAPANESE, Language.VIETNAMESE),
    "target_group": tuple(TargetGroup.values),
    "cost": (CostCategory.FREE, CostCategory.LOW_COST),
}


# --- the queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    params: tuple[tuple[str, str], ...]  # the query string, in order

    @property
    def path(self) -> str:
        return f"{API_PATH}?{urlencode(self.params)}"

    def search_query(self) -> SearchQuery:
        """The ``SearchQuery`` the API builds from the same parameters (the same parser)."""
        data = QueryDict(mutable=True)
        for name, value in self.params:
            data.appendlist(name, value)
        form = SearchForm(data)
        if not form.is_valid():
            raise ValueError(f"benchmark query {self.params} is invalid: {form.errors.as_json()}")
        return form.query


def daytime_instant(*, now: datetime) -> datetime:
    """Next Wednesday (Tokyo), 11:00: a busy daytime hour, inside every index's horizon."""
    today = timezone.localtime(now, TOKYO).date()
    days = (2 - today.weekday()) % 7 or 7
    return datetime.combine(today + timedelta(days=days), clock(11, 0), tzinfo=TOKYO)


def query_mix(*, per_kind: int, seed: int, now: datetime) -> dict[str, list[BenchQuery]]:
    """``per_kind`` queries of every kind, the same for the same seed (and week)."""
    rng = random.Random(seed)
    wards = MAIN_WARDS + EXTRA_WARDS
    towns = [town.postal_code for ward in wards for town in ward.towns]
    at = daytime_instant(now=now).isoformat(timespec="minutes")

    def term() -> str:
        return rng.choice(TOPIC_TERMS) if rng.random() < 0.7 else rng.choice(WORDS)

    def facets(count: int) -> list[tuple[str, str]]:
        return [
            (name, rng.choice(FACET_CHOICES[name]))
            for name in rng.sample(list(FACET_CHOICES), count)
        ]

    def make(kind: str) -> BenchQuery:
        params: list[tuple[str, str]]
        if kind == "text":
            params = [("q", term() if rng.random() < 0.75 else f"{term()} {term()}")]
        elif kind == "near":
            params = [("near", rng.choice(towns)), ("radius_km", rng.choice(("1", "2", "5")))]
        elif kind == "near_facets_text":
            params = [
                ("q", rng.choice(TOPIC_TERMS)),
                ("near", rng.choice(towns)),
                ("radius_km", rng.choice(("2", "5", "10"))),
                *facets(rng.choice((1, 2))),
            ]
        elif kind == "open_now":
            params = [("at", at), *facets(rng.choice((0, 1)))]
        else:  # bbox: a phone-to-desktop map view (2-5 km across) around a ward
            ward = rng.choice(wards)
            lat = ward.latitude + rng.uniform(-0.01, 0.01)
            lng = ward.longitude + rng.uniform(-0.01, 0.01)
            half_lat = rng.uniform(0.01, 0.022)
            half_lng = half_lat * 1.25
            box = (lng - half_lng, lat - half_lat, lng + half_lng, lat + half_lat)
            params = [("bbox", ",".join(f"{v:.5f}" for v in box))]
        return BenchQuery(kind=kind, params=tuple(params))

    return {kind: [make(kind) for _ in range(per_kind)] for kind in KINDS}


# --- numbers ----------------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (no interpolation: always a measured value)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class KindTimings:
    """Seconds per sample, one sample per query and mode."""

    kind: str
    hits: list[int] = field(default_factory=list)
    backend: list[float] = field(default_factory=list)
    full: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    web_cpu: list[float] = field(default_factory=list)


@dataclass
class BackendReport:
    name: str
    kinds: dict[str, KindTimings]
    peak_memory_kb: int
    web_process: str  # "own process" or "this process (thread)"
    http_errors: int = 0
    degraded: int = 0
    count_mismatches: int = 0

    def all_kinds(self) -> KindTimings:
        pooled = KindTimings(kind="all")
        for timings in self.kinds.values():
            for name in ("hits", "backend", "full", "bare", "floor", "web_cpu"):
                getattr(pooled, name).extend(getattr(timings, name))
        return pooled


@dataclass
class RebuildReport:
    backend: str
    documents: int
    seconds: float
    searches: int = 0  # searches run while the rebuild (and its alias swap) ran
    failed: int = 0
    empty: int = 0
    incomplete: int = 0  # answered, but with fewer services than the index holds
    by_index: dict[str, int] = field(default_factory=dict)  # concrete index → searches answered
    last_error: str = ""

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


@dataclass
class BenchmarkReport:
    size: int
    services: int
    database: str
    data_note: str
    load_start: tuple[float, float, float]
    load_end: tuple[float, float, float] = (0.0, 0.0, 0.0)
    rebuilds: list[RebuildReport] = field(default_factory=list)
    backends: list[BackendReport] = field(default_factory=list)


# --- the benchmark database -------------------------------------------------------------------


def bench_database_url(*, database: str | None, size: int) -> str:
    """``--database`` as a ``DATABASE_URL``: a URL as given, else a SQLite file.

    Without ``--database``: ``var/bench-<size>.sqlite3``, or, when the site runs on PostgreSQL,
    a database ``<name>_bench_<size>`` on the same server (created if missing).
    """
    if database and "://" in database:
        return database
    if database is None and connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_bench_{size}"
        _postgres_database_ensure(name=name)
        current = urlsplit(os.environ.get("DATABASE_URL", ""))
        return current._replace(path=f"/{name}").geturl()
    path = Path(database) if database else Path(settings.BASE_DIR) / "var" / f"bench-{size}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


def _postgres_database_ensure(*, name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')  # name from our own settings and size


def is_current_database(url: str) -> bool:
    """Whether this process's default database is the one ``url`` names."""
    wanted = environ.Env.db_url_config(url)
    current = connection.settings_dict
    if wanted["ENGINE"] != current["ENGINE"]:
        return False
    if "sqlite3" in wanted["ENGINE"]:
        return Path(str(current["NAME"])).resolve() == Path(wanted["NAME"]).resolve()
    keys = ("NAME", "HOST", "PORT")
    return all(str(wanted.get(k) or "") == str(current.get(k) or "") for k in keys)


def database_prepare(*, size: int, seed: int, out: TextIO) -> str:
    """Migrate if needed and load ``size`` demo services unless the database holds them already."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        out.write(f"migrated in {time.perf_counter() - started:.1f} s\n")
    services = indexable_services().count()
    if services == size and demo_data_exists():
        return f"reused ({services:,} services)"
    started = time.perf_counter()
    # The demo referrals send their notifications; keep them out of the benchmark's report.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command(
            "load_demo_data", size=size, seed=seed, flush=True, verbosity=0, stdout=StringIO()
        )
    services = indexable_services().count()
    return f"loaded {services:,} services in {time.perf_counter() - started:.1f} s"


# --- rebuilding -------------------------------------------------------------------------------


def _rebuild_command(name: str) -> float:
    started = time.perf_counter()
    call_command("rebuild_search_index", backend=name, no_progress=True, stdout=StringIO())
    return time.perf_counter() - started


class _SwapWatch(threading.Thread):
    """Searches the live alias without pause while a rebuild fills a new index and swaps.

    Each round: the backend's own search for everything (must not fail and must count every
    service), then a one-hit bare query to note which concrete index answered, which shows that
    searches ran on both sides of the swap.
    """

    def __init__(self, *, backend: Any, expected: int, report: RebuildReport) -> None:
        super().__init__(daemon=True)
        self.backend, self.expected, self.report = backend, expected, report
        self.done = threading.Event()

    def run(self) -> None:
        report, indices = self.report, Counter[str]()
        try:
            while not self.done.is_set():
                report.searches += 1
                try:
                    total = self.backend.search(SearchQuery(page_size=1)).total
                    response = self.backend.client.search(
                        index=self.backend.alias, size=1, source=False
                    )
                except Exception as error:  # everything counts: this is what visitors would see
                    report.failed += 1
                    report.last_error = repr(error)[:200]
                else:
                    report.empty += total == 0
                    report.incomplete += 0 < total < self.expected
                    for hit in response["hits"]["hits"]:
                        indices[hit["_index"]] += 1
                self.done.wait(SWAP_SEARCH_PAUSE_S)
        finally:
            report.by_index = dict(indices)
            connection.close()


def indexed_count(name: str) -> int | None:
    """How many services the backend's index holds (None when it cannot say)."""
    backend = get_backend(name)
    if name == "elasticsearch":
        response = backend.client.options(ignore_status=404).count(index=backend.alias)
        return None if response.meta.status == 404 else response.get("count")
    return len(backend.indexed_versions())


def rebuild(*, name: str, expected: int, out: TextIO) -> RebuildReport:
    """Rebuild one backend's index; on Elasticsearch while searching it the whole time."""
    if name != "elasticsearch":
        seconds = _rebuild_command(name)
        return RebuildReport(backend=name, documents=expected, seconds=seconds)
    backend = get_backend(name)
    live = backend.client.options(ignore_status=404).count(index=backend.alias)
    if live.meta.status == 404 or live.get("count") != expected:
        # The swap test needs a full live index to search while the next one is built.
        out.write(f"elasticsearch: first load of {backend.alias} ({expected:,} services)\n")
        _rebuild_command(name)
    report = RebuildReport(backend=name, documents=expected, seconds=0.0)
    watch = _SwapWatch(backend=backend, expected=expected, report=report)
    watch.start()
    try:
        report.seconds = _rebuild_command(name)
        time.sleep(0.2)  # a few searches after the swap too
    finally:
        watch.done.set()
        watch.join()
    return report


# --- the web server ---------------------------------------------------------------------------


_cpu_samples: dict[str, list[float]] = defaultdict(list)


def cpu_metered(app: Callable[..., Any]) -> Callable[..., Any]:
    """``app``, noting the CPU time of each request by path (the server has one thread)."""

    def metered(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        started = time.thread_time()
        try:
            return app(environ, start_response)  # Django renders the whole body here
        finally:
            _cpu_samples[environ.get("PATH_INFO", "")].append(time.thread_time() - started)

    return metered


def cpu_samples_take() -> dict[str, list[float]]:
    """CPU seconds per request by path since the last call (for ``/bench/stats``)."""
    taken = {path: list(samples) for path, samples in _cpu_samples.items()}
    _cpu_samples.clear()
    return taken


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


def make_bench_server() -> WSGIServer:
    """The project's WSGI app on 127.0.0.1, a free port; call inside the benchmark URLconf."""
    from django.core.wsgi import get_wsgi_application

    app = cpu_metered(get_wsgi_application())
    return make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)


def serve(*, out: TextIO) -> None:
    """The ``--serve`` child: announce the port on ``out``, then serve until terminated."""
    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        server = make_bench_server()
        out.write(f"PORT {server.server_port}\n")
        out.flush()
        server.serve_forever()


class _ProcessServer:
    """``manage.py benchmark_search --serve`` in a child process, with ``env`` on top."""

    def __init__(self, *, env: dict[str, str]) -> None:
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "benchmark_search"]
        self.process = subprocess.Popen(
            [*command, "--serve"],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("PORT "):
            self.process.kill()
            raise RuntimeError(f"benchmark server did not start (said {line!r})")
        self.port = int(line.split()[1])
        self.label = "own process"

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


class _ThreadServer:
    """The same server on a thread of this process (tests: the test database is in-process)."""

    def __init__(self, *, env: dict[str, str]) -> None:
        self.server = make_bench_server()
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.label = "this process (thread)"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def http_get(port: int, path: str) -> tuple[float, int, bytes]:
    """(seconds, status, body) of one GET, from connect to the last byte."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept": "application/json"})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return time.perf_counter() - started, response.status, body


# --- measuring --------------------------------------------------------------------------------


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = call()
    return time.perf_counter() - started, value


def measure(
    *,
    name: str,
    mix: dict[str, list[BenchQuery]],
    warmup: dict[str, list[BenchQuery]],
    server_kind: str,
    database_url: str | None,
) -> BackendReport:
    """Every query of ``mix`` in every mode, kind by kind, after that kind's warm-up."""
    backend = get_backend(name)
    bare = name == "elasticsearch"
    env = {
        "SEARCH_BACKEND": name,
        "ELASTICSEARCH_INDEX_PREFIX": settings.ELASTICSEARCH_INDEX_PREFIX,
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    server_class = _ProcessServer if server_kind == "process" else _ThreadServer
    report = BackendReport(name=name, kinds={}, peak_memory_kb=0, web_process="")
    with ExitStack() as stack:
        stack.enter_context(override_settings(SEARCH_BACKEND=name, ROOT_URLCONF=BENCH_URLCONF))
        server = server_class(env=env)
        stack.callback(server.close)
        report.web_process = server.label

        def one(query: BenchQuery, timings: KindTimings | None) -> None:
            search_query = query.search_query()
            seconds, result = _timed(lambda: backend.search(search_query))
            if timings is not None:
                timings.backend.append(seconds)
                timings.hits.append(result.total)
            if bare:
                from search.backends.elasticsearch.queries import SEARCH_FILTER_PATH, build_body

                body = build_body(search_query)[0]
                # The very request the backend sends, body and query string.
                seconds, _ = _timed(
                    lambda: backend.client.search(
                        index=backend.alias, body=body, filter_path=SEARCH_FILTER_PATH
                    )
                )
                if timings is not None:
                    timings.bare.append(seconds)
            seconds, status, payload = http_get(server.port, query.path)
            if status != 200:
                report.http_errors += 1
            elif timings is not None:
                answer = json.loads(payload)
                report.degraded += bool(answer["degraded"])
                report.count_mismatches += answer["count"] != result.total
            if timings is not None:
                timings.full.append(seconds)
            seconds, status, _ = http_get(server.port, FLOOR_PATH)
            report.http_errors += status != 200
            if timings is not None:
                timings.floor.append(seconds)

        for kind, queries in mix.items():
            for query in warmup[kind]:
                one(query, None)
            timings = report.kinds[kind] = KindTimings(kind=kind)
            _stats(server.port)  # drops the warm-up's CPU samples
            for query in queries:
                one(query, timings)
            timings.web_cpu = _stats(server.port)["cpu_s"].get(API_PATH, [])
        report.peak_memory_kb = int(_stats(server.port)["max_rss_kb"])
    return report


def _stats(port: int) -> dict[str, Any]:
    _, status, payload = http_get(port, STATS_PATH)
    if status != 200:
        raise RuntimeError(f"{STATS_PATH} answered {status}")
    return json.loads(payload)


# --- the whole run ----------------------------------------------------------------------------


def run(
    *,
    size: int,
    backends: Sequence[str],
    queries: int,
    seed: int,
    out: TextIO,
    server: str = "process",
    database_url: str | None = None,
    index_prefix: str = BENCH_INDEX_PREFIX,
    reuse_index: bool = False,
) -> BenchmarkReport:
    """Prepare the data, rebuild, measure, print the tables; on the current default database."""
    report = BenchmarkReport(
        size=size,
        services=0,
        database=_database_label(),
        data_note="",
        load_start=os.getloadavg(),
    )
    with override_settings(ELASTICSEARCH_INDEX_PREFIX=index_prefix):
        _write_header(report, backends=backends, queries=queries, seed=seed, out=out)
        report.data_note = database_prepare(size=size, seed=seed, out=out)
        report.services = indexable_services().count()
        out.write(f"data       {report.data_note}\n")
        for name in backends:
            if reuse_index and indexed_count(name) == report.services:
                out.write(f"rebuild    {name}: skipped, reusing the index (--no-rebuild)\n")
                continue
            rebuilt = rebuild(name=name, expected=report.services, out=out)
            report.rebuilds.append(rebuilt)
            out.write(_rebuild_line(rebuilt, size=size))
        now = timezone.now()
        mix = query_mix(per_kind=queries, seed=seed, now=now)
        warmup = query_mix(per_kind=max(3, min(10, queries // 5)), seed=seed + 1_000, now=now)
        for name in backends:
            report.backends.append(
                measure(
                    name=name,
                    mix=mix,
                    warmup=warmup,
                    server_kind=server,
                    database_url=database_url,
                )
            )
    report.load_end = os.getloadavg()
    write_report(report, queries=queries, out=out)
    return report


def _database_label() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {sqlite3.sqlite_version} ({connection.settings_dict['NAME']})"
    return f"{connection.vendor} ({connection.settings_dict['NAME']})"


def _loads(values: tuple[float, float, float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def _write_header(
    report: BenchmarkReport, *, backends: Sequence[str], queries: int, seed: int, out: TextIO
) -> None:
    cpus = os.cpu_count() or 1
    out.write(
        f"search benchmark: {report.size:,} services, backend {', '.join(backends)}, "
        f"{queries} queries per kind, seed {seed}\n"
        f"machine    {cpus} CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {report.database}\n"
        f"load avg   {_loads(report.load_start)} at start (1/5/15 min; above {cpus} the "
        "machine was busy and the figures are pessimistic)\n"
    )


def _target(table: dict[str, dict[int, float]], name: str, size: int) -> float | None:
    return table.get(name, {}).get(size)


def _rebuild_line(rebuilt: RebuildReport, *, size: int) -> str:
    line = (
        f"rebuild    {rebuilt.backend}: {rebuilt.documents:,} documents in "
        f"{rebuilt.seconds:.1f} s = {rebuilt.rate:,.0f} documents/s"
    )
    target = _target(REBUILD_RATE_TARGET, rebuilt.backend, size)
    if target is not None:
        line += f"   target >= {target:,.0f}: {'ok' if rebuilt.rate >= target else 'MISSED'}"
    line += "\n"
    if rebuilt.backend == "elasticsearch":
        indices = ", ".join(f"{n} by {index}" for index, n in sorted(rebuilt.by_index.items()))
        problems = rebuilt.failed + rebuilt.empty + rebuilt.incomplete
        line += (
            f"           searches during the rebuild and alias swap: {rebuilt.searches}, "
            f"failed {rebuilt.failed}, empty {rebuilt.empty}, incomplete {rebuilt.incomplete}"
            f"   target 0: {'ok' if problems == 0 else 'MISSED'}\n"
            f"           answered {indices or 'none'}\n"
        )
        if rebuilt.last_error:
            line += f"           last error: {rebuilt.last_error}\n"
    return line


def _ms(values: Sequence[float], p: float) -> str:
    return f"{percentile(values, p) * 1000:.1f}" if values else "-"


def _ratio(top: Sequence[float], bottom: Sequence[float], p: float) -> str:
    if not top or not bottom:
        return "-"
    return f"{percentile(top, p) / percentile(bottom, p):.1f}"


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def backend_table(backend: BackendReport, *, size: int) -> str:
    """One row per kind and one for all kinds: p50 and p95 (ms) and the ratios."""
    bare = any(t.bare for t in backend.kinds.values())
    full_target = _target(FULL_P95_TARGET_MS, backend.name, size)
    ratio_target = _target(BARE_RATIO_TARGET, backend.name, size)
    head1 = ["", "hits", "backend", "", "full API", ""]
    head2 = ["kind", "mean", "p50", "p95", "p50", "p95"]
    if bare:
        head1 += ["bare ES", "", "full/bare", ""]
        head2 += ["p50", "p95", "p50", "p95"]
    head1 += ["web CPU", "", "floor", "", "full/floor", "", "target"]
    head2 += ["p50", "p95", "p50", "p95", "p50", "p95", "full p95"]
    rows = [head1, head2]
    for timings in [*backend.kinds.values(), backend.all_kinds()]:
        mean_hits = sum(timings.hits) / len(timings.hits) if timings.hits else 0
        row = [
            KINDS.get(timings.kind, "all kinds"),
            f"{mean_hits:,.0f}",
            _ms(timings.backend, 50),
            _ms(timings.backend, 95),
            _ms(timings.full, 50),
            _ms(timings.full, 95),
        ]
        if bare:
            row += [
                _ms(timings.bare, 50),
                _ms(timings.bare, 95),
                _ratio(timings.full, timings.bare, 50),
                _ratio(timings.full, timings.bare, 95),
            ]
        row += [
            _ms(timings.web_cpu, 50),
            _ms(timings.web_cpu, 95),
            _ms(timings.floor, 50),
            _ms(timings.floor, 95),
            _ratio(timings.full, timings.floor, 50),
            _ratio(timings.full, timings.floor, 95),
        ]
        if full_target is None or not timings.full:
            row.append("-")
        else:
            met = percentile(timings.full, 95) * 1000 <= full_target
            row.append(f"<= {full_target:.0f} {'ok' if met else 'MISSED'}")
        rows.append(row)
    text = _table(rows)
    if ratio_target is not None:
        pooled = backend.all_kinds()
        ratio = percentile(pooled.full, 95) / percentile(pooled.bare, 95)
        text += (
            f"full/bare p95 (all kinds) {ratio:.1f}   target <= {ratio_target}: "
            f"{'ok' if ratio <= ratio_target else 'MISSED'}\n"
        )
    return text


def write_report(report: BenchmarkReport, *, queries: int, out: TextIO) -> None:
    out.write(
        "\nmilliseconds, nearest-rank p50/p95 over "
        f"{queries} queries per kind; full API = GET {API_PATH} on a wsgiref server over "
        "127.0.0.1 (http.client, a connection per request); web CPU = the server's CPU time "
        "per full request; floor = the same path to a view returning fixed JSON\n"
    )
    for backend in report.backends:
        out.write(f"\n{backend.name} ({report.services:,} services)\n")
        out.write(backend_table(backend, size=report.size))
        out.write(
            f"web process peak memory (ru_maxrss, {backend.web_process}): "
            f"{backend.peak_memory_kb / 1024:,.0f} MB\n"
            f"HTTP errors {backend.http_errors}, degraded answers {backend.degraded}, "
            f"API count differing from the backend call {backend.count_mismatches}\n"
        )
    out.write(
        "\ntargets (issue 3): Elasticsearch 100,000: full p95 <= 60 ms, full/bare <= 2.5, "
        "rebuild >= 2,000 documents/s with 0 failed searches during the swap; database on "
        "SQLite: full p95 <= 50 ms at 10,000, <= 250 ms at 100,000\n"
    )
    out.write(
        f"load avg   {_loads(report.load_start)} at start, {_loads(report.load_end)} at end\n"
    )
