#!/usr/bin/env bash
# Start/stop a throw-away single-node Elasticsearch 9 for tests and CI.
#
#   scripts/elasticsearch.sh start    # fetch (first time), start, wait for green/yellow, print URL
#   scripts/elasticsearch.sh stop     # stop the node started by this script
#   scripts/elasticsearch.sh status   # print cluster health (exit 3 when not running)
#   scripts/elasticsearch.sh url      # print http://127.0.0.1:PORT
#   scripts/elasticsearch.sh pidfile  # print the node's pid file (drills freeze the node)
#   scripts/elasticsearch.sh start-cluster 3   # N nodes on 127.0.0.1, one HTTP port each
#   scripts/elasticsearch.sh stop-cluster 3    # stop them
#   scripts/elasticsearch.sh cluster-urls 3    # their URLs, comma-separated
#
# A cluster's nodes take HTTP ports ES_CLUSTER_PORT, +1, … (default 9301, 9302, 9303) and,
# by the rule below, transport ports 100 higher (9401, …): clear of a single node on
# 9200/9300. They form the cluster "tsunagu-cluster" (every node master-eligible and a data
# node, heap ES_CLUSTER_HEAP, default 256m), each with its own data and log directories.
#
# The node is Elastic's "integ-test-zip" distribution from Maven Central
# (org.elasticsearch.distribution.integ-test-zip:elasticsearch), fetched with mvn.
# It holds only the modules apm, transport-netty4, x-pack-core and x-pack-security:
# NO analysis-common, so the cjk_bigram / ngram / edge_ngram / whitespace / keyword tokenizers and
# the cjk analyzer are NOT available; the built-in ones are the standard tokenizer
# and filters such as lowercase, stop and shingle.
# There is no rest-root module either: GET / and HEAD / answer 405, so the Python
# client's ping()/info() fail; use cluster.health() / _nodes to check the node.
# Character bigrams: standard tokenizer + shingle(2,2, token_separator ""), or
# pre-computed tokens in a field with the built-in whitespace analyzer.
#
# Environment (all optional):
#   ES_VERSION     version to use (default: pinned below); "latest" = newest 9.x that mvn can fetch
#   ES_PORT        HTTP port (default 9200); the transport port is ES_PORT+100
#   ES_CACHE_DIR   cache dir (default ${XDG_CACHE_HOME:-$HOME/.cache}/tsunagu, or
#                  /var/cache/tsunagu as root, because /root is not readable by the ES user)
#   ES_HOME_DIR    unpacked distribution (default $ES_CACHE_DIR/elasticsearch-$ES_VERSION)
#   ES_JAVA_HOME   JDK (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   ES_HEAP        heap size (default 512m)
#   ES_USER        user that runs ES when this script runs as root (default tsunagu-es)
#   ES_START_TIMEOUT  seconds to wait for green/yellow (default 120)
set -euo pipefail

readonly ES_PINNED_VERSION="9.5.3"
readonly ES_GROUP="org.elasticsearch.distribution.integ-test-zip"
readonly ES_ARTIFACT="elasticsearch"

ES_PORT="${ES_PORT:-9200}"
ES_HEAP="${ES_HEAP:-512m}"
ES_USER="${ES_USER:-tsunagu-es}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-120}"
ES_CLUSTER_PORT="${ES_CLUSTER_PORT:-9301}"
ES_CLUSTER_HEAP="${ES_CLUSTER_HEAP:-256m}"
ES_CLUSTER_NAME="tsunagu-test"
ES_NODE_NAME="tsunagu-es"
# Single node unless start-cluster replaces these.
ES_DISCOVERY_ARGS=(-E discovery.type=single-node)
ES_JAVA_HOME="${ES_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ -z "${ES_CACHE_DIR:-}" ]]; then
    if [[ "$(id -u)" -eq 0 ]]; then
        ES_CACHE_DIR="/var/cache/tsunagu"
    else
        ES_CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/tsunagu"
    fi
fi

log() { printf 'elasticsearch.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    echo "usage: $0 start|stop|status|url|start-cluster N|stop-cluster N|cluster-urls N" >&2
    exit 2
}

[[ "$ES_PORT" =~ ^[0-9]+$ ]] || die "ES_PORT must be a number, got '$ES_PORT'"
[[ "$ES_START_TIMEOUT" =~ ^[0-9]+$ ]] || die "ES_START_TIMEOUT must be a number of seconds"

es_url() { echo "http://127.0.0.1:${ES_PORT}"; }

# --- version discovery -------------------------------------------------------

