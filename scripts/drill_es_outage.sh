#!/usr/bin/env bash
# Outage drill: 1,000 edits and searches while Elasticsearch is first frozen (SIGSTOP), then
# killed. Passes when every search answered (degraded while the node was away), every edit was
# published within 1 s, and, once the node is back, the queue worker and
# reconcile_search_index leave 0 documents missing or stale.
#
#   scripts/drill_es_outage.sh
#
# It uses a node of its own (OUTAGE_ES_PORT, default 9260; transport 9360), never a shared
# one, and a throw-away SQLite database with SERVICES published services (default 40).
# Environment: OPERATIONS (1000), FREEZE_AT (a fifth of them), STOP_AT (three tenths): see
# scripts/lib/outage_drill.py. CI runs OPERATIONS=300 (about 3 minutes).
# Exit status 1 when a criterion fails; the report (one JSON line) gives edit_p50_s,
# edit_cpu_p50_s and edits_over_limit: an edit whose wall time is far above its CPU time waited
# (a lock, the disk, or other processes holding the cores) rather than worked.
set -euo pipefail
cd "$(dirname "$0")/.."

export ES_PORT="${OUTAGE_ES_PORT:-9260}"
PY=.venv/bin/python
ES=scripts/elasticsearch.sh
log() { printf 'drill_es_outage.sh: %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/tsunagu-outage.XXXXXX")"
worker=""
cleanup() {
    [[ -z "$worker" ]] || kill "$worker" 2>/dev/null || true
    pid="$(cat "$(bash "$ES" pidfile)" 2>/dev/null || true)"
    [[ -z "$pid" ]] || kill -CONT "$pid" 2>/dev/null || true
    bash "$ES" stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

url="$(bash "$ES" start)"
export DJANGO_SETTINGS_MODULE=platform_site.settings.base \
    DATABASE_URL="sqlite:///$work/db.sqlite3" MEDIA_ROOT="$work/media" \
    SEARCH_BACKEND=elasticsearch ELASTICSEARCH_URL="$url" \
    ELASTICSEARCH_INDEX_PREFIX="drill_outage_$$" PUBLIC_PAGE_CACHE_SECONDS=0 LOG_LEVEL=ERROR

log "database with ${SERVICES:-40} published services, indexed in $url"
$PY manage.py migrate --no-input -v 0
$PY manage.py shell -v 0 -c "
from tests.factories import ServicePageFactory
for _ in range(${SERVICES:-40}):
    ServicePageFactory()
"
$PY manage.py rebuild_search_index --backend database --no-progress >/dev/null
$PY manage.py rebuild_search_index --backend elasticsearch --no-progress >/dev/null
# The worker runs at a lower CPU priority than the edits, as its systemd unit does (Nice=10):
# on a busy two-core machine its tokenising and bulk sends otherwise take turns with a publish
# and can push a few of them past 1 s (docs/deploy.md, "Drills").
nice -n 10 $PY manage.py process_search_queue --loop --interval 1 >"$work/worker.log" 2>&1 &
worker=$!

ops="${OPERATIONS:-1000}"
log "$ops edits and searches; the node is frozen at ${FREEZE_AT:-$((ops / 5))}, killed at ${STOP_AT:-$((ops * 3 / 10))}"
set +e
ES_PID="$(cat "$(bash "$ES" pidfile)")" $PY scripts/lib/outage_drill.py | tee "$work/report.json"
driver=${PIPESTATUS[0]}
set -e

log "the node comes back"
bash "$ES" start >/dev/null
queued=-1
for ((i = 0; i < 120; i++)); do
    queued="$($PY manage.py shell -v 0 -c 'from search.models import IndexQueueEntry; print(IndexQueueEntry.objects.count())')"
    [[ "$queued" == 0 ]] && break
    sleep 5
done
log "queue after the worker: $queued rows"
report="$($PY manage.py reconcile_search_index --dry-run)"
log "reconcile: $report"
((driver == 0)) || die "a search or an edit broke the rules (report above)"
[[ "$queued" == 0 ]] || die "$queued updates still queued"
[[ "$report" == *": 0 missing, 0 stale, 0 extra"* ]] || die "index not complete: $report"
log "PASSED"
