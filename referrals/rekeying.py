"""Re-encrypting personal data with the newest key, so an old key can be retired.

Works on the stored tokens (``MultiFernet.rotate``) rather than on model instances: no
plaintext is built as Python objects, no save() signal fires, and rows already under the
newest key are left as they are, so an interrupted run can simply be started again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.db import connection, models, transaction

from referrals.fields import EncryptedMixin, configured_keys, fernet


@dataclass
class RekeyCount:
    label: str
    rows: int = 0
    values: int = 0
    rotated: int = 0


def encrypted_columns() -> Iterator[tuple[type[models.Model], list[str]]]:
    """Every concrete model with encrypted fields, and those fields' column names."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [
            f.column
            for f in model._meta.local_concrete_fields
            if isinstance(f, EncryptedMixin) and f.column
        ]
        if columns:
            yield model, columns


def personal_data_reencrypt(*, dry_run: bool = False, batch_size: int = 500) -> list[RekeyCount]:
    """Bring every encrypted value under the first key of FIELD_ENCRYPTION_KEYS.

    Returns counts per model: rows read, non-empty values, values re-encrypted (or that would
    be, with ``dry_run``).
    """
    newest = Fernet(configured_keys()[0])
    keys = fernet()
    counts = []
    quote = connection.ops.quote_name
    for model, columns in encrypted_columns():
        assert model._meta.pk is not None and model._meta.pk.column  # every table has one
        table, pk = model._meta.db_table, model._meta.pk.column
        count = RekeyCount(label=model._meta.label)
        select = (
            f"SELECT {quote(pk)}, {', '.join(quote(c) for c in columns)} FROM {quote(table)} "
            f"WHERE {quote(pk)} > %s ORDER BY {quote(pk)} LIMIT %s"
        )
        last = 0
        while True:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(select, [last, batch_size])
                    rows = cursor.fetchall()
                for row in rows:
                    last = row[0]
                    changes = {}
                    for column, token in zip(columns, row[1:], strict=True):
                        if not token:
                            continue
                        count.values += 1
                        if _is_current(newest, token):
                            continue
                        changes[column] = keys.rotate(token.encode()).decode()
                    count.rows += 1
                    count.rotated += len(changes)
                    if changes and not dry_run:
                        assignments = ", ".join(f"{quote(c)} = %s" for c in changes)
                        with connection.cursor() as cursor:
                            cursor.execute(
                                f"UPDATE {quote(table)} SET {assignments} WHERE {quote(pk)} = %s",
                                [*changes.values(), row[0]],
                            )
            if len(rows) < batch_size:
                break
        counts.append(count)
    return counts


def _is_current(newest: Fernet, token: str) -> bool:
    try:
        newest.decrypt(token.encode())
    except InvalidToken:
        return False
    return True
