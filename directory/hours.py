"""Opening hours (開所時間): "open now", next opening, human text and HSDS exchange.

Every page, search facet and export asks this module (ARCHITECTURE.md), so the rules live in
one place. It is pure Python over plain dataclasses; Django is used only for gettext, and
``hours_from_service`` reads the lead's models (or anything with the same attribute names).

Rules that shape the answers:

* All wall-clock reasoning is in Asia/Tokyo; Japan has no daylight saving time, so a period's
  end is simply its start day plus the closing time (plus one day when it runs past midnight).
* A period belongs to the day it *starts* on. Public holidays (祝日, incl. 振替休日, from the
  ``holidays`` package), closures (臨時休業, 年末年始) and ``valid_from``/``valid_to`` are
  checked against that start day, so the tail of 22:00–02:00 that began the evening before a
  holiday stays open after midnight.
* ``freq``/``byday`` follow RFC 5545 RRULE as HSDS 3.0 ``schedule`` uses it: ``MO,TU`` every
  week, ``2WE,4WE`` the 2nd and 4th Wednesday of the month, ``-1FR`` the last Friday.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from django.utils.translation import gettext, pgettext, pgettext_lazy

__all__ = [
    "TOKYO",
    "WEEKDAY_CODES",
    "Closure",
    "ScheduleRule",
    "WeeklyHours",
    "current_period",
    "describe",
    "from_hsds_schedules",
    "hours_from_service",
    "is_closed_on",
    "is_open",
    "is_open_at_weekly",
    "is_public_holiday",
    "next_opening",
    "open_periods_on",
    "opens_in_evening",
    "opens_on_weekends_or_holidays",
    "to_hsds_schedules",
    "validate_closure",
    "validate_rule",
]

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

_TOKEN_RE = re.compile(r"^([+-]?\d{1,2})?([A-Z]{2})$")
_HSDS_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$")

_WEEKDAY_SHORT = (
    pgettext_lazy("曜日（略）", "月"),
    pgettext_lazy("曜日（略）", "火"),
    pgettext_lazy("曜日（略）", "水"),
    pgettext_lazy("曜日（略）", "木"),
    pgettext_lazy("曜日（略）", "金"),
    pgettext_lazy("曜日（略）", "土"),
    pgettext_lazy("曜日（略）", "日"),
)
_WEEKDAY_LONG = (
    pgettext_lazy("曜日", "月曜"),
    pgettext_lazy("曜日", "火曜"),
    pgettext_lazy("曜日", "水曜"),
    pgettext_lazy("曜日", "木曜"),
    pgettext_lazy("曜日", "金曜"),
    pgettext_lazy("曜日", "土曜"),
    pgettext_lazy("曜日", "日曜"),
)

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


@dataclass(frozen=True)
class _DayToken:
    ordinal: int | None  # None = every such weekday
    weekday: int


@dataclass
class _Group:
    """Rules that share days and date range, shown on one line by ``describe``."""

    rules: list[ScheduleRule] = field(default_factory=list)


# --- adapter ---------------------------------------------------------------------------------


def hours_from_service(service: Any) -> WeeklyHours:
    """Read a service model (or any object with the same attribute names) into ``WeeklyHours``.

    Related managers are read with ``.all()`` so a ``prefetch_related`` in the selector is used.
    """
    if isinstance(service, WeeklyHours):
        return service
    rules = tuple(rule_from_row(row) for row in _rows(getattr(service, "schedules", ())))
    closures = tuple(
        Closure(
            start_date=row.start_date,
            end_date=row.end_date,
            description=str(getattr(row, "description", "") or ""),
        )
        for row in _rows(getattr(service, "closures", ()))
    )
    return WeeklyHours(
        schedules=rules,
        closures=closures,
        closed_on_public_holidays=bool(getattr(service, "closed_on_public_holidays", True)),
        hours_notes=str(getattr(service, "hours_notes", "") or ""),
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


# --- calendar --------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _holidays_in(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("JP", years=year).keys())


def is_public_holiday(day: date) -> bool:
    """Whether ``day`` is a Japanese public holiday (国民の祝日, 振替休日, 国民の休日)."""
    return day in _holidays_in(day.year)


def is_closed_on(hours: WeeklyHours, day: date) -> bool:
    """Whether no period may start on ``day`` (a closure, or a 祝日 when 祝日休み)."""
    if hours.closed_on_public_holidays and is_public_holiday(day):
        return True
    return any(c.start_date <= day <= c.end_date for c in hours.closures)


@lru_cache(maxsize=512)
def _parse_byday(byday: str) -> tuple[tuple[_DayToken, ...], tuple[str, ...]]:
    """Split a BYDAY list into tokens, and the raw parts that are not valid RRULE tokens."""
    tokens: list[_DayToken] = []
    bad: list[str] = []
    for raw in byday.split(","):
        part = raw.strip().upper()
        if not part:
            continue
        match = _TOKEN_RE.match(part)
        if not match or match.group(2) not in WEEKDAY_CODES:
            bad.append(raw.strip())
            continue
        ordinal = int(match.group(1)) if match.group(1) else None
        if ordinal == 0:
            bad.append(raw.strip())
            continue
        tokens.append(_DayToken(ordinal, WEEKDAY_CODES.index(match.group(2))))
    return tuple(tokens), tuple(bad)


def _token_matches(token: _DayToken, day: date, *, freq: str) -> bool:
    if token.weekday != day.weekday():
        return False
    if token.ordinal is None:
        return True
    if freq != MONTHLY:
        return False  # ordinals mean nothing in a weekly rule; validate_rule reports them
    if token.ordinal > 0:
        return (day.day - 1) // 7 + 1 == token.ordinal
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (days_in_month - day.day) // 7 + 1 == -token.ordinal


def _rule_matches(rule: ScheduleRule, day: date) -> bool:
    if rule.valid_from and day < rule.valid_from:
        return False
    if rule.valid_to and day > rule.valid_to:
        return False
    freq = rule.freq.upper()
    if freq not in FREQUENCIES:
        return False
    tokens, _bad = _parse_byday(rule.byday)
    return any(_token_matches(t, day, freq=freq) for t in tokens)


def _rule_period(rule: ScheduleRule, day: date) -> Period | None:
    """The rule's period starting on ``day``, or None when the rule cannot be read as one."""
    start_of_day = datetime.combine(day, time(0), tzinfo=TOKYO)
    if rule.all_day:
        return start_of_day, start_of_day + timedelta(days=1)
    if rule.opens_at is None or rule.closes_at is None:
        return None  # invalid row (validate_rule says why); never guess an opening
    opens, closes = _wall(rule.opens_at), _wall(rule.closes_at)
    if opens == closes:
        return None
    start = datetime.combine(day, opens, tzinfo=TOKYO)
    end = datetime.combine(day, closes, tzinfo=TOKYO)
    if closes < opens:
        end += timedelta(days=1)
    return start, end


