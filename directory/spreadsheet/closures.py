"""The 休業期間 column: date ranges, one a line, 「2025-12-29〜2026-01-03 年末年始」, both ways.

A single day may be written alone (「2026-05-01 棚卸し」). Dates may use / or . and full-width
digits. Each range is checked by the one closure rule, ``directory.hours.validate_closure``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from directory import hours as opening_hours
from directory.hsds import extensions as ext
from directory.spreadsheet.values import CellError

_DATE = r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
_RANGE = re.compile(rf"^{_DATE}(?:\s*[~〜\-－–—ー]\s*{_DATE})?\s*(.*)$")


def parse(text: str) -> list[dict[str, Any]]:
    """Closures as HSDS ``closure`` extension values; raises CellError for the person."""
    closures = []
    for line in re.split(r"[\n／;]+", unicodedata.normalize("NFKC", text or "")):
        line = line.strip()
        if not line:
            continue
        match = _RANGE.match(line.replace("～", "~"))
        if match is None:
            raise CellError(
                _(
                    "休業期間「%(text)s」を読めません。「2025-12-29〜2026-01-03 年末年始」のように書いてください"
                )
                % {"text": line}
            )
        parts = match.groups()
        try:
            start = date(int(parts[0]), int(parts[1]), int(parts[2]))
            end = date(int(parts[3]), int(parts[4]), int(parts[5])) if parts[3] else start
            opening_hours.validate_closure(start_date=start, end_date=end)
        except ValueError as error:
            raise CellError(_("日付「%(text)s」が正しくありません") % {"text": line}) from error
        except ValidationError as error:
            raise CellError(" ".join(error.messages)) from error
        closures.append(
            {
                "start_date": start.isoformat(),
                "end_date": end.isoformat(),
                "description": parts[6].strip(),
            }
        )
    return closures


def format_closures(closures: list[Any]) -> str:
    """Stored closures (with start_date, end_date, description) as the column's text."""
    lines = []
    for closure in closures:
        days = closure.start_date.isoformat()
        if closure.end_date != closure.start_date:
            days += f"〜{closure.end_date.isoformat()}"
        lines.append(f"{days} {closure.description}".strip())
    return "\n".join(lines)


def attribute(link_id: str, entity: str, code: str, value: str) -> dict[str, Any]:
    """One HSDS extension attribute of the template's services and organizations."""
    extension = ext.BY_CODE[code]
    return {
        "id": ext.derived_id("attribute", link_id, code, value),
        "link_id": link_id,
        "link_type": code,
        "link_entity": entity,
        "taxonomy_term_id": str(extension.term_id),
        "value": value,
        "taxonomy_term": ext.term_object(extension),
    }
