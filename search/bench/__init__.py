"""The search benchmark behind ``manage.py benchmark_search`` (issue 3, "Speed").

Never imported by the running site (``tests/search/test_bench_isolation.py`` checks): only the
management command and its own server use it. Modules: ``config`` (kinds, paths, targets),
``queries`` (the mix), ``data`` (benchmark database, rebuilds), ``server`` (the wsgiref
process), ``runner`` (measuring, the whole run), ``facts`` (the words analysis' cost per
document, index sizes), ``report`` (figures, the printed report) and
``urls`` (the project's URLs plus the floor and stats views).

What it measures, per kind of query, p50 and p95 in milliseconds:

* ``backend``: ``backend.search(query)`` in this process, the query already parsed;
* ``full``: ``GET /api/v1/search`` over a real socket: a wsgiref server on 127.0.0.1 in its own
  process (so its peak memory is the web process's alone), requested with ``http.client``;
* ``bare`` (Elasticsearch only): the same request body, sent with ``client.search`` directly;
* ``web CPU``: CPU time the server thread spent on each ``full`` request (``time.thread_time``
  around the WSGI call): about what ``full`` would be on an idle machine, so a busy machine
  (see the load average) can still be read;
* ``floor``: the same HTTP path to ``/bench/floor`` (``search.bench.urls``), a view that
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

from search.bench.config import BACKENDS, BENCH_INDEX_PREFIX, CHILD_MARK, KINDS
from search.bench.data import bench_database_url, database_prepare, is_current_database
from search.bench.facts import ANALYSIS_SAMPLE, analysis_cost, index_sizes
from search.bench.queries import query_mix
from search.bench.report import percentile
from search.bench.runner import run
from search.bench.server import serve

__all__ = [
    "ANALYSIS_SAMPLE",
    "BACKENDS",
    "BENCH_INDEX_PREFIX",
    "CHILD_MARK",
    "KINDS",
    "bench_database_url",
    "analysis_cost",
    "database_prepare",
    "is_current_database",
    "index_sizes",
    "percentile",
    "query_mix",
    "run",
    "serve",
]
