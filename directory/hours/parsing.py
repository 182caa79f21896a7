"""Reading RFC 5545 BYDAY lists (``MO,TU``, ``2WE``, ``-1FR``) and wall-clock times."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from functools import lru_cache

from directory.hours.timetable import TOKYO, WEEKDAY_CODES

_TOKEN_RE = re.compile(r"^([+-]?\d{1,2})?([A-Z]{2})$")


@dataclass(frozen=True)
class DayToken:
    ordinal: int | None  # None = every such weekday
    weekday: int


@lru_cache(maxsize=512)
def parse_byday(byday: str) -> tuple[tuple[DayToken, ...], tuple[str, ...]]:
    """Split a BYDAY list into tokens, and the raw parts that are not valid RRULE tokens."""
    tokens: list[DayToken] = []
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
        tokens.append(DayToken(ordinal, WEEKDAY_CODES.index(match.group(2))))
    return tuple(tokens), tuple(bad)


def token_code(token: DayToken) -> str:
    prefix = "" if token.ordinal is None else str(token.ordinal)
    return prefix + WEEKDAY_CODES[token.weekday]


def wall_clock(value: time) -> time:
    """Drop seconds and tzinfo: hours are Tokyo wall-clock minutes."""
    return time(value.hour, value.minute)


def to_tokyo(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        return at.replace(tzinfo=TOKYO)
    return at.astimezone(TOKYO)
