"""``benchmark_search`` on a tiny directory: every section and number is there (no timings).

The web server runs on a thread here (``server="thread"``), because the test database lives in
this process; the command runs it in its own process. Transactional (the server thread must
see committed data), with ``serialized_rollback`` so Wagtail's root page survives the flush.
"""

from __future__ import annotations

import io
import re
import secrets

import pytest
from django.utils import timezone

from search import bench
from tests.factories import ServicePageFactory

SIZE = 12
QUERIES = 3


def test_query_mix_is_fixed_by_the_seed_and_every_query_is_valid():
    now = timezone.now()  # "at" must fall inside the horizon the form allows from today
    mix = bench.query_mix(per_kind=QUERIES, seed=7, now=now)

    assert mix == bench.query_mix(per_kind=QUERIES, seed=7, now=now)
    assert mix != bench.query_mix(per_kind=QUERIES, seed=8, now=now)
    assert list(mix) == list(bench.KINDS)
    for queries in mix.values():
        assert len(queries) == QUERIES
        for query in queries:
            query.search_query()  # raises on a parameter the API would answer with a 400


def test_percentile_is_nearest_rank():
    samples = [float(n) for n in range(1, 51)]
    assert bench.percentile(samples, 50) == 25.0
    assert bench.percentile(samples, 95) == 48.0
    assert bench.percentile([3.0], 95) == 3.0


def _assert_table_rows(text: str, *, columns: int) -> None:
    """A row per kind and one for all kinds, each with the label and ``columns`` numbers."""
    for label in [*bench.KINDS.values(), "all kinds"]:
        line = next(line for line in text.splitlines() if line.startswith(label))
        numbers = re.findall(r"(?<![\w.])[\d,]+(?:\.\d+)?(?![\w.])", line[len(label) :])
        assert len(numbers) >= columns, line


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_benchmark_on_the_database_backend_reports_every_section():
    out = io.StringIO()

    report = bench.run(
        size=SIZE,
        backends=("database",),
        queries=QUERIES,
        seed=1,
        out=out,
        server="thread",
        analysis_sample=SIZE,
    )

    text = out.getvalue()
    assert report.services == SIZE
    [rebuilt] = report.rebuilds
    assert (rebuilt.backend, rebuilt.documents) == ("database", SIZE)
    assert rebuilt.seconds > 0
    [measured] = report.backends
    assert list(measured.kinds) == list(bench.KINDS)
    for timings in measured.kinds.values():
        assert len(timings.backend) == len(timings.full) == len(timings.floor) == QUERIES
        assert len(timings.hits) == len(timings.web_cpu) == QUERIES
        assert timings.bare == []  # only Elasticsearch has a bare query
    assert sum(sum(t.hits) for t in measured.kinds.values()) > 0
    assert (measured.http_errors, measured.degraded, measured.count_mismatches) == (0, 0, 0)
    assert measured.peak_memory_kb > 0
    assert "documents/s" in text
    assert "full/floor" in text and "bare ES" not in text
    assert "web process peak memory" in text
    assert len(re.findall(r"load avg\s+[\d.]+ [\d.]+ [\d.]+", text)) == 2
    # hits, backend, full, web CPU, floor, full/floor: p50 and p95 each
    _assert_table_rows(text, columns=11)
    assert re.search(rf"words.index_terms on {SIZE} documents .* [\d.]+ ms/doc uncached", text)
    assert re.search(r"index size database: [\d.,]+ MiB", text)
    # A second run finds the data it needs and does not load it again.
    assert bench.database_prepare(size=SIZE, seed=1, out=io.StringIO()).startswith("reused")


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_benchmark_on_elasticsearch_searches_through_the_alias_swap(
    elasticsearch_url, make_es_backend, settings
):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    prefix = f"test_{secrets.token_hex(4)}"
    make_es_backend(prefix)  # its indices are deleted at the end of the session
    out = io.StringIO()

    report = bench.run(
        size=SIZE,
        backends=("elasticsearch",),
        queries=QUERIES,
        seed=1,
        out=out,
        server="thread",
        index_prefix=prefix,
    )

    text = out.getvalue()
    [rebuilt] = report.rebuilds
    assert rebuilt.documents == SIZE
    assert rebuilt.searches > 0
    assert (rebuilt.failed, rebuilt.empty, rebuilt.incomplete) == (0, 0, 0), rebuilt.last_error
    assert sum(rebuilt.by_index.values()) > 0
    assert all(name.startswith(f"{prefix}_services") for name in rebuilt.by_index)
    [measured] = report.backends
    for timings in measured.kinds.values():
        assert len(timings.bare) == len(timings.full) == QUERIES
    assert (measured.http_errors, measured.degraded, measured.count_mismatches) == (0, 0, 0)
    assert "bare ES" in text and "full/bare" in text
    assert "searches during the rebuild and alias swap" in text
    # ... plus bare p50/p95 and full/bare p50/p95
    _assert_table_rows(text, columns=15)
    assert re.search(rf"index size elasticsearch: [\d.,]+ MiB \(primary store of {prefix}_", text)


@pytest.mark.django_db
def test_analysis_cost_times_the_words_analysis_of_every_sampled_document():
    ServicePageFactory.create_batch(3, description="生活保護の申請を手伝います。")

    analysis = bench.analysis_cost(sample=2)

    assert analysis.documents == 2
    assert analysis.calls >= 4  # the name and the description of each, at least
    assert 0 < analysis.rebuild_s <= analysis.build_s
    assert analysis.uncached_s > 0
