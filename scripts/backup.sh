#!/usr/bin/env bash
# Back up つなぐ: the database, the uploaded media and the key file, into one directory.
#
#   scripts/backup.sh [DEST]    # default var/backups/<UTC timestamp>; prints DEST
#
# - PostgreSQL (DATABASE_URL): `pg_dump --format=custom` (consistent snapshot, the site keeps
#   running); SQLite: the SQLite online backup API (consistent while the site writes).
# - media: MEDIA_ROOT as media.tar.gz (uploaded documents and images).
# - keys.env: SECRET_KEY and FIELD_ENCRYPTION_KEYS. Without the encryption keys the client
#   records in the dump cannot be read: copy keys.env to storage apart from the dump.
# - counts.json: rows per model, checked by scripts/drill_backup.sh after a restore.
# Settings: the environment, then TSUNAGU_ENV_FILE (scripts/lib/env.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/env.sh
source scripts/lib/env.sh
tsunagu_load_env

log() { printf 'backup.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

DEST="${1:-var/backups/$(date -u +%Y%m%dT%H%M%SZ)}"
[[ ! -e "$DEST" ]] || [[ -z "$(ls -A "$DEST")" ]] || die "$DEST exists and is not empty"
mkdir -p "$DEST"
chmod 700 "$DEST"

vendor="$(tsunagu_setting 'DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]')"
case "$vendor" in
    postgresql)
        [[ -n "${DATABASE_URL:-}" ]] || die "PostgreSQL without DATABASE_URL"
        log "pg_dump of the database"
        pg_dump --format=custom --no-owner --no-privileges --file="$DEST/database.pgdump" \
            --dbname="$DATABASE_URL"
        ;;
    sqlite3)
        db="$(tsunagu_setting 'DATABASES["default"]["NAME"]')"
        log "SQLite backup of $db"
        "$PY" - "$db" "$DEST/database.sqlite3" <<'PY'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
PY
        ;;
    *) die "unsupported database engine $vendor" ;;
esac

media="$(tsunagu_setting MEDIA_ROOT)"
if [[ -d "$media" ]]; then
    log "media from $media"
    tar -czf "$DEST/media.tar.gz" -C "$media" .
else
    log "no media directory at $media"
    tar -czf "$DEST/media.tar.gz" --files-from /dev/null
fi

(
    umask 077
    "$PY" manage.py shell -v 0 -c '
from django.conf import settings
print("SECRET_KEY=" + settings.SECRET_KEY)
print("FIELD_ENCRYPTION_KEYS=" + ",".join(settings.FIELD_ENCRYPTION_KEYS))
' >"$DEST/keys.env"
)
"$PY" manage.py shell -v 0 -c "$(cat scripts/lib/counts.py)" >"$DEST/counts.json"
(cd "$DEST" && sha256sum -- * >SHA256SUMS)
log "done: $(du -sh "$DEST" | cut -f1) in $DEST (move keys.env to separate storage)"
echo "$DEST"
