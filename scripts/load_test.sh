#!/usr/bin/env bash
# Load test with locust against the production stack on 127.0.0.1 (gunicorn, scripts/serve.sh).
#
#   scripts/load_test.sh
#
# 50 simulated users (USERS) for 5 minutes (RUN_TIME), at most 60,000 requests (MAX_REQUESTS),
# then it stops by itself: 90 % of the users are anonymous visitors (7 searches to 2 service
# pages), 10 % signed-in workers and providers (scripts/load/locustfile.py; demo accounts,
# signed in at /accounts/login/), each waiting THINK_MIN_SECONDS–THINK_MAX_SECONDS (0.1–0.5)
# between requests. One request's cost, without the noise of a shared machine:
# scripts/load/request_costs.py (docs/deploy.md).
# Traffic goes to 127.0.0.1 only. When nothing answers on PORT (8000), it starts
# scripts/serve.sh (settings from var/production.env: set DATABASE_URL, SEARCH_BACKEND=
# elasticsearch and ELASTICSEARCH_URL there for PostgreSQL + Elasticsearch) and stops it after.
# Figures: var/loadtest/<time>_stats.csv and a summary line (p50, p95, requests/s, errors).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8000}"
URL="http://127.0.0.1:$PORT"
log() { printf 'load_test.sh: %s\n' "$*" >&2; }

server=""
cleanup() { [[ -z "$server" ]] || { kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }; }
trap cleanup EXIT
if ! curl -fsS -m 5 -o /dev/null "$URL/search/" 2>/dev/null; then
    log "starting the production stack (scripts/serve.sh) on $URL"
    GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_ACCESSLOG="${GUNICORN_ACCESSLOG:-/dev/null}" \
        bash scripts/serve.sh >var/loadtest-serve.log 2>&1 &
    server=$!
    for ((i = 0; i < 600; i++)); do
        curl -fsS -m 5 -o /dev/null "$URL/search/" 2>/dev/null && break
        kill -0 "$server" 2>/dev/null || { tail -n 30 var/loadtest-serve.log >&2; exit 1; }
        sleep 1
    done
fi

mkdir -p var/loadtest
out="var/loadtest/$(date -u +%Y%m%dT%H%M%SZ)"
log "locust: ${USERS:-50} users for ${RUN_TIME:-5m}, at most ${MAX_REQUESTS:-60000} requests, on $URL ($(nproc) cores)"
set +e
MAX_REQUESTS="${MAX_REQUESTS:-60000}" .venv/bin/locust -f scripts/load/locustfile.py --headless \
    --host "$URL" -u "${USERS:-50}" -r "${SPAWN_RATE:-10}" -t "${RUN_TIME:-5m}" \
    --stop-timeout 10 --csv "$out" --only-summary >"$out.log" 2>&1
status=$?
set -e
tail -n 40 "$out.log"
.venv/bin/python - "$out"_stats.csv <<'PY'
import csv, sys
rows = {row["Name"]: row for row in csv.DictReader(open(sys.argv[1]))}
total = rows["Aggregated"]
for name, row in rows.items():
    print(f"{name:36} {row['Request Count']:>7} req  {row['Failure Count']:>5} err  "
          f"p50 {row['50%']:>5} ms  p95 {row['95%']:>5} ms  {float(row['Requests/s']):7.1f} req/s")
print(f"SUMMARY: p50 {total['50%']} ms, p95 {total['95%']} ms, "
      f"{float(total['Requests/s']):.1f} req/s, {total['Failure Count']} errors "
      f"of {total['Request Count']} requests")
PY
exit "$status"
