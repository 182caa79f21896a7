"""HSDS 3.0 ``schedule`` objects to and from our rules (RRULE freq/byday, Tokyo wall time)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from django.utils.translation import gettext, pgettext

from directory.hours.parsing import parse_byday, token_code, wall_clock
from directory.hours.text import describe_closure
from directory.hours.timetable import FREQUENCIES, TOKYO, WEEKLY, ScheduleRule, WeeklyHours

_HSDS_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$")


def to_hsds_schedules(hours: WeeklyHours) -> list[dict[str, Any]]:
    """HSDS 3.0 ``schedule`` objects, without ``id``/``service_id`` (the exporter adds them).

    Times are Tokyo wall-clock "HH:MM" with ``timezone: 9`` (the schedule's UTC offset field).
    24 hours is written 00:00–00:00, which our overnight rule reads back as the whole day.
    HSDS cannot express 祝日休み or closures, so they go into ``notes`` as text.
    """
    notes = _hsds_notes(hours)
    items: list[dict[str, Any]] = []
    for rule in hours.schedules:
        if rule.all_day:
            opens_at, closes_at = "00:00", "00:00"
        else:
            opens_at = wall_clock(rule.opens_at).strftime("%H:%M") if rule.opens_at else None
            closes_at = wall_clock(rule.closes_at).strftime("%H:%M") if rule.closes_at else None
        tokens, _bad = parse_byday(rule.byday)
        item: dict[str, Any] = {
            "freq": rule.freq.upper(),
            "byday": ",".join(token_code(t) for t in tokens),
            "opens_at": opens_at,
            "closes_at": closes_at,
            "timezone": 9,
            "valid_from": rule.valid_from.isoformat() if rule.valid_from else None,
            "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
            "description": rule.description,
            "notes": notes,
        }
        items.append(item)
    return items


def _hsds_notes(hours: WeeklyHours) -> str:
    parts: list[str] = []
    if hours.schedules:
        parts.append(
            gettext("祝日休み")
            if hours.closed_on_public_holidays
            else gettext("祝日も開いています")
        )
    parts.extend(describe_closure(c, with_year=True) for c in hours.closures)
    if hours.hours_notes.strip():
        parts.append(hours.hours_notes.strip())
    return pgettext("文の区切り", "。").join(parts)


def from_hsds_schedules(items: Iterable[Mapping[str, Any]]) -> list[ScheduleRule]:
    """Schedule rules from HSDS 3.0 ``schedule`` objects (the inverse of ``to_hsds_schedules``).

    Times with a ``Z`` or ``±HH:MM`` suffix, or a numeric ``timezone``, are converted to Tokyo;
    bare times are taken as Tokyo time, because Japanese sources publish local hours even though
    HSDS says to assume UTC. 00:00–00:00 becomes 24 hours. Raises ValueError on unreadable
    ``freq``, times or dates; ``validate_rule`` judges the rest.
    """
    rules: list[ScheduleRule] = []
    for item in items:
        freq = str(item.get("freq") or WEEKLY).upper()
        if freq not in FREQUENCIES:
            raise ValueError(f"unsupported HSDS schedule freq: {item.get('freq')!r}")
        offset = item.get("timezone")
        opens_at = _parse_hsds_time(item.get("opens_at"), default_offset=offset)
        closes_at = _parse_hsds_time(item.get("closes_at"), default_offset=offset)
        all_day = opens_at == closes_at == time(0)
        byday = ",".join(p.strip().upper() for p in str(item.get("byday") or "").split(","))
        rules.append(
            ScheduleRule(
                freq=freq,
                byday=byday.strip(","),
                opens_at=None if all_day else opens_at,
                closes_at=None if all_day else closes_at,
                all_day=all_day,
                valid_from=_parse_hsds_date(item.get("valid_from")),
                valid_to=_parse_hsds_date(item.get("valid_to")),
                description=str(item.get("description") or ""),
            )
        )
    return rules


def _parse_hsds_time(value: Any, *, default_offset: Any) -> time | None:
    if value in (None, ""):
        return None
    match = _HSDS_TIME_RE.match(str(value).strip())
    if not match:
        raise ValueError(f"unreadable HSDS time: {value!r}")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour == 24 and minute == 0:
        hour = 0  # "24:00" closing time
    wall = time(hour, minute)
    suffix = match.group(4)
    if suffix:
        tz: timezone | None = UTC if suffix == "Z" else _offset(suffix)
    elif default_offset not in (None, ""):
        tz = timezone(timedelta(hours=float(default_offset)))
    else:
        tz = None
    if tz is None:
        return wall
    # Any date will do: neither Tokyo nor a fixed offset has daylight saving time.
    moment = datetime.combine(date(2000, 1, 3), wall, tzinfo=tz).astimezone(TOKYO)
    return time(moment.hour, moment.minute)


def _offset(suffix: str) -> timezone:
    sign = -1 if suffix[0] == "-" else 1
    digits = suffix[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _parse_hsds_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