# Newest 9.x of the integ-test zip that Maven Central serves. The integ-test-zip's
# own maven-metadata.xml does not list the 9.x releases, so the candidate list is
# read from the metadata of org.elasticsearch:elasticsearch (released in lock-step),
# fetched by mvn, and the newest few are tried until one resolves.
discover_latest_version() {
    command -v mvn >/dev/null || die "mvn not found (apt-get install -y maven)"
    local tmp meta candidates v tries=0
    tmp="$(mktemp -d)"
    log "discovering the newest Elasticsearch 9.x on Maven Central via mvn ..."
    if ! mvn -B -q -U dependency:get -Dartifact=org.elasticsearch:elasticsearch:LATEST:pom \
        -Dtransitive=false >"$tmp/mvn.log" 2>&1; then
        log "mvn could not read org.elasticsearch:elasticsearch metadata:"
        tail -n 20 "$tmp/mvn.log" >&2
    fi
    meta="$(find "${MAVEN_REPO:-$HOME/.m2/repository}/org/elasticsearch/elasticsearch" \
        -maxdepth 1 -name 'maven-metadata*.xml' 2>/dev/null | head -n 1)"
    candidates=""
    if [[ -n "$meta" ]]; then
        candidates="$(grep -o '<version>9\.[0-9]*\.[0-9]*</version>' "$meta" \
            | sed 's/<[^>]*>//g' | sort -V -r -u || true)"
    fi
    candidates="$(printf '%s\n%s\n' "$candidates" "$ES_PINNED_VERSION" | sed '/^$/d' | sort -V -r -u)"
    for v in $candidates; do
        tries=$((tries + 1))
        [[ $tries -le 4 ]] || break
        if mvn -B -q dependency:get -Dartifact="${ES_GROUP}:${ES_ARTIFACT}:${v}:zip" \
            -Dtransitive=false >"$tmp/mvn.log" 2>&1; then
            rm -rf "$tmp"
            echo "$v"
            return 0
        fi
        log "  ${v}: no integ-test zip on Maven Central"
    done
    rm -rf "$tmp"
    die "could not find an Elasticsearch 9.x integ-test zip with mvn; set ES_VERSION"
}

resolve_version() {
    case "${ES_VERSION:-}" in
        "") ES_VERSION="$ES_PINNED_VERSION" ;;
        latest) ES_VERSION="$(discover_latest_version)"; log "newest version: $ES_VERSION" ;;
    esac
    ES_HOME_DIR="${ES_HOME_DIR:-$ES_CACHE_DIR/elasticsearch-$ES_VERSION}"
    ES_DATA_DIR="$ES_HOME_DIR/data-$ES_PORT"
    ES_LOG_DIR="$ES_HOME_DIR/logs-$ES_PORT"
    ES_PID_FILE="$ES_HOME_DIR/elasticsearch-$ES_PORT.pid"
}

# --- install -------------------------------------------------------------------

install_es() {
    if [[ -x "$ES_HOME_DIR/bin/elasticsearch" ]]; then
        return 0
    fi
    command -v mvn >/dev/null || die "mvn not found (apt-get install -y maven)"
    command -v unzip >/dev/null || die "unzip not found (apt-get install -y unzip)"
    local tmp
    tmp="$(mktemp -d)"
    log "fetching ${ES_GROUP}:${ES_ARTIFACT}:${ES_VERSION}:zip with mvn ..."
    if ! mvn -B -q dependency:copy \
        -Dartifact="${ES_GROUP}:${ES_ARTIFACT}:${ES_VERSION}:zip" \
        -DoutputDirectory="$tmp" >"$tmp/mvn.log" 2>&1; then
        tail -n 30 "$tmp/mvn.log" >&2
        rm -rf "$tmp"
        die "mvn could not fetch Elasticsearch $ES_VERSION (is that version published?)"
    fi
    log "unpacking into $ES_HOME_DIR ..."
    mkdir -p "$tmp/unpack" "$(dirname "$ES_HOME_DIR")"
    unzip -q "$tmp/${ES_ARTIFACT}-${ES_VERSION}.zip" -d "$tmp/unpack" \
        || { rm -rf "$tmp"; die "unzip failed"; }
    [[ -d "$tmp/unpack/elasticsearch-$ES_VERSION" ]] \
        || { rm -rf "$tmp"; die "unexpected zip layout (no elasticsearch-$ES_VERSION/)"; }
    rm -rf "$ES_HOME_DIR"
    mv "$tmp/unpack/elasticsearch-$ES_VERSION" "$ES_HOME_DIR"
    rm -rf "$tmp"
}

