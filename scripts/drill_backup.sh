#!/usr/bin/env bash
# Backup drill: back up the configured database, restore it into an EMPTY new database,
# rebuild the search index there and check that nothing was lost.
#
#   scripts/drill_backup.sh
#
# Checks: rows per model equal to the backup's counts.json; every encrypted value decrypts
# with the running keys (reencrypt_personal_data --dry-run); the rebuilt database search index
# holds every published service (reconcile: 0 missing, 0 stale). With SEARCH_BACKEND=
# elasticsearch, the Elasticsearch index is rebuilt too, under a drill-only index prefix;
# ELASTICSEARCH_URL may list several nodes (comma-separated), and the drill's own curl calls
# go to the first that answers (scripts/lib/es.sh).
# The drill database and media directory are removed at the end (kept with KEEP=1).
# Settings: the environment, then TSUNAGU_ENV_FILE (scripts/lib/env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/env.sh
source scripts/lib/env.sh
# shellcheck source=scripts/lib/es.sh
source scripts/lib/es.sh
tsunagu_load_env

log() { printf 'drill_backup.sh: %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/tsunagu-drill.XXXXXX")"
t0=$SECONDS
log "1/5 backup of the running database"
backup="$(bash scripts/backup.sh "$work/backup")"

vendor="$(tsunagu_setting 'DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]')"
drill_db="tsunagu_drill_$$"
source_url="${DATABASE_URL:-}"
case "$vendor" in
    postgresql)
        target_url="$("$PY" -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$DATABASE_URL" "$drill_db")"
        psql -X -q -v ON_ERROR_STOP=1 -d "$source_url" -c "CREATE DATABASE $drill_db"
        cleanup_db() { psql -X -q -d "$source_url" -c "DROP DATABASE IF EXISTS $drill_db" || true; }
        ;;
    sqlite3)
        target_url="sqlite:///$work/$drill_db.sqlite3"
        cleanup_db() { :; }
        ;;
    *) die "unsupported database engine $vendor" ;;
esac
cleanup() {
    if [[ "${KEEP:-0}" == 1 ]]; then
        log "kept $work and the drill database ($target_url)"
        return
    fi
    cleanup_db
    rm -rf "$work"
}
trap cleanup EXIT

# From here on, everything runs against the new, empty database.
export DATABASE_URL="$target_url" MEDIA_ROOT="$work/media"
export ELASTICSEARCH_INDEX_PREFIX="${ELASTICSEARCH_INDEX_PREFIX:-tsunagu}-drill-$$"
log "2/5 restore into the empty database $drill_db"
bash scripts/restore.sh "$backup"

log "3/5 rebuild the search index"
"$PY" manage.py rebuild_search_index --backend database --no-progress
if [[ "${SEARCH_BACKEND:-database}" == elasticsearch ]]; then
    es_node="$(tsunagu_es_node)" || die "no node of ELASTICSEARCH_URL answers"
    log "Elasticsearch node for the drill's own requests: $es_node"
    # Set before the rebuild, so a rebuild that fails half-way leaves no drill index behind.
    # shellcheck disable=SC2064
    trap "curl -fsS -XDELETE '$es_node/${ELASTICSEARCH_INDEX_PREFIX}_*' >/dev/null || true; cleanup" EXIT
    "$PY" manage.py rebuild_search_index --backend elasticsearch --no-progress
fi

log "4/5 compare rows per model with the backup"
"$PY" manage.py shell -v 0 -c "$(cat scripts/lib/counts.py)" >"$work/restored-counts.json"
if ! diff -u "$backup/counts.json" "$work/restored-counts.json"; then
    die "row counts differ after the restore"
fi
models="$(grep -c '":' "$backup/counts.json")"
rows="$("$PY" -c 'import json, sys; print(sum(json.load(open(sys.argv[1])).values()))' "$backup/counts.json")"

log "5/5 personal data decrypts, search index complete"
"$PY" manage.py reencrypt_personal_data --dry-run | tail -n 1
for backend in database ${SEARCH_BACKEND/database/}; do
    report="$("$PY" manage.py reconcile_search_index --backend "$backend" --dry-run)"
    echo "$report"
    [[ "$report" == *": 0 missing, 0 stale, 0 extra"* ]] \
        || die "$backend index incomplete after the rebuild: $report"
done
log "PASSED in $((SECONDS - t0))s: $models models, $rows rows restored and equal; backup size $(du -sh "$backup" | cut -f1)"
