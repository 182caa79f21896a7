"""The questions pages, search facets and exports ask: open now, next opening, evening, 土日祝.

A period belongs to the day it *starts* on; holidays, closures and date ranges are checked
against that day (see ``directory.hours``).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from directory.hours.parsing import DayToken, parse_byday, to_tokyo, wall_clock
from directory.hours.timetable import (
    EVENING_STARTS,
    FREQUENCIES,
    MONTHLY,
    TOKYO,
    Period,
    ScheduleRule,
    WeeklyHours,
)


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


def _token_matches(token: DayToken, day: date, *, freq: str) -> bool:
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
    tokens, _bad = parse_byday(rule.byday)
    return any(_token_matches(t, day, freq=freq) for t in tokens)


def _rule_period(rule: ScheduleRule, day: date) -> Period | None:
    """The rule's period starting on ``day``, or None when the rule cannot be read as one."""
    start_of_day = datetime.combine(day, time(0), tzinfo=TOKYO)
    if rule.all_day:
        return start_of_day, start_of_day + timedelta(days=1)
    if rule.opens_at is None or rule.closes_at is None:
        return None  # invalid row (validate_rule says why); never guess an opening
    opens, closes = wall_clock(rule.opens_at), wall_clock(rule.closes_at)
    if opens == closes:
        return None
    start = datetime.combine(day, opens, tzinfo=TOKYO)
    end = datetime.combine(day, closes, tzinfo=TOKYO)
    if closes < opens:
        end += timedelta(days=1)
    return start, end


def _merge(periods: list[Period]) -> list[Period]:
    merged: list[Period] = []
    for start, end in sorted(periods):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def open_periods_on(hours: WeeklyHours, day: date) -> list[Period]:
    """Open intervals that *start* on ``day`` (Tokyo), merged where rows overlap or touch.

    An interval may end after midnight; it is not repeated in the next day's list.
    """
    if isinstance(day, datetime):
        day = to_tokyo(day).date()
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
    at = to_tokyo(at)
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
    after = to_tokyo(after)
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
    for rule in current_rules(hours, as_of=as_of):
        if rule.all_day:
            return True
        if rule.opens_at is None or rule.closes_at is None or rule.opens_at == rule.closes_at:
            continue
        opens, closes = wall_clock(rule.opens_at), wall_clock(rule.closes_at)
        if closes <= opens or closes > EVENING_STARTS or opens >= EVENING_STARTS:
            return True
    return False


def opens_on_weekends_or_holidays(hours: WeeklyHours, *, as_of: date | None = None) -> bool:
    """Whether the service opens on 土日祝 (weekends or public holidays).

    Deliberately simple, for a search facet: true if any usable rule names SA or SU, or if the
    service is not 祝日休み and has any usable rule at all (a holiday falls on every weekday
    some year). Closures are ignored.
    """
    rules = [r for r in current_rules(hours, as_of=as_of) if _has_period(r)]
    if not hours.closed_on_public_holidays and rules:
        return True
    return any(t.weekday >= 5 for r in rules for t in parse_byday(r.byday)[0])


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
        days = {t.weekday for t in parse_byday(rule.byday)[0] if t.ordinal is None}
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
    if rule.freq.upper() not in FREQUENCIES or not parse_byday(rule.byday)[0]:
        return False
    if rule.all_day:
        return True
    return (
        rule.opens_at is not None and rule.closes_at is not None and rule.opens_at != rule.closes_at
    )


def current_rules(hours: WeeklyHours, *, as_of: date | None) -> list[ScheduleRule]:
    if as_of is None:
        return list(hours.schedules)
    return [r for r in hours.schedules if r.valid_to is None or r.valid_to >= as_of]
