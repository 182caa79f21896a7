"""Measuring each kind of query, mode by mode, and the whole run."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from typing import Any

from django.conf import settings
from django.test.utils import override_settings
from django.utils import timezone

from search.backends import get_backend
from search.backends.elasticsearch import ElasticsearchBackend
from search.bench.config import (
    API_PATH,
    BENCH_INDEX_PREFIX,
    BENCH_URLCONF,
    FLOOR_PATH,
    STATS_PATH,
    Out,
)
from search.bench.data import database_prepare, indexed_count, rebuild
from search.bench.facts import analysis_cost, facts_text, index_sizes
from search.bench.queries import BenchQuery, query_mix
from search.bench.report import (
    BackendReport,
    BenchmarkReport,
    KindTimings,
    database_label,
    rebuild_line,
    write_header,
    write_report,
)
from search.bench.server import ProcessServer, ThreadServer, http_get
from search.documents import indexable_services

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
    # Elasticsearch is also asked bare: the backend's own request, sent by its client.
    bare = backend if isinstance(backend, ElasticsearchBackend) else None
    env = {
        "SEARCH_BACKEND": name,
        "ELASTICSEARCH_INDEX_PREFIX": settings.ELASTICSEARCH_INDEX_PREFIX,
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    server_class = ProcessServer if server_kind == "process" else ThreadServer
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
            if bare is not None:
                from search.backends.elasticsearch.queries import SEARCH_FILTER_PATH, build_body

                body = build_body(search_query)[0]
                # The very request the backend sends, body and query string.
                seconds, _ = _timed(
                    lambda: bare.client.search(
                        index=bare.alias, body=body, filter_path=SEARCH_FILTER_PATH
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
    out: Out,
    server: str = "process",
    database_url: str | None = None,
    index_prefix: str = BENCH_INDEX_PREFIX,
    reuse_index: bool = False,
    analysis_sample: int = 0,
) -> BenchmarkReport:
    """Prepare the data, rebuild, measure, print the tables; on the current default database.

    After the measurements: the index sizes and, with ``analysis_sample``, the words analysis'
    cost per document on that many services (``search.bench.facts``).
    """
    report = BenchmarkReport(
        size=size,
        services=0,
        database=database_label(),
        data_note="",
        load_start=os.getloadavg(),
    )
    with override_settings(ELASTICSEARCH_INDEX_PREFIX=index_prefix):
        write_header(report, backends=backends, queries=queries, seed=seed, out=out)
        report.data_note = database_prepare(size=size, seed=seed, out=out)
        report.services = indexable_services().count()
        out.write(f"data       {report.data_note}\n")
        for name in backends:
            if reuse_index and indexed_count(name) == report.services:
                out.write(f"rebuild    {name}: skipped, reusing the index (--no-rebuild)\n")
                continue
            rebuilt = rebuild(name=name, expected=report.services, out=out)
            report.rebuilds.append(rebuilt)
            out.write(rebuild_line(rebuilt, size=size))
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
        analysis = analysis_cost(sample=analysis_sample) if analysis_sample else None
        report.facts = facts_text(analysis=analysis, sizes=index_sizes(backends))
    report.load_end = os.getloadavg()
    write_report(report, queries=queries, out=out)
    return report
