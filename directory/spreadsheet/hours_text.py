"""Opening hours as people write them in a spreadsheet: 「月〜金 9:00-17:00」.

``directory.hours`` writes this kind of text (``describe``) but does not read it; this module
reads it into HSDS 3.0 ``schedule`` objects, which ``directory.hours.from_hsds_schedules`` and
``validate_rule`` then check like any other HSDS input. Accepted:

* segments separated by 「／」, 「/」, 「;」 or a line break: ``月〜金 9:00-12:00、13:00-17:00``;
* days: 月〜金, 月・水・金, 月水金, 平日, 土日, 毎日, 第2・第4土曜, 第1土, 最終金曜, 毎月第3水曜;
* times: 9:00-17:00, 9時〜17時半, 22:00〜翌2:00, 24時間 (終日);
* the public-holiday rule: 祝日休み / 祝日も開所 (also 「土日祝」 in the days).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from directory import hours as opening_hours

WEEKDAYS = "月火水木金土日"
_SEGMENT_SPLIT = re.compile(r"[／/;；\n]+")
_RANGE = "[~〜\\-－–—―ー−]"
_TIME = r"(翌)?(\d{1,2})(?:[:：](\d{2})|時(?:(\d{1,2})分|(半))?)?"
# Where the times start: a number followed by ":" or 時 or a range (第2 is a day, not a time).
_TIMES_START = re.compile(rf"(?<![第\d])翌?\d{{1,2}}(?=\s*(?:[:：時]|{_RANGE}\s*\d))|24時間|終日")
_TIME_RANGE = re.compile(rf"^{_TIME}\s*{_RANGE}\s*{_TIME}$")
_ALL_DAY = ("24時間", "終日")
_HOLIDAYS_CLOSED = ("祝日休み", "祝日は休み", "祝日休業", "祝日は休業", "祝休み", "祝日除く")
_HOLIDAYS_OPEN = ("祝日も開所", "祝日も開いています", "祝日も開く", "祝日も受付", "祝日も営業")


class HoursError(ValueError):
    """The text cannot be read; the message says what to write instead."""


@dataclass
class ParsedHours:
    schedules: list[dict[str, Any]] = field(default_factory=list)
    # True: 祝日休み, False: open on public holidays, None: the text does not say.
    closed_on_public_holidays: bool | None = None


def parse(text: str) -> ParsedHours:
    """HSDS schedules from ``text``; raises HoursError with a message for the person."""
    result = ParsedHours()
    normalized = unicodedata.normalize("NFKC", text or "").replace("～", "~")
    for raw in _SEGMENT_SPLIT.split(normalized):
        segment = raw.strip().strip("。")
        if not segment:
            continue
        compact = re.sub(r"\s+", "", segment)
        if compact in _HOLIDAYS_CLOSED:
            result.closed_on_public_holidays = True
            continue
        if compact in _HOLIDAYS_OPEN:
            result.closed_on_public_holidays = False
            continue
        result.schedules += _segment(segment, result)
    rules = opening_hours.from_hsds_schedules(result.schedules)
    for rule in rules:
        messages = opening_hours.validate_rule(rule)
        if messages:
            raise HoursError(" ".join(str(m) for m in messages))
    return result


def _segment(segment: str, result: ParsedHours) -> list[dict[str, Any]]:
    match = _TIMES_START.search(segment)
    if match is None:
        raise HoursError(
            _("「%(text)s」に時間がありません。「月〜金 9:00-17:00」のように書いてください")
            % {"text": segment}
        )
    days_text, times_text = segment[: match.start()].strip(), segment[match.start() :].strip()
    if not days_text:
        raise HoursError(
            _("「%(text)s」に曜日がありません。「月〜金 9:00-17:00」のように書いてください")
            % {"text": segment}
        )
    freq, byday, holidays_open = _days(days_text)
    if holidays_open:
        result.closed_on_public_holidays = False
    schedules = []
    for piece in re.split(r"[、,]|\s+", times_text):
        piece = piece.strip()
        if not piece:
            continue
        opens, closes = _times(piece)
        schedules.append(
            {"freq": freq, "byday": byday, "opens_at": opens, "closes_at": closes, "timezone": 9}
        )
    return schedules


def _days(text: str) -> tuple[str, str, bool]:
    """(freq, byday, open on public holidays) for the days part."""
    text = re.sub(r"曜日?", "", text)
    holidays_open = False
    if text.endswith(("祝日", "祝")):
        holidays_open = True
        text = text.removesuffix("日").removesuffix("祝").rstrip("・、,")
    text = text.removeprefix("毎月").removeprefix("毎週")
    words = {"毎日": "月火水木金土日", "平日": "月火水木金", "土日": "土日", "週末": "土日"}
    if text in words:
        text = words[text]
    if "第" in text or "最終" in text:
        return "MONTHLY", _monthly(text), holidays_open
    days: list[int] = []
    remaining = re.sub(r"[・、,\s]", "", text)
    while remaining:
        range_match = re.match(rf"^([{WEEKDAYS}]){_RANGE}([{WEEKDAYS}])", remaining)
        if range_match:
            start = WEEKDAYS.index(range_match.group(1))
            end = WEEKDAYS.index(range_match.group(2))
            span = range(start, end + 1) if start <= end else [*range(start, 7), *range(end + 1)]
            days += list(span)
            remaining = remaining[range_match.end() :]
        elif remaining[0] in WEEKDAYS:
            days.append(WEEKDAYS.index(remaining[0]))
            remaining = remaining[1:]
        else:
            raise _days_error(text)
    codes = [opening_hours.WEEKDAY_CODES[d] for d in dict.fromkeys(days)]
    return "WEEKLY", ",".join(codes), holidays_open


def _monthly(text: str) -> str:
    """「第2・第4土」「第1・3水」「最終金」 → ``2SA,4SA``; several weekdays may follow each other."""
    tokens: list[str] = []
    for part in re.finditer(rf"((?:(?:第?\d|最終)[・、,]?)+)([{WEEKDAYS}])", text):
        ordinals = re.findall(r"\d|最終", part.group(1))
        weekday = opening_hours.WEEKDAY_CODES[WEEKDAYS.index(part.group(2))]
        tokens += [f"{'-1' if o == '最終' else o}{weekday}" for o in ordinals]
    leftover = re.sub(rf"((?:(?:第?\d|最終)[・、,]?)+)([{WEEKDAYS}])|[・、,\s]", "", text)
    if not tokens or leftover:
        raise _days_error(text)
    return ",".join(dict.fromkeys(tokens))


def _days_error(text: str) -> HoursError:
    return HoursError(
        _(
            "曜日「%(text)s」を読めません。「月〜金」「月・水・金」「平日」「土日」「毎日」"
            "「第2・第4土曜」のように書いてください"
        )
        % {"text": text}
    )


def _times(text: str) -> tuple[str, str]:
    if text in _ALL_DAY:
        return "00:00", "00:00"
    match = _TIME_RANGE.match(text)
    if match is None:
        raise HoursError(
            _("時間「%(text)s」を読めません。「9:00-17:00」「10時〜12時」のように書いてください")
            % {"text": text}
        )
    groups = match.groups()
    opens = _clock(groups[1:5], text)
    closes = _clock(groups[6:10], text)
    return opens, closes


def _clock(parts: tuple[str | None, ...], text: str) -> str:
    hour_text, minute_colon, minute_kanji, half = parts
    hour = int(hour_text or 0)
    minute = int(minute_colon or minute_kanji or 0) + (30 if half else 0)
    if hour == 24 and minute == 0:
        return "24:00"
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise HoursError(_("時刻「%(text)s」が正しくありません") % {"text": text})
    return f"{hour:02d}:{minute:02d}"


# --- writing (the template export) --------------------------------------------------------


def format_schedules(schedules: list[dict[str, Any]]) -> str:
    """「月・水・金 09:00-12:00、13:00-17:00／第2土・第4土 10:00-14:00」, readable back."""
    groups: dict[tuple[str, str], list[str]] = {}
    for schedule in schedules:
        key = (str(schedule.get("freq") or "WEEKLY"), str(schedule.get("byday") or ""))
        groups.setdefault(key, []).append(f"{schedule['opens_at']}-{schedule['closes_at']}")
    return "／".join(f"{_days_text(byday)} {'、'.join(t)}" for (_f, byday), t in groups.items())


def _days_text(byday: str) -> str:
    words = []
    for token in byday.split(","):
        match = re.fullmatch(r"([+-]?\d)?([A-Z]{2})", token.strip())
        if match is None:
            continue
        day = WEEKDAYS[opening_hours.WEEKDAY_CODES.index(match.group(2))]
        ordinal = match.group(1)
        words.append(
            day if ordinal is None else f"{'最終' if ordinal == '-1' else '第' + ordinal}{day}"
        )
    return "・".join(words)
