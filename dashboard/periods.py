"""The period the dashboard shows: the chosen dates, or by default the 12 months up to this
month, and the continuous run of months its trend covers (empty months included)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

DEFAULT_MONTHS = 12
# A trend longer than this starts at its first month with data (no decades of empty months).
MAX_MONTHS = 120


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _month_index(key: str) -> int:
    year, month = key.split("-")
    return int(year) * 12 + int(month) - 1


def _month_key(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_back(day: date, count: int) -> date:
    """The first day of the month ``count - 1`` months before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - (count - 1)
    return date(index // 12, index % 12 + 1, 1)


def _day_label(day: date) -> str:
    return _("%(year)d年%(month)d月%(day)d日") % {
        "year": day.year,
        "month": day.month,
        "day": day.day,
    }


@dataclass(frozen=True)
class Period:
    """Inclusive dates; ``None`` is no bound (the filters' 0001-01-01 and 9999-12-31)."""

    first: date | None
    last: date | None
    default: bool = False

    @property
    def since(self) -> datetime | None:
        return _start(self.first) if self.first else None

    @property
    def until(self) -> datetime | None:
        """Exclusive: the start of the day after ``last``."""
        return _start(self.last + timedelta(days=1)) if self.last else None

    @property
    def label(self) -> str:
        text = _("%(first)s〜%(last)s") % {
            "first": _day_label(self.first) if self.first else _("記録のはじめ"),
            "last": _day_label(self.last) if self.last else _("いま"),
        }
        if self.default:
            return _("%(period)s（日付の指定がないときは、今月までの12か月）") % {"period": text}
        return text

    def months(self, *, present: Iterable[str], today: date) -> list[str]:
        """Every month of the period as ``YYYY-MM``, in order, those without data included.

        ``present``: the months that have data (only needed where the period has no bound).
        """
        present = sorted(present)
        this_month = f"{today.year:04d}-{today.month:02d}"
        if self.first:
            start = f"{self.first.year:04d}-{self.first.month:02d}"
        else:
            start = present[0] if present else this_month
        if self.last:
            end = f"{self.last.year:04d}-{self.last.month:02d}"
        else:
            end = max([this_month, *present[-1:]])
        first, last = _month_index(start), _month_index(end)
        if last - first + 1 > MAX_MONTHS and present:
            first = max(first, _month_index(present[0]))
        return [_month_key(i) for i in range(first, last + 1)]


def period_for(*, since: date | None, until: date | None, today: date | None = None) -> Period:
    """The period of the chosen dates; a missing end is today, a missing start 12 months
    before the end's month; neither: the 12 months up to this month (the default)."""
    today = today or timezone.localdate()
    first = None if since and since.year == 1 else since
    last = None if until and until == date.max else until
    if since is None and until is None:
        return Period(months_back(today, DEFAULT_MONTHS), today, default=True)
    if until is None:
        last = today
    if since is None:
        first = months_back(last or today, DEFAULT_MONTHS)
    return Period(first, last)