def _wall(value: time) -> time:
    """Drop seconds and tzinfo: hours are Tokyo wall-clock minutes."""
    return time(value.hour, value.minute)


def _merge(periods: list[Period]) -> list[Period]:
    merged: list[Period] = []
    for start, end in sorted(periods):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _to_tokyo(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        return at.replace(tzinfo=TOKYO)
    return at.astimezone(TOKYO)


# --- questions ---------------------------------------------------------------------------------


def open_periods_on(hours: WeeklyHours, day: date) -> list[Period]:
    """Open intervals that *start* on ``day`` (Tokyo), merged where rows overlap or touch.

    An interval may end after midnight; it is not repeated in the next day's list.
    """
    if isinstance(day, datetime):
        day = _to_tokyo(day).date()
    if is_closed_on(hours, day):
        return []
    periods = [
        period
        for rule in hours.schedules
        if _rule_matches(rule, day) and (period := _rule_period(rule, day)) is not None
    ]
    return _merge(periods)


def current_period(hours: WeeklyHours, at: datetime) -> Period | None:
    """The open interval containing ``at``, or None when closed.

    When yesterday's overnight period and today's first period overlap, the one that ends later
    is returned, so "open until" is never understated.
    """
    at = _to_tokyo(at)
    today = at.date()
    containing = [
        (start, end)
        for day in (today - timedelta(days=1), today)
        for start, end in open_periods_on(hours, day)
        if start <= at < end
    ]
    if not containing:
        return None
    return max(containing, key=lambda period: period[1])


def is_open(hours: WeeklyHours, at: datetime) -> bool:
    """Whether the service is open at ``at`` (aware in any zone, or naive Tokyo time)."""
    return current_period(hours, at) is not None


def next_opening(hours: WeeklyHours, after: datetime, *, horizon_days: int = 62) -> datetime | None:
    """The first period start strictly after ``after``, looking ``horizon_days`` ahead.

    Two months covers 年末年始 and a monthly 第4水曜 rule; None means "no opening known".
    """
    after = _to_tokyo(after)
    first = after.date()
    for offset in range(horizon_days + 1):
        for start, _end in open_periods_on(hours, first + timedelta(days=offset)):
            if start > after:
                return start
    return None


def opens_in_evening(hours: WeeklyHours, *, as_of: date | None = None) -> bool:
    """Whether any rule keeps the service open at or after 18:00 (夜間対応).

    Holidays and closures are ignored: this is a facet about the regular timetable. With
    ``as_of``, rules that ended before that day are ignored.
    """
    for rule in _current_rules(hours, as_of=as_of):
        if rule.all_day:
            return True
        if rule.opens_at is None or rule.closes_at is None or rule.opens_at == rule.closes_at:
            continue
        opens, closes = _wall(rule.opens_at), _wall(rule.closes_at)
        if closes <= opens or closes > EVENING_STARTS or opens >= EVENING_STARTS:
            return True
    return False


def opens_on_weekends_or_holidays(hours: WeeklyHours, *, as_of: date | None = None) -> bool:
    """Whether the service opens on 土日祝 (weekends or public holidays).

    Deliberately simple, for a search facet: true if any usable rule names SA or SU, or if the
    service is not 祝日休み and has any usable rule at all (a holiday falls on every weekday
    some year). Closures are ignored.
    """
    rules = [r for r in _current_rules(hours, as_of=as_of) if _has_period(r)]
    if not hours.closed_on_public_holidays and rules:
        return True
    return any(t.weekday >= 5 for r in rules for t in _parse_byday(r.byday)[0])


def is_open_at_weekly(hours: WeeklyHours, *, weekday: int, at: time) -> bool:
    """Whether the regular *every-week* timetable is open on ``weekday`` (0 = Monday) at ``at``.

    For "open on Saturday mornings"-style filters: monthly ordinals (第2水曜), holidays,
    closures and date ranges are ignored, but overnight tails from the previous day count.
    """
    minute = at.hour * 60 + at.minute
    yesterday = (weekday - 1) % 7
    for rule in hours.schedules:
        if not _has_period(rule):
            continue
        days = {t.weekday for t in _parse_byday(rule.byday)[0] if t.ordinal is None}
        if rule.all_day:
            if weekday in days:
                return True
            continue
        assert rule.opens_at is not None and rule.closes_at is not None  # _has_period
        opens = rule.opens_at.hour * 60 + rule.opens_at.minute
        closes = rule.closes_at.hour * 60 + rule.closes_at.minute
        if closes > opens:
            if weekday in days and opens <= minute < closes:
                return True
        elif (weekday in days and minute >= opens) or (yesterday in days and minute < closes):
            return True
    return False


def _has_period(rule: ScheduleRule) -> bool:
    if rule.freq.upper() not in FREQUENCIES or not _parse_byday(rule.byday)[0]:
        return False
    if rule.all_day:
        return True
    return (
        rule.opens_at is not None and rule.closes_at is not None and rule.opens_at != rule.closes_at
    )


def _current_rules(hours: WeeklyHours, *, as_of: date | None) -> list[ScheduleRule]:
    if as_of is None:
        return list(hours.schedules)
    return [r for r in hours.schedules if r.valid_to is None or r.valid_to >= as_of]


# --- validation ------------------------------------------------------------------------------


def validate_rule(rule: ScheduleRule) -> list[str]:
    """Problems with one schedule row, as messages for the editor (empty list when valid).

    The evaluation functions skip rows that fail here instead of guessing, so the admin form
    must show these messages before saving.
    """
    errors: list[str] = []
    freq = rule.freq.upper()
    if freq not in FREQUENCIES:
        errors.append(gettext("繰り返しは「毎週」か「毎月」を選んでください"))
    tokens, bad = _parse_byday(rule.byday)
    for raw in bad:
        errors.append(gettext("曜日の指定「%(token)s」が正しくありません") % {"token": raw})
    if not tokens and not bad:
        errors.append(gettext("曜日を選んでください"))
    for token in tokens:
        if token.ordinal is None:
            continue
        label = _token_code(token)
        if freq == WEEKLY:
            errors.append(
                gettext("毎週の指定には「第2」などの回数は使えません（%(token)s）")
                % {"token": label}
            )
        elif token.ordinal not in ALLOWED_ORDINALS:
            errors.append(
                gettext("第何週かは1〜5、または最終（-1）で指定してください（%(token)s）")
                % {"token": label}
            )
    if not rule.all_day:
        if rule.opens_at is None:
            errors.append(gettext("開始時刻を入力してください"))
        if rule.closes_at is None:
            errors.append(gettext("終了時刻を入力してください"))
        if (
            rule.opens_at is not None
            and rule.closes_at is not None
            and _wall(rule.opens_at) == _wall(rule.closes_at)
        ):
            errors.append(
                gettext("開始時刻と終了時刻が同じです。24時間の場合は「24時間」を選んでください")
            )
    if rule.valid_from and rule.valid_to and rule.valid_to < rule.valid_from:
        errors.append(gettext("有効期間の終了日が開始日より前です"))
    return errors


def validate_closure(closure: Closure) -> list[str]:
    """Problems with one closure row (empty list when valid)."""
    if closure.end_date < closure.start_date:
        return [gettext("休業期間の終了日が開始日より前です")]
    return []


def _token_code(token: _DayToken) -> str:
    prefix = "" if token.ordinal is None else str(token.ordinal)
    return prefix + WEEKDAY_CODES[token.weekday]


# --- human text ------------------------------------------------------------------------------


def describe(hours: WeeklyHours, *, as_of: date | None = None) -> list[str]:
    """Lines for pages and print-outs in the active language.

    Rows with the same days and date range share a line ("月・火・水・木・金 9:00〜12:00、
    13:00〜17:00"); then 祝日休み, closures and the free-text notes. With ``as_of``, rules and
    closures that ended before that day are left out, which is why closure dates omit the year.
    """
    lines = [_describe_group(group.rules) for group in _groups(_current_rules(hours, as_of=as_of))]
    if lines:
        if hours.closed_on_public_holidays:
            lines.append(gettext("祝日休み"))
        else:
            lines.append(gettext("祝日も開いています"))
    for closure in hours.closures:
        if as_of is not None and closure.end_date < as_of:
            continue
        lines.append(_describe_closure(closure, with_year=False))
    if hours.hours_notes.strip():
        lines.append(hours.hours_notes.strip())
    return lines


def _groups(rules: Iterable[ScheduleRule]) -> list[_Group]:
    groups: dict[tuple[Any, ...], _Group] = {}
    for rule in rules:
        tokens, _bad = _parse_byday(rule.byday)
        key = (rule.freq.upper(), tuple(sorted(set(tokens), key=_token_order)))
        key += (rule.valid_from, rule.valid_to)
        groups.setdefault(key, _Group()).rules.append(rule)
    return list(groups.values())


def _token_order(token: _DayToken) -> tuple[int, int]:
    ordinal = token.ordinal
    # Every-week first, then 1st..5th, then "last" counted from the end.
    rank = 0 if ordinal is None else (ordinal if ordinal > 0 else 10 - ordinal)
    return token.weekday, rank


def _describe_group(rules: list[ScheduleRule]) -> str:
    first = rules[0]
    times = [
        _describe_times(r)
        for r in sorted(rules, key=lambda r: (not r.all_day, r.opens_at or time(0)))
    ]
    line = gettext("%(days)s %(times)s") % {
        "days": _describe_days(first),
        "times": pgettext("列挙の区切り", "、").join(dict.fromkeys(times)),
    }
    if first.valid_from and first.valid_to:
        line += gettext("（%(start)s〜%(end)s）") % {
            "start": _format_date(first.valid_from, with_year=True),
            "end": _format_date(first.valid_to, with_year=True),
        }
    elif first.valid_from:
        line += gettext("（%(start)sから）") % {
            "start": _format_date(first.valid_from, with_year=True)
        }
    elif first.valid_to:
        line += gettext("（%(end)sまで）") % {"end": _format_date(first.valid_to, with_year=True)}
    notes = [r.description.strip() for r in rules if r.description.strip()]
    if notes:
        line += gettext("（%(note)s）") % {
            "note": pgettext("列挙の区切り", "、").join(dict.fromkeys(notes))
        }
    return line


def _describe_days(rule: ScheduleRule) -> str:
    tokens, _bad = _parse_byday(rule.byday)
    tokens = tuple(sorted(set(tokens), key=_token_order))
    separator = pgettext("曜日の区切り", "・")
    if rule.freq.upper() != MONTHLY or all(t.ordinal is None for t in tokens):
        return separator.join(str(_WEEKDAY_SHORT[t.weekday]) for t in tokens)
    parts: list[str] = []
    for weekday in dict.fromkeys(t.weekday for t in tokens):
        ordinals = [t.ordinal for t in tokens if t.weekday == weekday]
        name = str(_WEEKDAY_LONG[weekday])
        if None in ordinals:
            parts.append(gettext("毎週%(weekday)s") % {"weekday": name})
            continue
        labels = separator.join(_ordinal_label(o) for o in ordinals if o is not None)
        parts.append(
            pgettext("第2水曜", "%(ordinals)s%(weekday)s") % {"ordinals": labels, "weekday": name}
        )
    return separator.join(parts)


def _ordinal_label(ordinal: int) -> str:
    if ordinal == -1:
        return gettext("最終")
    if ordinal < 0:
        return gettext("最後から%(n)d番目") % {"n": -ordinal}
    return gettext("第%(n)d") % {"n": ordinal}


def _describe_times(rule: ScheduleRule) -> str:
    if rule.all_day:
        return gettext("24時間")
    if rule.opens_at is None or rule.closes_at is None:
        return gettext("時間未定")
    opens, closes = _wall(rule.opens_at), _wall(rule.closes_at)
    if closes == time(0) and opens != time(0):
        closing = "24:00"  # Japanese notices write midnight as 24:00, not 翌0:00
    elif closes <= opens:
        closing = gettext("翌%(time)s") % {"time": _format_time(closes)}
    else:
        closing = _format_time(closes)
    return gettext("%(opens)s〜%(closes)s") % {"opens": _format_time(opens), "closes": closing}


def _format_time(value: time) -> str:
    return f"{value.hour}:{value.minute:02d}"


def _format_date(value: date, *, with_year: bool) -> str:
    if with_year:
        return gettext("%(year)d年%(month)d月%(day)d日") % {
            "year": value.year,
            "month": value.month,
            "day": value.day,
        }
    return gettext("%(month)d月%(day)d日") % {"month": value.month, "day": value.day}


def _describe_closure(closure: Closure, *, with_year: bool) -> str:
    start = _format_date(closure.start_date, with_year=with_year)
    if closure.end_date == closure.start_date:
        dates = start
    else:
        dates = gettext("%(start)s〜%(end)s") % {
            "start": start,
            "end": _format_date(closure.end_date, with_year=with_year),
        }
    if closure.description.strip():
        return gettext("%(dates)s 休み（%(description)s）") % {
            "dates": dates,
            "description": closure.description.strip(),
        }
    return gettext("%(dates)s 休み") % {"dates": dates}


# --- HSDS 3.0 --------------------------------------------------------------------------------


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
            opens_at = _wall(rule.opens_at).strftime("%H:%M") if rule.opens_at else None
            closes_at = _wall(rule.closes_at).strftime("%H:%M") if rule.closes_at else None
        tokens, _bad = _parse_byday(rule.byday)
        item: dict[str, Any] = {
            "freq": rule.freq.upper(),
            "byday": ",".join(_token_code(t) for t in tokens),
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
    parts.extend(_describe_closure(c, with_year=True) for c in hours.closures)
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
