# Sourced by scripts/serve.sh, backup.sh, restore.sh and the drills: the production settings
# module and the variables of TSUNAGU_ENV_FILE (default var/production.env; on a server e.g.
# /etc/tsunagu/tsunagu.env). Variables already in the environment win over the file.
TSUNAGU_ENV_FILE="${TSUNAGU_ENV_FILE:-var/production.env}"
PY="${PY:-.venv/bin/python}"

tsunagu_load_env() {
    local line name
    if [[ -f "$TSUNAGU_ENV_FILE" ]]; then
        while IFS= read -r line || [[ -n "$line" ]]; do
            [[ "$line" =~ ^[A-Z_][A-Z0-9_]*= ]] || continue
            name="${line%%=*}"
            [[ -n "${!name:-}" ]] || export "$line"
        done <"$TSUNAGU_ENV_FILE"
    fi
    export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-platform_site.settings.production}"
}

# One setting's value, as the application sees it.
tsunagu_setting() {
    "$PY" manage.py shell -v 0 -c "from django.conf import settings; print(settings.$1)"
}
