"""Opening hours in the open-data columns: 利用可能曜日, 開始時間, 終了時間, 利用可能日時特記事項.

Files in the wild write hours as free text in 利用可能日時特記事項
(「【開館時間】9:00～17:00 【休館日】月曜日、年末年始」). We read what we can into HSDS
schedules with the spreadsheet's hours reader (``directory.spreadsheet.hours_text``, the one
reader of written hours) and keep the rest, word for word, as the hours note (介護 names the note
column 利用可能曜日特記事項 and has no time columns). On export, hours
that fit the three columns (every period the same times, weekly) go there; others are written
in the same text form under 【利用時間】, so that reading our own file gives the same hours.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from directory import hours as opening_hours
from directory.spreadsheet import hours_text

WEEKDAYS = hours_text.WEEKDAYS
HOURS_LABELS = (
    "開館時間",
    "開所時間",
    "利用時間",
    "受付時間",
    "営業時間",
    "開庁時間",
    "利用可能時間",
)
CLOSED_LABELS = ("休館日", "休業日", "定休日", "休所日", "閉館日", "休日")
HOLIDAY_WORDS = ("祝日", "祝休日", "国民の祝日", "祝祭日", "祝日・休日")
HOLIDAYS_OPEN_LABEL = "祝日"
NOTE_LABEL = "備考"
DAYS_LABEL = "利用可能曜日"
_SECTION = re.compile(r"【([^】]+)】")
_SECONDS = re.compile(r"^(\d{1,2}[:：]\d{2})[:：]\d{2}$")


@dataclass
class ReadHours:
    schedules: list[dict[str, Any]] = field(default_factory=list)
    closed_on_public_holidays: bool | None = None
    note: str = ""


def read(*, days: str, opens: str, closes: str, notes: str) -> ReadHours:
    """Hours from the four columns; whatever cannot be read stays in ``note``."""
    result = ReadHours()
    kept: list[str] = []
    closed_weekdays: set[str] = set()
    if opens or closes:
        text = f"{days or '毎日'} {_time(opens)}-{_time(closes)}"
        if not _read_hours(text, result):
            kept.append(" ".join(p for p in (days, opens, closes) if p))
    for label, body in _sections(notes):
        if label is None or label in HOURS_LABELS:
            if body and _read_hours(body, result):
                continue
            if body:
                kept.append(f"【{label}】{body}" if label else body)
        elif label in CLOSED_LABELS:
            rest = _closed_days(body, result, closed_weekdays)
            if rest:
                kept.append(f"【{label}】{rest}")
        elif label == HOLIDAYS_OPEN_LABEL and _word(body) in ("開館", "開所", "営業", "受付"):
            result.closed_on_public_holidays = False
        elif label == NOTE_LABEL:
            if body:
                kept.append(body)
        else:
            kept.append(f"【{label}】{body}")
    if days and not (opens or closes) and not result.schedules:
        # Days without times (介護 files have no time columns) say too little for a schedule.
        kept.insert(0, f"【{DAYS_LABEL}】{days}")
    if closed_weekdays:
        result.schedules = _without_days(result.schedules, closed_weekdays)
    result.note = " ".join(kept)
    return result


def _word(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split()).strip("。")


def _time(text: str) -> str:
    value = _word(text)
    match = _SECONDS.match(value)
    return match.group(1) if match else value


def _sections(text: str) -> list[tuple[str | None, str]]:
    """「前文【開館時間】9:00～17:00 【休館日】月曜日」 → [(None, 前文), (開館時間, …), …]."""
    parts = _SECTION.split(text or "")
    sections: list[tuple[str | None, str]] = []
    if parts[0].strip():
        sections.append((None, parts[0].strip()))
    for index in range(1, len(parts), 2):
        sections.append((_word(parts[index]), parts[index + 1].strip()))
    return sections


def _read_hours(text: str, result: ReadHours) -> bool:
    """Add the schedules of ``text``; times without days mean every day (「9:00～17:00」)."""
    for candidate in (text, f"毎日 {text}"):
        try:
            parsed = hours_text.parse(candidate)
        except hours_text.HoursError:
            continue
        if not parsed.schedules:
            if parsed.closed_on_public_holidays is None:
                return False
            # 「祝日は休み」 alone: the rule is read, there is nothing left to keep.
            result.closed_on_public_holidays = parsed.closed_on_public_holidays
            return True
        result.schedules += parsed.schedules
        if parsed.closed_on_public_holidays is not None:
            result.closed_on_public_holidays = parsed.closed_on_public_holidays
        return True
    return False


def _closed_days(text: str, result: ReadHours, closed: set[str]) -> str:
    """Weekdays and 祝日 of a 休館日 list are read; the rest (年末年始 …) is returned as written."""
    rest = []
    for item in re.split(r"[、,，/／\s]+", unicodedata.normalize("NFKC", text or "")):
        item = item.strip("。")
        parts = [p for p in item.split("・") if p]
        # 「土曜日・日曜日・祝日」 is three closed days; 「第2・第4月曜日」 stays whole, as a note.
        if not parts or not all(_closed_day(p, result, closed, dry=True) for p in parts):
            parts = [item] if item else []
        for word in parts:
            if _closed_day(word, result, closed, dry=False):
                continue
            # 「月曜日(祝日の場合は翌日)」: Monday is closed; the exception stays in the note.
            exception = re.fullmatch(rf"([{WEEKDAYS}])曜?日?\(.+\)", word)
            if exception:
                closed.add(opening_hours.WEEKDAY_CODES[WEEKDAYS.index(exception.group(1))])
            rest.append(word)
    return "、".join(rest)


def _closed_day(word: str, result: ReadHours, closed: set[str], *, dry: bool) -> bool:
    """Read ``word`` as a closed weekday or 祝日; False (and nothing changed) when it is not."""
    day = re.sub(r"曜日?$", "", word)
    if len(day) == 1 and day in WEEKDAYS:
        if not dry:
            closed.add(opening_hours.WEEKDAY_CODES[WEEKDAYS.index(day)])
        return True
    if word in HOLIDAY_WORDS:
        if not dry:
            result.closed_on_public_holidays = True
        return True
    return False


def _without_days(schedules: list[dict[str, Any]], closed: set[str]) -> list[dict[str, Any]]:
    kept = []
    for schedule in schedules:
        if schedule.get("freq") != "WEEKLY":
            kept.append(schedule)
            continue
        days = [d for d in str(schedule.get("byday") or "").split(",") if d and d not in closed]
        if days:
            kept.append({**schedule, "byday": ",".join(days)})
    return kept


# --- writing ---------------------------------------------------------------------------------


@dataclass
class WrittenHours:
    days: str = ""
    opens: str = ""
    closes: str = ""
    notes: str = ""


def write(
    *,
    schedules: list[dict[str, Any]],
    closed_on_public_holidays: bool | None,
    note: str,
    with_times: bool = True,
) -> WrittenHours:
    """The hours columns for HSDS ``schedules``, the 祝日 rule and the hours note.

    利用可能曜日 is the weekdays' kanji run together (「月火水木金」) and the times are hh:mm, as
    the definitions write them. Without time columns (介護), the weekdays still go to 利用可能曜日
    and the whole schedule is written in the note, so that it reads back.
    """
    written = WrittenHours()
    sections = []
    times = {(_hhmm(s.get("opens_at")), _hhmm(s.get("closes_at"))) for s in schedules}
    weekly = all(s.get("freq") == "WEEKLY" and s.get("byday") for s in schedules)
    if schedules and weekly:
        codes = {d for s in schedules for d in str(s["byday"]).split(",")}
        days = "".join(
            WEEKDAYS[i] for i, code in enumerate(opening_hours.WEEKDAY_CODES) if code in codes
        )
        if not with_times:
            written.days = days
        elif len(times) == 1:
            written.days = days
            written.opens, written.closes = next(iter(times))
    if schedules and not written.opens:
        sections.append(f"【利用時間】{hours_text.format_schedules(schedules)}")
    if closed_on_public_holidays is True:
        sections.append("【休館日】祝日")
    elif closed_on_public_holidays is False:
        sections.append("【祝日】開館")
    if note:
        sections.append(f"【{NOTE_LABEL}】{note}")
    written.notes = " ".join(sections)
    return written


def _hhmm(value: Any) -> str:
    """「9:00」「09:00:00」 → 「09:00」 (定義書: 時刻 hh:mm)."""
    text = str(value or "")
    match = re.match(r"^(\d{1,2}):(\d{2})", text)
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else text
