"""The figures (percentiles, per-kind timings) and the printed report."""

from __future__ import annotations

import math
import os
import platform
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection

from search.bench.config import (
    API_PATH,
    BARE_RATIO_TARGET,
    FULL_P95_TARGET_MS,
    KINDS,
    REBUILD_RATE_TARGET,
    Out,
)

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
    facts: str = ""  # analysis cost and index sizes (``search.bench.facts``)


def database_label() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {sqlite3.sqlite_version} ({connection.settings_dict['NAME']})"
    return f"{connection.vendor} ({connection.settings_dict['NAME']})"


def _loads(values: tuple[float, float, float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def write_header(
    report: BenchmarkReport, *, backends: Sequence[str], queries: int, seed: int, out: Out
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


def rebuild_line(rebuilt: RebuildReport, *, size: int) -> str:
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


def write_report(report: BenchmarkReport, *, queries: int, out: Out) -> None:
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
    if report.facts:
        out.write(f"\n{report.facts}")
    out.write(
        "\ntargets (issues 3 and 11): Elasticsearch 100,000: full p95 <= 60 ms, full/bare <= 2.5, "
        "rebuild >= 2,000 documents/s with 0 failed searches during the swap; database on "
        "SQLite: full p95 <= 50 ms at 10,000, <= 250 ms at 100,000, rebuild >= 2,000 "
        "documents/s\n"
    )
    out.write(
        f"load avg   {_loads(report.load_start)} at start, {_loads(report.load_end)} at end\n"
    )
