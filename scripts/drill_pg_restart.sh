#!/usr/bin/env bash
# PostgreSQL restart drill: referral moves and reads over HTTP while PostgreSQL is stopped and
# started again under a running gunicorn. Passes when the app answers again without a restart of
# its own (no failed request once PostgreSQL accepts connections), every move whose answer was
# lost either happened or did not (read back, never made twice), and every referral's status
# matches its timeline (each status change has its event, no half move).
#
#   scripts/drill_pg_restart.sh
#
# It uses a database of its own (PG_DRILL_DB, default tsunagu_pgdrill, dropped and made again)
# on the cluster of scripts/postgres.sh (PGPORT, default 5432) and gunicorn on PG_DRILL_PORT
# (8191). The cluster is restarted: every client of it loses its connections, so in CI it runs
# after the test suites. Needs root (scripts/postgres.sh stop/start). On a machine whose cluster
# others use, give it one of its own: PGPORT=5442 scripts/drill_pg_restart.sh (postgres.sh
# creates the cluster 'tsunagu' on that port; pg_dropcluster <version> tsunagu --stop removes it).
# Environment: REFERRALS (60), DURATION (seconds of traffic, 30), STOP_AT (seconds in, 8),
# DOWN_FOR (seconds PostgreSQL stays down, 3), PACE (seconds between requests, 0.1).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PG=scripts/postgres.sh
DB="${PG_DRILL_DB:-tsunagu_pgdrill}"
PORT="${PG_DRILL_PORT:-8191}"
DURATION="${DURATION:-30}"
STOP_AT="${STOP_AT:-8}"
DOWN_FOR="${DOWN_FOR:-3}"
log() { printf 'drill_pg_restart.sh [%3ds]: %s\n' "$SECONDS" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "PG_DRILL_DB must be a plain lower-case identifier"

work="$(mktemp -d "${TMPDIR:-/tmp}/tsunagu-pgdrill.XXXXXX")"
server=""
cleanup() {
    [[ -z "$server" ]] || kill "$server" 2>/dev/null || true
    bash "$PG" status >/dev/null 2>&1 || bash "$PG" start >/dev/null 2>&1 || true
    [[ -z "${base_url:-}" ]] || env -u PGSERVICE -u PGPASSWORD psql -X -q -d "$base_url/postgres" \
        -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

base_url="$(bash "$PG" start 2>/dev/null)"
base_url="${base_url%/*}"
env -u PGSERVICE -u PGPASSWORD psql -X -q -d "$base_url/postgres" \
    -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" \
    || die "cannot make database $DB"
export DJANGO_SETTINGS_MODULE=platform_site.settings.base \
    DATABASE_URL="$base_url/$DB" MEDIA_ROOT="$work/media" SEARCH_BACKEND=database \
    PUBLIC_PAGE_CACHE_SECONDS=0 LOG_LEVEL=CRITICAL LOGIN_FAILURE_LIMIT=1000 \
    EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend

log "database $DB with ${REFERRALS:-60} draft referrals"
$PY manage.py migrate --no-input -v 0
$PY scripts/lib/pg_restart_drill.py seed "${REFERRALS:-60}" >"$work/codes"

log "gunicorn on 127.0.0.1:$PORT (2 workers)"
.venv/bin/gunicorn platform_site.wsgi --bind "127.0.0.1:$PORT" --workers 2 \
    --error-logfile "$work/gunicorn.log" --log-level warning 2>>"$work/gunicorn.log" &
server=$!
for ((i = 0; i < 60; i++)); do
    curl -fs -o /dev/null -m 2 "http://127.0.0.1:$PORT/accounts/login/" && break
    sleep 0.5
done

log "${DURATION}s of moves and reads; PostgreSQL stops at ${STOP_AT}s for ${DOWN_FOR}s"
(
    sleep "$STOP_AT"
    date +%s.%N >"$work/down"
    bash "$PG" stop
    sleep "$DOWN_FOR"
    bash "$PG" start >/dev/null
    date +%s.%N >"$work/up"
) &
restart=$!
set +e
BASE_URL="http://127.0.0.1:$PORT" CODES_FILE="$work/codes" DOWN_FILE="$work/down" \
    UP_FILE="$work/up" DURATION="$DURATION" $PY scripts/lib/pg_restart_drill.py drive
driver=$?
wait "$restart"
restarted=$?
set -e
kill -0 "$server" 2>/dev/null || die "gunicorn did not survive the restart"
((restarted == 0)) || die "PostgreSQL did not restart"

log "every referral's state against its timeline"
set +e
$PY scripts/lib/pg_restart_drill.py check
consistent=$?
set -e
((driver == 0)) || die "requests failed after PostgreSQL was back, or a lost move stayed unresolved"
((consistent == 0)) || die "a referral's status does not match its timeline"
log "PASSED"
