"""Database functions that stay in C on SQLite (Django's own call back into Python per row).

On SQLite, ``TruncMonth`` and datetime subtraction run a Python function for every row: a
second per 100,000 referrals each. These use SQLite's ``strftime``/``julianday`` instead and
plain SQL on PostgreSQL.
"""

from __future__ import annotations

from django.db.models import F, FloatField, Func, TextField
from django.utils import timezone


class SecondsBetween(Func):
    """``end - start`` in seconds (a float)."""

    output_field = FloatField()

    def __init__(self, end: str, start: str) -> None:
        super().__init__(F(end), F(start))

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 86400.0)",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="EXTRACT(EPOCH FROM (%(expressions)s))",
            arg_joiner=" - ",
            **extra,
        )


class MonthKey(Func):
    """The local month of a datetime as ``YYYY-MM`` (the current time zone)."""

    output_field = TextField()

    def __init__(self, field: str) -> None:
        super().__init__(F(field))

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite stores UTC; the site's zone (Asia/Tokyo) has no daylight saving time, so one
        # offset is right for every row.
        offset = timezone.localtime().utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset else 0
        sql, params = compiler.compile(self.source_expressions[0])
        return f"strftime(%s, {sql}, %s)", ("%Y-%m", *params, f"{minutes:+d} minutes")

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        zone = timezone.get_current_timezone_name()
        return f"to_char({sql} AT TIME ZONE %s, 'YYYY-MM')", (*params, zone)
