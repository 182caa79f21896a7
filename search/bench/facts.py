"""What the words analysis costs per document, and how big each backend's index is (issue 11).

The analysis is timed on the real document builder (``search.documents``) for the first
services of the benchmark directory, with ``search.words.index_terms`` wrapped by a timer of
CPU time (``time.thread_time``: the analysis is pure CPU in this thread, so the figure holds on
a busy machine where wall-clock time would count other processes' turns):

* ``uncached``: every text analysed from scratch (the caches of texts and sentences emptied
  before each call; the cache of single words stays, as a rebuild keeps it), as on a directory
  whose texts never repeat: the analyser's own cost per document;
* ``rebuild``: the caches emptied once, then kept, as a rebuild runs: the synthetic directory
  repeats names, categories and sentences, so most texts are analysed once per rebuild.

Index sizes: Elasticsearch's primary store of the live index after a force-merge to one segment
(so two runs compare, whatever merges were pending), and the database backend's tables with
their indexes (SQLite ``dbstat``, PostgreSQL ``pg_total_relation_size``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from unittest import mock

from django.db import connection

from search import documents, words
from search.backends.database.tables import FACET_SET, LOCATION, PERIOD, SERVICE, STATE, TERM
from search.backends.elasticsearch import ElasticsearchBackend

SEARCH_TABLES = (SERVICE, TERM, LOCATION, PERIOD, FACET_SET, STATE)
ANALYSIS_SAMPLE = 1000  # services whose documents are built to time the analysis


@dataclass
class AnalysisReport:
    documents: int
    calls: int  # index_terms calls (name and description; the context is cached per text)
    uncached_s: float
    rebuild_s: float
    build_s: float  # the whole document build in the "rebuild" pass, analysis included

    def per_document_ms(self, seconds: float) -> float:
        return seconds * 1000 / self.documents if self.documents else 0.0


@dataclass
class IndexSize:
    backend: str
    bytes: int
    detail: str


def _clear_word_caches() -> None:
    words.morphemes.cache_clear()
    words._chunk_terms.cache_clear()
    documents._context_terms.cache_clear()


def _timed_build(
    *, sample: int, before_each: Callable[[], None] | None
) -> tuple[float, int, float]:
    """(CPU seconds inside ``index_terms``, its calls, CPU seconds for the whole build; the
    database's own work in the build runs in SQLite's or PostgreSQL's code and is not counted
    the same way, so the build figure is this thread's share)."""
    spent = [0.0, 0]
    analyse = words.index_terms

    def timed(text: str) -> list[str]:
        if before_each is not None:
            before_each()
        started = time.thread_time()
        try:
            return analyse(text)
        finally:
            spent[0] += time.thread_time() - started
            spent[1] += 1

    ids = list(documents.indexable_services().values_list("pk", flat=True)[:sample])
    _clear_word_caches()
    started = time.thread_time()
    with mock.patch.object(words, "index_terms", timed):
        documents.build_documents(documents.indexable_services().filter(pk__in=ids))
    return spent[0], int(spent[1]), time.thread_time() - started


def analysis_cost(*, sample: int = ANALYSIS_SAMPLE) -> AnalysisReport:
    """Time the words analysis on ``sample`` services, uncached and as in a rebuild."""
    count = len(documents.indexable_services().values_list("pk", flat=True)[:sample])
    uncached_s, calls, _ = _timed_build(sample=sample, before_each=_clear_word_caches)
    rebuild_s, _, build_s = _timed_build(sample=sample, before_each=None)
    _clear_word_caches()
    return AnalysisReport(
        documents=count,
        calls=calls,
        uncached_s=uncached_s,
        rebuild_s=rebuild_s,
        build_s=build_s,
    )


def _database_size() -> IndexSize:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT SUM(pg_total_relation_size(t::regclass)) FROM unnest(%s::text[]) AS t",
                [list(SEARCH_TABLES)],
            )
            (total,) = cursor.fetchone()
            return IndexSize("database", int(total or 0), "tables with indexes and TOAST")
        names = ", ".join(["%s"] * len(SEARCH_TABLES))
        cursor.execute(
            f"SELECT name FROM sqlite_master WHERE tbl_name IN ({names})", list(SEARCH_TABLES)
        )
        objects = [row[0] for row in cursor.fetchall()]
        marks = ", ".join(["%s"] * len(objects))
        cursor.execute(f"SELECT SUM(pgsize) FROM dbstat WHERE name IN ({marks})", objects)
        (total,) = cursor.fetchone()
        cursor.execute(f"SELECT COUNT(*) FROM {TERM}")
        (postings,) = cursor.fetchone()
    return IndexSize(
        "database",
        int(total or 0),
        f"{len(objects)} tables and indexes (dbstat), {postings:,} term postings",
    )


def _elasticsearch_size() -> IndexSize:
    backend = ElasticsearchBackend()
    client = backend.client.options(request_timeout=600)
    client.indices.forcemerge(index=backend.alias, max_num_segments=1)
    stats = client.indices.stats(index=backend.alias, metric="store,docs")
    primaries = stats["_all"]["primaries"]
    return IndexSize(
        "elasticsearch",
        int(primaries["store"]["size_in_bytes"]),
        f"primary store of {backend.alias} after a force-merge to 1 segment, "
        f"{primaries['docs']['count']:,} Lucene documents",
    )


def index_sizes(backends: Sequence[str]) -> list[IndexSize]:
    sizes = {"database": _database_size, "elasticsearch": _elasticsearch_size}
    return [sizes[name]() for name in backends]


def facts_text(*, analysis: AnalysisReport | None, sizes: Sequence[IndexSize]) -> str:
    lines = []
    if analysis is not None:
        lines.append(
            f"analysis   words.index_terms on {analysis.documents:,} documents "
            f"({analysis.calls:,} calls), CPU time: "
            f"{analysis.per_document_ms(analysis.uncached_s):.2f} ms/doc uncached, "
            f"{analysis.per_document_ms(analysis.rebuild_s):.2f} ms/doc as in a rebuild "
            f"(of {analysis.per_document_ms(analysis.build_s):.2f} ms/doc for the whole "
            "document build)\n"
        )
    for size in sizes:
        lines.append(f"index size {size.backend}: {size.bytes / 2**20:,.1f} MiB ({size.detail})\n")
    return "".join(lines)
