#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database.
#
#   scripts/restore.sh BACKUP_DIR
#
# The target is the configured database (DATABASE_URL, or the SQLite file); it must be empty
# (no tables): a restore never mixes with live data. Media are unpacked into MEDIA_ROOT. The
# keys in BACKUP_DIR/keys.env must be in the running settings (FIELD_ENCRYPTION_KEYS):
# the script refuses otherwise, as the client records would not decrypt.
# Afterwards: `manage.py migrate` (a no-op for a backup of this version), then
# `manage.py rebuild_search_index` for each search backend (scripts/drill_backup.sh does all).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/env.sh
source scripts/lib/env.sh
tsunagu_load_env

log() { printf 'restore.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ $# -eq 1 ]] || { echo "usage: $0 BACKUP_DIR" >&2; exit 2; }
SRC="$1"
[[ -f "$SRC/SHA256SUMS" ]] || die "$SRC is not a backup (no SHA256SUMS)"
(cd "$SRC" && sha256sum --quiet -c SHA256SUMS) || die "checksums of $SRC do not match"

# Every key of the backup must still decrypt: the newest key at the time is in the list.
backup_keys="$(sed -n 's/^FIELD_ENCRYPTION_KEYS=//p' "$SRC/keys.env")"
running_keys="$(tsunagu_setting 'FIELD_ENCRYPTION_KEYS')"
first_key="${backup_keys%%,*}"
[[ "$running_keys" == *"$first_key"* ]] \
    || die "FIELD_ENCRYPTION_KEYS does not hold the backup's key: set it from $SRC/keys.env"

tables="$("$PY" manage.py shell -v 0 -c 'from django.db import connection; print(len(connection.introspection.table_names()))')"
[[ "$tables" == 0 ]] || die "the target database has $tables tables; restore needs an empty one"

vendor="$(tsunagu_setting 'DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]')"
case "$vendor" in
    postgresql)
        [[ -f "$SRC/database.pgdump" ]] || die "$SRC holds no PostgreSQL dump"
        log "pg_restore into the database"
        pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
            --dbname="$DATABASE_URL" "$SRC/database.pgdump"
        ;;
    sqlite3)
        [[ -f "$SRC/database.sqlite3" ]] || die "$SRC holds no SQLite database"
        db="$(tsunagu_setting 'DATABASES["default"]["NAME"]')"
        log "SQLite restore into $db"
        "$PY" - "$SRC/database.sqlite3" "$db" <<'PY'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
PY
        ;;
    *) die "unsupported database engine $vendor" ;;
esac

media="$(tsunagu_setting MEDIA_ROOT)"
mkdir -p "$media"
tar -xzf "$SRC/media.tar.gz" -C "$media"
"$PY" manage.py migrate --no-input -v 0
log "restored $SRC; now rebuild the search index: manage.py rebuild_search_index"
