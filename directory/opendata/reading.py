"""Rows of an open-data CSV, whatever its age and encoding: UTF-8 with or without BOM, or
Shift_JIS (``directory.hsds.encoding``), with the current or the earlier 推奨データセット
headers (``columns.OLD_NAMES``). Each row comes back keyed by our header names.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from directory.hsds.encoding import decode
from directory.hsds.problems import Report, row_label
from directory.opendata.columns import CITY_NAME, PREFECTURE_NAME, Dataset, canonical


@dataclass
class Row:
    number: int  # the line of the file; the header is line 1
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


def read_rows(data: bytes, *, filename: str, dataset: Dataset, report: Report) -> list[Row]:
    text = decode(data, file=filename, report=report)
    if text is None:
        return []
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        report.error(
            file=filename,
            where="",
            message=_("CSV として読めません（%(detail)s）") % {"detail": error},
        )
        return []
    if not table:
        report.error(file=filename, where="", message=_("ファイルが空です"))
        return []
    headers = [canonical(h, dataset) for h in table[0]]
    known = {*dataset.keys, PREFECTURE_NAME, CITY_NAME}
    for header in headers:
        if header and header not in known:
            report.warn(
                file=filename,
                where=row_label(1),
                field=header,
                message=_("知らない列のため使いません"),
            )
    if "名称" not in headers:
        report.error(
            file=filename,
            where=row_label(1),
            field="名称",
            message=_("必須の列がありません。標準の見出しをそのまま使ってください"),
        )
        return []
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = {h: v for h, v in zip(headers, values, strict=False) if h}
        if not any(v.strip() for v in cells.values()):
            continue
        if not cells.get("地方公共団体名") and (cells.get(PREFECTURE_NAME) or cells.get(CITY_NAME)):
            cells["地方公共団体名"] = cells.get(PREFECTURE_NAME, "") + cells.get(CITY_NAME, "")
        rows.append(Row(number=number, cells=cells))
    if not rows:
        report.error(file=filename, where="", message=_("2行目から下にデータがありません"))
    return rows