# --- helpers -----------------------------------------------------------------

pid_alive() {
    [[ -f "$ES_PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$ES_PID_FILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

health_json() {
    curl -fsS -m 5 "$(es_url)/_cluster/health?wait_for_status=yellow&timeout=3s" 2>/dev/null
}

health_ok() {
    local h
    h="$(health_json)" || return 1
    [[ "$h" == *'"status":"green"'* || "$h" == *'"status":"yellow"'* ]]
}

run_as_es() {
    # Elasticsearch refuses to run as root.
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u "$ES_USER" -- "$@"
    else
        "$@"
    fi
}

ensure_user() {
    [[ "$(id -u)" -eq 0 ]] || return 0
    if ! id -u "$ES_USER" >/dev/null 2>&1; then
        log "creating system user $ES_USER"
        useradd --system --no-create-home --home-dir "$ES_HOME_DIR" \
            --shell /usr/sbin/nologin "$ES_USER" || die "useradd $ES_USER failed"
    fi
    chown -R "$ES_USER:" "$ES_HOME_DIR"
    # every parent directory must be traversable by the ES user
    local d="$ES_HOME_DIR"
    while [[ "$d" != "/" ]]; do
        d="$(dirname "$d")"
        if ! runuser -u "$ES_USER" -- test -x "$d"; then
            die "$ES_USER cannot enter $d; set ES_CACHE_DIR to a directory it can reach"
        fi
    done
}

# --- commands ------------------------------------------------------------------

cmd_start() {
    command -v curl >/dev/null || die "curl not found (apt-get install -y curl)"
    if pid_alive && health_ok; then
        log "already running (pid $(cat "$ES_PID_FILE"))"
        es_url
        return 0
    fi
    if ! pid_alive && curl -fsS -m 3 "$(es_url)/" >/dev/null 2>&1; then
        if health_ok; then
            log "an Elasticsearch not started by this script already answers on port $ES_PORT; using it"
            es_url
            return 0
        fi
        die "port $ES_PORT is in use by something unhealthy; set ES_PORT or stop it"
    fi
    [[ -x "$ES_JAVA_HOME/bin/java" ]] || die "no JDK at ES_JAVA_HOME=$ES_JAVA_HOME"

    install_es
    mkdir -p "$ES_DATA_DIR" "$ES_LOG_DIR"
    ensure_user

    if pid_alive; then
        log "process $(cat "$ES_PID_FILE") exists but is not healthy yet; waiting for it"
    else
        rm -f "$ES_PID_FILE"
        local t0 startup_log="$ES_LOG_DIR/startup.log"
        t0=$(date +%s)
        log "starting Elasticsearch $ES_VERSION on $(es_url) (heap $ES_HEAP, logs in $ES_LOG_DIR)"
        # -d: the launcher returns once the node has started (or failed to start).
        if ! run_as_es env -u ES_PATH_CONF \
            ES_JAVA_HOME="$ES_JAVA_HOME" \
            ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP ${ES_EXTRA_JAVA_OPTS:-}" \
            "$ES_HOME_DIR/bin/elasticsearch" -d -p "$ES_PID_FILE" \
            -E cluster.name="$ES_CLUSTER_NAME" \
            -E node.name="$ES_NODE_NAME" \
            -E network.host=127.0.0.1 \
            -E http.port="$ES_PORT" \
            -E transport.port="$((ES_PORT + 100))" \
            "${ES_DISCOVERY_ARGS[@]}" \
            -E path.data="$ES_DATA_DIR" \
            -E path.logs="$ES_LOG_DIR" \
            -E xpack.security.enabled=false \
            -E cluster.routing.allocation.disk.threshold_enabled=false \
            -E action.destructive_requires_name=false \
            >"$startup_log" 2>&1; then
            tail -n 40 "$startup_log" >&2 || true
            tail -n 40 "$ES_LOG_DIR/$ES_CLUSTER_NAME.log" >&2 2>/dev/null || true
            die "Elasticsearch failed to start (see $startup_log and $ES_LOG_DIR)"
        fi
        log "launcher returned after $(($(date +%s) - t0))s"
    fi

    local deadline=$((SECONDS + ES_START_TIMEOUT))
    until health_ok; do
        if ! pid_alive; then
            tail -n 40 "$ES_LOG_DIR/$ES_CLUSTER_NAME.log" >&2 2>/dev/null || true
            die "Elasticsearch exited during start-up (logs in $ES_LOG_DIR)"
        fi
        if ((SECONDS >= deadline)); then
            cmd_stop || true
            die "Elasticsearch not green/yellow after ${ES_START_TIMEOUT}s (logs in $ES_LOG_DIR)"
        fi
        sleep 1
    done
    log "ready: $(health_json | grep -o '"status":"[a-z]*"')"
    es_url
}

cmd_stop() {
    if ! pid_alive; then
        rm -f "$ES_PID_FILE"
        log "not running (no live pid file at $ES_PID_FILE)"
        return 0
    fi
    local pid i
    pid="$(cat "$ES_PID_FILE")"
    log "stopping pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid still alive after 60s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
    fi
    rm -f "$ES_PID_FILE"
    log "stopped"
}

cmd_status() {
    local h
    if h="$(curl -fsS -m 5 "$(es_url)/_cluster/health?pretty" 2>/dev/null)"; then
        if pid_alive; then
            log "running (pid $(cat "$ES_PID_FILE")) at $(es_url)"
        else
            log "an Elasticsearch not started by this script answers at $(es_url)"
        fi
        echo "$h"
        return 0
    fi
    if pid_alive; then
        log "pid $(cat "$ES_PID_FILE") alive but $(es_url) does not answer (starting?)"
    else
        log "not running"
    fi
    return 3
}

# --- a cluster of N nodes ------------------------------------------------------------

cluster_ports() {
    local n="$1" i
    [[ "$n" =~ ^[1-9][0-9]?$ ]] || die "number of nodes must be 1..99, got '$n'"
    for ((i = 0; i < n; i++)); do echo $((ES_CLUSTER_PORT + i)); done
}

# Run "$@" with the settings of the cluster's node on HTTP port $1.
as_cluster_node() {
    local port="$1" n="$2"
    shift 2
    local ports hosts="" names="" p
    ports="$(cluster_ports "$n")"
    for p in $ports; do
        hosts+="${hosts:+,}127.0.0.1:$((p + 100))"
        names+="${names:+,}tsunagu-es-$p"
    done
    (
        ES_PORT="$port"
        ES_HEAP="$ES_CLUSTER_HEAP"
        ES_CLUSTER_NAME="tsunagu-cluster"
        ES_NODE_NAME="tsunagu-es-$port"
        ES_DISCOVERY_ARGS=(-E discovery.seed_hosts="$hosts" -E cluster.initial_master_nodes="$names")
        resolve_version
        "$@"
    )
}

cmd_start_cluster() {
    local n="$1" port pids=() failed=0 p
    resolve_version
    install_es  # once, before the nodes start side by side
    for port in $(cluster_ports "$n"); do
        as_cluster_node "$port" "$n" cmd_start >/dev/null &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || failed=1; done
    ((failed == 0)) || die "a node of the cluster did not start (logs under $ES_HOME_DIR/logs-*)"
    local url="http://127.0.0.1:$ES_CLUSTER_PORT" h
    h="$(curl -fsS -m 60 "$url/_cluster/health?wait_for_nodes=$n&wait_for_status=green&timeout=50s")" \
        || die "cluster health did not answer"
    [[ "$h" == *"\"number_of_nodes\":$n,"* ]] || die "cluster did not reach $n nodes: $h"
    log "cluster of $n nodes ready: $(echo "$h" | grep -o '"status":"[a-z]*"')"
    cmd_cluster_urls "$n"
}

cmd_stop_cluster() {
    local n="$1" port
    for port in $(cluster_ports "$n"); do
        as_cluster_node "$port" "$n" cmd_stop
    done
}

cmd_cluster_urls() {
    local urls="" port
    for port in $(cluster_ports "$1"); do urls+="${urls:+,}http://127.0.0.1:$port"; done
    echo "$urls"
}

case "${1:-}" in
    start-cluster | stop-cluster | cluster-urls)
        [[ $# -eq 2 ]] || usage
        case "$1" in
            start-cluster) cmd_start_cluster "$2" ;;
            stop-cluster) cmd_stop_cluster "$2" ;;
            cluster-urls) cmd_cluster_urls "$2" ;;
        esac
        exit 0
        ;;
esac

[[ $# -eq 1 ]] || usage
case "$1" in
    start) resolve_version; cmd_start ;;
    stop) resolve_version; cmd_stop ;;
    status) resolve_version; cmd_status ;;
    url) es_url ;;
    pidfile) resolve_version; echo "$ES_PID_FILE" ;;
    *) usage ;;
esac
