#!/usr/bin/env bash
# Start/stop PostgreSQL for tests and CI, listening on 127.0.0.1.
#
#   scripts/postgres.sh start    # install (if missing), start, create role+db, print URL
#   scripts/postgres.sh stop     # stop the cluster on PGPORT
#   scripts/postgres.sh status   # exit 0 when 127.0.0.1:PGPORT accepts connections, else 3
#   scripts/postgres.sh url      # print postgres://tsunagu:tsunagu@127.0.0.1:5432/tsunagu
#
# Uses Debian's cluster tools (postgresql-common: pg_createcluster / pg_ctlcluster):
# the cluster whose port is PGPORT (on a fresh Debian install that is "main" on 5432,
# created by apt); when no cluster has that port, a cluster named "tsunagu" is
# created on it. Why not a private initdb cluster under a cache dir: Debian's
# clusters already have the postgres user, the socket directory, a pg_hba.conf
# that allows password (scram) logins on 127.0.0.1, and pg_ctlcluster works with
# or without systemd (containers, CI); a private cluster would need all of that
# re-done and would fight /root's 0700 permissions when run as root.
#
# The role (default tsunagu / tsunagu) gets LOGIN and CREATEDB: Django's test runner
# creates and drops test_* databases. Must run as root unless the server is
# already up (then only the role/db checks need the postgres OS user via runuser).
#
# Environment (optional): PGPORT (5432), TSUNAGU_PG_USER, TSUNAGU_PG_PASSWORD,
# TSUNAGU_PG_DB (all default "tsunagu").
set -euo pipefail

PG_PORT="${PGPORT:-5432}"
DB_USER="${TSUNAGU_PG_USER:-tsunagu}"
DB_PASSWORD="${TSUNAGU_PG_PASSWORD:-tsunagu}"
DB_NAME="${TSUNAGU_PG_DB:-tsunagu}"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
usage() {
    echo "usage: $0 start|stop|status|url" >&2
    exit 2
}

[[ "$PG_PORT" =~ ^[0-9]+$ ]] || die "PGPORT must be a number, got '$PG_PORT'"
[[ "$DB_USER" =~ ^[a-z_][a-z0-9_]*$ ]] || die "TSUNAGU_PG_USER must be a plain lower-case identifier"
[[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ ]] || die "TSUNAGU_PG_DB must be a plain lower-case identifier"

pg_url() { echo "postgres://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${PG_PORT}/${DB_NAME}"; }

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# psql as the postgres superuser over the local socket, without the caller's PG* env.
as_postgres_psql() {
    local cmd=(env -u PGUSER -u PGDATABASE -u PGHOST -u PGPASSWORD -u PGSERVICE
        psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@")
    if is_root; then
        runuser -u postgres -- "${cmd[@]}"
    elif [[ "$(id -un)" == postgres ]]; then
        "${cmd[@]}"
    else
        die "need root (or the postgres user) to create the role and database"
    fi
}

ready() {
    command -v pg_isready >/dev/null || return 1
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 3
}

ensure_installed() {
    if command -v pg_ctlcluster >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
        return 0
    fi
    is_root || die "PostgreSQL is not installed and this is not root (apt-get install -y postgresql)"
    log "installing Debian's postgresql package ..."
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q postgresql >/dev/null 2>&1; then
        apt-get update -q >/dev/null || die "apt-get update failed"
        apt-get install -y -q postgresql >/dev/null || die "apt-get install postgresql failed"
    fi
    command -v pg_ctlcluster >/dev/null || die "pg_ctlcluster missing after installing postgresql"
}

# Prints "VERSION NAME STATUS" of the cluster listening on PG_PORT, or nothing.
find_cluster() {
    pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print $1, $2, $4; exit }'
}

cmd_start() {
    ensure_installed
    local info ver name status
    info="$(find_cluster)"
    if [[ -z "$info" ]]; then
        is_root || die "no cluster on port $PG_PORT and not root"
        ver="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)"
        [[ -n "$ver" ]] || die "no PostgreSQL server version under /usr/lib/postgresql"
        log "creating cluster $ver/tsunagu on port $PG_PORT"
        pg_createcluster "$ver" tsunagu --port "$PG_PORT" >/dev/null \
            || die "pg_createcluster $ver tsunagu failed"
        info="$(find_cluster)"
        [[ -n "$info" ]] || die "created cluster not found on port $PG_PORT"
    fi
    read -r ver name status <<<"$info"

    if [[ "$status" != online* ]]; then
        is_root || die "cluster $ver/$name is $status and this is not root"
        # the socket dir is on tmpfs in many containers and vanishes on restart
        install -d -m 2775 -o postgres -g postgres /var/run/postgresql
        log "starting cluster $ver/$name on port $PG_PORT"
        pg_ctlcluster "$ver" "$name" start \
            || die "pg_ctlcluster $ver $name start failed (see /var/log/postgresql/postgresql-$ver-$name.log)"
    else
        log "cluster $ver/$name already running on port $PG_PORT"
    fi

    local i
    for ((i = 0; i < 30; i++)); do
        ready && break
        sleep 1
    done
    ready || die "PostgreSQL $ver/$name does not accept connections on 127.0.0.1:$PG_PORT (check listen_addresses)"

    # Role and database (idempotent). The password goes through a psql variable.
    as_postgres_psql -v u="$DB_USER" -v pw="$DB_PASSWORD" <<'SQL' || die "could not create/alter role $DB_USER"
SELECT format('CREATE ROLE %I', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
ALTER ROLE :"u" WITH LOGIN CREATEDB PASSWORD :'pw';
SQL
    as_postgres_psql -v u="$DB_USER" -v d="$DB_NAME" <<'SQL' || die "could not create database $DB_NAME"
SELECT format('CREATE DATABASE %I OWNER %I', :'d', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'d') \gexec
SQL

    # Check that the URL really works (password auth over TCP on 127.0.0.1).
    env -u PGSERVICE -u PGPASSWORD psql -X -q -At -d "$(pg_url)" -c 'SELECT 1' >/dev/null \
        || die "cannot log in with $(pg_url) (check pg_hba.conf of $ver/$name)"
    log "ready: PostgreSQL $ver/$name"
    pg_url
}

cmd_stop() {
    command -v pg_lsclusters >/dev/null || { log "PostgreSQL not installed"; return 0; }
    local info ver name status
    info="$(find_cluster)"
    [[ -n "$info" ]] || { log "no cluster on port $PG_PORT"; return 0; }
    read -r ver name status <<<"$info"
    if [[ "$status" != online* ]]; then
        log "cluster $ver/$name is already $status"
        return 0
    fi
    is_root || die "stopping cluster $ver/$name needs root"
    log "stopping cluster $ver/$name"
    pg_ctlcluster "$ver" "$name" stop || die "pg_ctlcluster $ver $name stop failed"
}

cmd_status() {
    if ready; then
        log "accepting connections on 127.0.0.1:$PG_PORT"
        pg_url
        return 0
    fi
    log "not accepting connections on 127.0.0.1:$PG_PORT"
    return 3
}

[[ $# -eq 1 ]] || usage
case "$1" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) pg_url ;;
    *) usage ;;
esac
