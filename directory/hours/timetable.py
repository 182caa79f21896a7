"""What a timetable is: rules, closures and a service's whole week, read from the models.

Plain frozen dataclasses, so every question in ``directory.hours`` can be asked of the page
models, of an import before it is saved, or of a test's hand-made rules alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")
WEEKLY = "WEEKLY"
MONTHLY = "MONTHLY"
FREQUENCIES = (WEEKLY, MONTHLY)
# RFC 5545 weekday codes in Python's weekday() order (Monday == 0).
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# 夜間: a service counts as open in the evening if any period reaches past this time.
EVENING_STARTS = time(18, 0)
# Ordinals a month can have for one weekday; -1 is "last" (最終). Other negatives are valid
# RRULE but no Japanese service uses them, and the admin form should not offer them.
ALLOWED_ORDINALS = frozenset({1, 2, 3, 4, 5, -1})

Period = tuple[datetime, datetime]


@dataclass(frozen=True, kw_only=True)
class ScheduleRule:
    """One row of a service's schedule: days, one period of time, an optional date range."""

    freq: str = WEEKLY
    byday: str = ""
    opens_at: time | None = None
    closes_at: time | None = None
    all_day: bool = False  # 24時間
    valid_from: date | None = None
    valid_to: date | None = None  # inclusive
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class Closure:
    """Days with no opening at all (臨時休業, 年末年始); both ends inclusive."""

    start_date: date
    end_date: date
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class WeeklyHours:
    """A service's whole timetable; attribute names match the service model on purpose."""

    schedules: tuple[ScheduleRule, ...] = ()
    closures: tuple[Closure, ...] = ()
    closed_on_public_holidays: bool = True  # 祝日休み
    hours_notes: str = ""


def hours_from_service(service: Any) -> WeeklyHours:
    """Read a service model (or any object with the same attribute names) into ``WeeklyHours``.

    Related managers are read with ``.all()`` so a ``prefetch_related`` in the selector is used.
    """
    if isinstance(service, WeeklyHours):
        return service
    # Imported here: directory.models imports directory.hours (the models' validation).
    from directory.models.translated import field_in_language

    rules = tuple(rule_from_row(row) for row in _rows(getattr(service, "schedules", ())))
    closures = tuple(
        Closure(
            start_date=row.start_date,
            end_date=row.end_date,
            # the reason in the visitor's language (description_en/_easy), else the Japanese
            description=str(
                (field_in_language(row, "description") if hasattr(row, "description") else "") or ""
            ),
        )
        for row in _rows(getattr(service, "closures", ()))
    )
    return WeeklyHours(
        schedules=rules,
        closures=closures,
        closed_on_public_holidays=bool(getattr(service, "closed_on_public_holidays", True)),
        # 開所時間の補足 in the visitor's language (hours_notes_en/_easy), else the Japanese
        hours_notes=str(
            (field_in_language(service, "hours_notes") if hasattr(service, "hours_notes") else "")
            or ""
        ),
    )


def rule_from_row(row: Any) -> ScheduleRule:
    """One schedule row (a model instance or anything with the same attributes) as a rule."""
    return ScheduleRule(
        freq=str(getattr(row, "freq", WEEKLY) or WEEKLY).upper(),
        byday=str(getattr(row, "byday", "") or ""),
        opens_at=getattr(row, "opens_at", None),
        closes_at=getattr(row, "closes_at", None),
        all_day=bool(getattr(row, "all_day", False)),
        valid_from=getattr(row, "valid_from", None),
        valid_to=getattr(row, "valid_to", None),
        description=str(getattr(row, "description", "") or ""),
    )


def _rows(value: Any) -> Iterable[Any]:
    if value is None:
        return ()
    if hasattr(value, "all") and callable(value.all):
        return value.all()
    return value
