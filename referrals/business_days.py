"""Business days for reminders: weekdays that are not Japanese public holidays.

Public holidays (祝日, 振替休日, 国民の休日) come from ``directory.hours``, which reads the
``holidays`` package, so opening hours and reminders agree on the calendar.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from directory.hours import is_public_holiday

DEFAULT_REMINDER_BUSINESS_DAYS = 3


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and not is_public_holiday(day)


def business_days_between(start: date, end: date) -> int:
    """Business days in (start, end]: a referral sent on ``start`` has waited this many."""
    count, day = 0, start + timedelta(days=1)
    while day <= end:
        count += is_business_day(day)
        day += timedelta(days=1)
    return count


def waited_since_cutoff(today: date, days: int) -> date:
    """The latest date ``d`` with ``business_days_between(d, today) >= days``."""
    day, counted = today, 0
    while counted < days:
        counted += is_business_day(day)
        day -= timedelta(days=1)
    return day


def sent_before_for_overdue(now: datetime, days: int) -> datetime:
    """Referrals sent before this instant have waited ``days`` business days by ``now``."""
    cutoff = waited_since_cutoff(timezone.localdate(now), days)
    return timezone.make_aware(datetime.combine(cutoff + timedelta(days=1), time.min))


def reminder_business_days() -> int:
    """``REFERRAL_REMINDER_BUSINESS_DAYS``: unanswered this long → reminder; twice → escalation."""
    return int(getattr(settings, "REFERRAL_REMINDER_BUSINESS_DAYS", DEFAULT_REMINDER_BUSINESS_DAYS))


def overdue_sent_before(now: datetime | None = None) -> datetime:
    """A sent, unanswered referral is overdue if it was sent before this instant."""
    return sent_before_for_overdue(now or timezone.now(), reminder_business_days())
