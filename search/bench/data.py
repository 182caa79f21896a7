"""The benchmark database (var/bench-N.sqlite3 or <name>_bench_N) and the timed rebuilds."""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import override_settings

from directory.demo import demo_data_exists
from search.backends import get_backend
from search.backends.elasticsearch import ElasticsearchBackend
from search.bench.config import SWAP_SEARCH_PAUSE_S, Out
from search.bench.report import RebuildReport
from search.contract import SearchQuery
from search.documents import indexable_services

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


def database_prepare(*, size: int, seed: int, out: Out) -> str:
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

    def __init__(
        self, *, backend: ElasticsearchBackend, expected: int, report: RebuildReport
    ) -> None:
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
    if name == "elasticsearch":
        backend = ElasticsearchBackend()
        response = backend.client.options(ignore_status=404).count(index=backend.alias)
        return None if response.meta.status == 404 else response.get("count")
    return len(get_backend(name).indexed_versions())


def rebuild(*, name: str, expected: int, out: Out) -> RebuildReport:
    """Rebuild one backend's index; on Elasticsearch while searching it the whole time."""
    if name != "elasticsearch":
        seconds = _rebuild_command(name)
        return RebuildReport(backend=name, documents=expected, seconds=seconds)
    backend = ElasticsearchBackend()
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
