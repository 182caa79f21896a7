"""Shared opening-hours cases for the hours tests (rules, closures, a Tokyo clock)."""

from __future__ import annotations

from datetime import date, datetime, time

from directory.hours import TOKYO, Closure, ScheduleRule, WeeklyHours

WEEKDAYS = "MO,TU,WE,TH,FR"


def tokyo(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TOKYO)


def weekly(byday: str, opens: time, closes: time, **kwargs) -> ScheduleRule:
    return ScheduleRule(freq="WEEKLY", byday=byday, opens_at=opens, closes_at=closes, **kwargs)


def hours(*rules: ScheduleRule, **kwargs) -> WeeklyHours:
    return WeeklyHours(schedules=rules, **kwargs)


OFFICE = hours(weekly(WEEKDAYS, time(9), time(17)))
LUNCH_BREAK = hours(
    weekly(WEEKDAYS, time(10), time(12)),
    weekly(WEEKDAYS, time(13), time(17)),
)
SATURDAY_NIGHT = hours(weekly("SA", time(22), time(2)))
SECOND_FOURTH_WEDNESDAY = hours(
    ScheduleRule(freq="MONTHLY", byday="2WE,4WE", opens_at=time(10), closes_at=time(15))
)
NEW_YEAR = Closure(start_date=date(2026, 12, 29), end_date=date(2027, 1, 3), description="年末年始")
