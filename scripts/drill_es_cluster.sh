#!/usr/bin/env bash
# Cluster drill: the Elasticsearch tests run against a three-node cluster on 127.0.0.1 with one
# replica per index, and one node is stopped mid-run. Passes when the tests pass, searches on a
# probe index answered all along (0 failed), and no document is lost (probe count unchanged).
#
#   scripts/drill_es_cluster.sh            # starts the cluster if needed, stops it at the end
#   KEEP_CLUSTER=1 scripts/drill_es_cluster.sh
#
# The application is given every node (ELASTICSEARCH_URL comma-separated): the client spreads
# requests over them and passes over the stopped one, which is the last (in a fresh cluster
# often the elected master, so the drill also covers a master election). Every index gets one replica: ELASTICSEARCH_INDEX_REPLICAS=1 for the
# application, and each test index is set to one replica as it appears.
# Environment: NODES (3), STOP_AFTER (seconds into the test run, 20), PYTEST_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

NODES="${NODES:-3}"
STOP_AFTER="${STOP_AFTER:-20}"
ES=scripts/elasticsearch.sh
log() { printf 'drill_es_cluster.sh: %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

urls="$(bash "$ES" start-cluster "$NODES")"
first="${urls%%,*}"
last="${urls##*,}"
last_port="${last##*:}"
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    curl -fsS -XDELETE "$first/drill_probe" >/dev/null 2>&1 || true
    if [[ "${KEEP_CLUSTER:-0}" != 1 ]]; then bash "$ES" stop-cluster "$NODES" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

log "probe index: 1 shard, 1 replica, 1000 documents"
curl -fsS -XDELETE "$first/drill_probe" >/dev/null 2>&1 || true
curl -fsS -XPUT "$first/drill_probe" -H 'Content-Type: application/json' \
    -d '{"settings":{"number_of_shards":1,"number_of_replicas":1}}' >/dev/null
for ((i = 0; i < 1000; i++)); do
    printf '{"index":{"_id":"%d"}}\n{"n":%d,"title":"service %d"}\n' "$i" "$i" "$i"
done >"$work/bulk.ndjson"
curl -fsS -XPOST "$first/drill_probe/_bulk?refresh=true" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$work/bulk.ndjson" | grep -q '"errors":false' || die "bulk load failed"
curl -fsS "$first/_cluster/health/drill_probe?wait_for_status=green&timeout=60s" >/dev/null \
    || die "probe index not green"

# Every test index gets one replica as soon as it exists.
(while true; do
    curl -fsS -XPUT "$first/test_*/_settings" -H 'Content-Type: application/json' \
        -d '{"index":{"number_of_replicas":1}}' >/dev/null 2>&1 || true
    sleep 1
done) &
pids+=($!)

# Searches on the probe, four a second, all through the run.
(ok=0 failed=0
while [[ ! -e "$work/stop-probe" ]]; do
    if curl -fsS -m 5 "$first/drill_probe/_search?q=title:service&size=0" 2>/dev/null \
        | grep -q '"value":1000'; then ok=$((ok + 1)); else failed=$((failed + 1)); fi
    echo "$ok $failed" >"$work/probe"
    sleep 0.25
done) &
probe=$!
pids+=($probe)

log "Elasticsearch tests against the cluster $urls; node $last_port stops after ${STOP_AFTER}s"
(sleep "$STOP_AFTER"
 log "stopping node $last_port mid-run"
 ES_CLUSTER_PORT="$last_port" bash "$ES" stop-cluster 1
 date +%s >"$work/stopped") &
pids+=($!)
t0=$SECONDS
set +e
ELASTICSEARCH_URL="$urls" ELASTICSEARCH_INDEX_REPLICAS=1 CI=true \
    .venv/bin/pytest -m elasticsearch tests/search -q -p no:cacheprovider ${PYTEST_ARGS:-}
tests=$?
set -e
log "tests finished in $((SECONDS - t0))s with exit code $tests"
[[ -e "$work/stopped" ]] || { log "tests ended before the stop; waiting for it"; while [[ ! -e "$work/stopped" ]]; do sleep 1; done; }
sleep 10  # searches keep going after the stop
touch "$work/stop-probe"
wait "$probe" 2>/dev/null || true
read -r ok failed <"$work/probe"
count="$(curl -fsS "$first/drill_probe/_count" | grep -o '"count":[0-9]*' | cut -d: -f2)"
health="$(curl -fsS "$first/_cluster/health" | grep -o '"status":"[a-z]*","timed_out":[a-z]*,"number_of_nodes":[0-9]*')"
log "probe searches: $ok answered, $failed failed; probe documents: $count of 1000; cluster: $health"
((tests == 0)) || die "the Elasticsearch tests failed against the cluster"
((failed == 0)) || die "$failed probe searches failed while a node was down"
[[ "$count" == 1000 ]] || die "documents lost: $count of 1000"
log "PASSED"
