"""Opening hours (開所時間): "open now", next opening, human text and HSDS exchange.

Every page, search facet and export asks this package, so the rules live in one place. It is
pure Python over plain dataclasses; Django is used only for gettext and ValidationError, and
``hours_from_service`` reads the page models (or anything with the same attribute names).

Rules that shape the answers:

* All wall-clock reasoning is in Asia/Tokyo; Japan has no daylight saving time, so a period's
  end is simply its start day plus the closing time (plus one day when it runs past midnight).
* A period belongs to the day it *starts* on. Public holidays (祝日, incl. 振替休日, from the
  ``holidays`` package), closures (臨時休業, 年末年始) and ``valid_from``/``valid_to`` are
  checked against that start day, so the tail of 22:00–02:00 that began the evening before a
  holiday stays open after midnight.
* ``freq``/``byday`` follow RFC 5545 RRULE as HSDS 3.0 ``schedule`` uses it: ``MO,TU`` every
  week, ``2WE,4WE`` the 2nd and 4th Wednesday of the month, ``-1FR`` the last Friday.

Modules by role: ``timetable`` (the dataclasses and the model adapter), ``parsing`` (BYDAY and
wall-clock times), ``rules`` (the questions), ``validation``, ``text`` and ``hsds``.
"""

from directory.hours.hsds import from_hsds_schedules, to_hsds_schedules
from directory.hours.rules import (
    current_period,
    is_closed_on,
    is_open,
    is_open_at_weekly,
    is_public_holiday,
    next_opening,
    open_periods_on,
    opens_in_evening,
    opens_on_weekends_or_holidays,
)
from directory.hours.text import describe
from directory.hours.timetable import (
    TOKYO,
    WEEKDAY_CODES,
    Closure,
    Period,
    ScheduleRule,
    WeeklyHours,
    hours_from_service,
    rule_from_row,
)
from directory.hours.validation import validate_closure, validate_rule

__all__ = [
    "TOKYO",
    "WEEKDAY_CODES",
    "Closure",
    "Period",
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
    "rule_from_row",
    "to_hsds_schedules",
    "validate_closure",
    "validate_rule",
]
