"""What the benchmark measures and where: kinds of query, backends, paths, targets."""

from __future__ import annotations

from typing import Protocol

KINDS: dict[str, str] = {
    "text": "text only",
    "near": "near + radius",
    "near_facets_text": "near + facets + text",
    "open_now": "open now",
    "bbox": "map bbox",
}
BACKENDS = ("database", "elasticsearch")
BENCH_INDEX_PREFIX = "bench"  # alias bench_services: never the site's or the tests' indices
BENCH_URLCONF = "search.bench.urls"
API_PATH = "/api/v1/search"
FLOOR_PATH = "/bench/floor"
STATS_PATH = "/bench/stats"
CHILD_MARK = "TSUNAGU_BENCHMARK_CHILD"  # set on the re-run with the benchmark database
SWAP_SEARCH_PAUSE_S = 0.01

# Issue 3's targets (issue 11 asks them again after the words analysis), printed beside the figures (not asserted). Full API p95 in ms by size.
FULL_P95_TARGET_MS: dict[str, dict[int, float]] = {
    "database": {10_000: 50.0, 100_000: 250.0},
    "elasticsearch": {100_000: 60.0},
}
BARE_RATIO_TARGET = {"elasticsearch": {100_000: 2.5}}
REBUILD_RATE_TARGET = {"elasticsearch": {100_000: 2_000.0}, "database": {100_000: 2_000.0}}


class Out(Protocol):
    """Where the report goes: a command's ``self.stdout``, ``sys.stdout`` or a ``StringIO``."""

    def write(self, text: str, /) -> object: ...

    def flush(self) -> object: ...
