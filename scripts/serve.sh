#!/usr/bin/env bash
# The production stack on this machine (`make serve`): gunicorn with the production settings,
# WhiteNoise for the collected static files, and the search queue worker beside it.
#
#   scripts/serve.sh          # prepare (migrate, collectstatic, demo data once), then serve
#   scripts/serve.sh prepare  # only prepare
#
# Settings come from the environment, then from var/production.env, which the first run writes
# with local defaults: a random SECRET_KEY, a new FIELD_ENCRYPTION_KEYS key (the key file:
# back it up with scripts/backup.sh), ALLOWED_HOSTS=127.0.0.1,localhost and, because this is
# plain HTTP on 127.0.0.1, SECURE_SSL_REDIRECT=false and SECURE_COOKIES=false. Add
# DATABASE_URL, SEARCH_BACKEND=elasticsearch and ELASTICSEARCH_URL there (or in the
# environment) for PostgreSQL and Elasticsearch; without them it runs on SQLite (db.sqlite3).
# GUNICORN_BIND (127.0.0.1:8000) and GUNICORN_WORKERS (2 × cores + 1): deploy/gunicorn.conf.py.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/lib/env.sh
source scripts/lib/env.sh
ENV_FILE="$TSUNAGU_ENV_FILE"

log() { printf 'serve.sh: %s\n' "$*" >&2; }

write_env_file() {
    mkdir -p "$(dirname "$ENV_FILE")"
    (
        umask 077
        cat >"$ENV_FILE" <<ENV
# Local production settings for \`make serve\` (written $(date -u +%FT%TZ)). Keep it secret.
SECRET_KEY=$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')
FIELD_ENCRYPTION_KEYS=$($PY -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')
ALLOWED_HOSTS=127.0.0.1,localhost
SECURE_SSL_REDIRECT=false
SECURE_COOKIES=false
SECURE_HSTS_SECONDS=0
SITE_URL=http://127.0.0.1:8000
ENV
    )
    log "wrote $ENV_FILE (new SECRET_KEY and FIELD_ENCRYPTION_KEYS)"
}

load_env() {
    [[ -f "$ENV_FILE" ]] || write_env_file
    tsunagu_load_env
}

prepare() {
    $PY manage.py migrate --no-input
    $PY manage.py setup_site
    $PY manage.py collectstatic --no-input --verbosity 0
    if [[ "${SERVE_DEMO:-1}" == 1 ]] && [[ "$($PY manage.py shell -v 0 -c \
        'from directory.models import ServicePage; print(ServicePage.objects.exists())')" == False ]]; then
        log "empty directory: loading the demo data"
        $PY manage.py load_demo_data
    fi
    $PY manage.py reconcile_search_index --backend database
    if [[ "${SEARCH_BACKEND:-database}" != database ]]; then
        $PY manage.py reconcile_search_index
    fi
}

serve() {
    local worker gunicorn
    $PY manage.py process_search_queue --loop &
    worker=$!
    .venv/bin/gunicorn -c deploy/gunicorn.conf.py platform_site.wsgi &
    gunicorn=$!
    trap 'kill -TERM $gunicorn $worker 2>/dev/null; wait $gunicorn $worker 2>/dev/null' EXIT INT TERM
    log "serving on http://${GUNICORN_BIND:-127.0.0.1:8000} (gunicorn pid $gunicorn, worker pid $worker); Ctrl-C stops both"
    wait -n $gunicorn $worker
}

load_env
case "${1:-serve}" in
    prepare) prepare ;;
    serve) prepare; serve ;;
    *) echo "usage: $0 [prepare|serve]" >&2; exit 2 ;;
esac
