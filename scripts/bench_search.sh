#!/usr/bin/env bash
# Every figure of issue 11's "Speed" section for one directory size, in one run:
#
#   scripts/bench_search.sh 100000            # or 10000, 2000 ...
#
# Runs `manage.py benchmark_search --backend both` (search/bench/) with nice: loads SIZE synthetic
# services into a scratch database (reused when it already holds them), rebuilds both backends
# (documents/s), measures p50/p95 of the backend call, the full API request and the bare
# Elasticsearch query (with the full/bare ratio), then prints the words analysis' cost per
# document (ms/doc) and each backend's index size, the targets and the load average.
# Environment: DATABASE (SQLite file or URL; default /tmp/bench-search-SIZE.sqlite3),
# ELASTICSEARCH_URL (default http://127.0.0.1:9200), INDEX_PREFIX (default bench),
# QUERIES (measured queries per kind, default 50), BACKEND (both, database or elasticsearch).
# Extra arguments go to benchmark_search (e.g. --no-rebuild, --analysis-sample 0).
set -euo pipefail
cd "$(dirname "$0")/.."

size="${1:?usage: scripts/bench_search.sh SIZE [benchmark_search options]}"
shift
export ELASTICSEARCH_URL="${ELASTICSEARCH_URL:-http://127.0.0.1:9200}"
echo "bench_search.sh: $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
exec nice -n "${NICE:-10}" .venv/bin/python manage.py benchmark_search \
    --size "$size" \
    --backend "${BACKEND:-both}" \
    --queries "${QUERIES:-50}" \
    --database "${DATABASE:-/tmp/bench-search-$size.sqlite3}" \
    --index-prefix "${INDEX_PREFIX:-bench}" \
    "$@"
