"""Opening hours as lines of text for pages, hand-outs and HSDS notes, in the active language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from django.utils.translation import gettext, pgettext, pgettext_lazy

from directory.hours.parsing import DayToken, parse_byday, wall_clock
from directory.hours.rules import current_rules
from directory.hours.timetable import MONTHLY, Closure, ScheduleRule, WeeklyHours

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


@dataclass
class _Group:
    """Rules that share days and date range, shown on one line by ``describe``."""

    rules: list[ScheduleRule] = field(default_factory=list)


def describe(hours: WeeklyHours, *, as_of: date | None = None) -> list[str]:
    """Lines for pages and print-outs in the active language.

    Rows with the same days and date range share a line ("月・火・水・木・金 9:00〜12:00、
    13:00〜17:00"); then 祝日休み, closures and the free-text notes. With ``as_of``, rules and
    closures that ended before that day are left out, which is why closure dates omit the year.
    """
    lines = [_describe_group(group.rules) for group in _groups(current_rules(hours, as_of=as_of))]
    if lines:
        if hours.closed_on_public_holidays:
            lines.append(gettext("祝日休み"))
        else:
            lines.append(gettext("祝日も開いています"))
    for closure in hours.closures:
        if as_of is not None and closure.end_date < as_of:
            continue
        lines.append(describe_closure(closure, with_year=False))
    if hours.hours_notes.strip():
        lines.append(hours.hours_notes.strip())
    return lines


def _groups(rules: Iterable[ScheduleRule]) -> list[_Group]:
    groups: dict[tuple[Any, ...], _Group] = {}
    for rule in rules:
        tokens, _bad = parse_byday(rule.byday)
        key = (rule.freq.upper(), tuple(sorted(set(tokens), key=_token_order)))
        key += (rule.valid_from, rule.valid_to)
        groups.setdefault(key, _Group()).rules.append(rule)
    return list(groups.values())


def _token_order(token: DayToken) -> tuple[int, int]:
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
    tokens, _bad = parse_byday(rule.byday)
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
    opens, closes = wall_clock(rule.opens_at), wall_clock(rule.closes_at)
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


def describe_closure(closure: Closure, *, with_year: bool) -> str:
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
