"""Rows of a filled-in template, from XLSX (openpyxl) or CSV in whatever encoding Excel wrote.

Each row comes back with its sheet row number (the header is row 1), keyed by column key; cells
are text. Empty rows are skipped. Unknown headers are a warning, missing required ones an error.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.utils.translation import gettext as _

from directory.hsds.encoding import decode
from directory.hsds.problems import Report, row_label
from directory.spreadsheet.columns import BY_HEADER, REQUIRED

EXTENSIONS = (".xlsx", ".csv")


@dataclass
class Row:
    number: int  # 行番号 as the spreadsheet shows it
    cells: dict[str, str]

    def get(self, key: str) -> str:
        return self.cells.get(key, "")


def read_rows(data: bytes, *, filename: str, report: Report) -> list[Row]:
    """The data rows of ``data``; problems with the file itself go into ``report``."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix == ".xlsx":
        table = _xlsx_table(data, filename=filename, report=report)
    elif suffix == ".csv":
        table = _csv_table(data, filename=filename, report=report)
    elif suffix == ".xls":
        report.error(
            file=filename,
            where="",
            message=_(
                "Excel 97-2003 形式（.xls）は読めません。"
                "Excel で「Excel ブック（.xlsx）」か「CSV UTF-8」で保存し直してください"
            ),
        )
        return []
    else:
        report.error(
            file=filename,
            where="",
            message=_("取り込めるのは .xlsx と .csv のファイルです"),
        )
        return []
    if table is None:
        return []
    return _rows(table, filename=filename, report=report)


def _xlsx_table(data: bytes, *, filename: str, report: Report) -> list[list[Any]] | None:
    from openpyxl import load_workbook  # 0.1 s to import; only .xlsx uploads need it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        report.error(
            file=filename,
            where="",
            message=_("XLSX ファイルとして読めません。Excel で保存し直してください"),
        )
        return None
    try:
        # The filled-in sheet is the one whose first row has our headers; the template's
        # explanation sheet 「記入例・説明」 is skipped whatever the order of the sheets.
        for sheet in workbook.worksheets:
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            if rows and {_header(c) for c in rows[0]} & {c.header for c in REQUIRED}:
                return rows
    finally:
        workbook.close()
    report.error(
        file=filename,
        where="",
        message=_("「団体名」「サービス名」の見出しがある1行目のシートが見つかりません"),
    )
    return None


def _csv_table(data: bytes, *, filename: str, report: Report) -> list[list[Any]] | None:
    text = decode(data, file=filename, report=report)
    if text is None:
        return None
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as error:
        report.error(
            file=filename,
            where="",
            message=_("CSV として読めません（%(detail)s）") % {"detail": error},
        )
        return None


def _header(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    for mark in ("(必須)", "*", "※"):
        text = text.removesuffix(mark).strip()
    return text


def cell_text(value: Any) -> str:
    """A cell as text: 170.0 → "170", dates as ISO, surrounding spaces dropped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value).strip()


def _rows(table: list[list[Any]], *, filename: str, report: Report) -> list[Row]:
    if not table:
        report.error(file=filename, where="", message=_("ファイルが空です"))
        return []
    keys: list[str | None] = []
    for index, value in enumerate(table[0], start=1):
        header = _header(value)
        column = BY_HEADER.get(header)
        if column is None and header:
            report.warn(
                file=filename,
                where=row_label(1),
                field=header,
                message=_("知らない列のため使いません"),
            )
        if column is not None and column.key in keys:
            report.error(
                file=filename,
                where=row_label(1),
                field=header,
                message=_("同じ見出しの列が2つあります（%(index)s 列目）") % {"index": index},
            )
        keys.append(column.key if column else None)
    for column in REQUIRED:
        if column.key not in keys:
            report.error(
                file=filename,
                where=row_label(1),
                field=column.header,
                message=_("必須の列がありません。テンプレートの見出しをそのまま使ってください"),
            )
    if not report.ok:
        return []
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = {
            key: cell_text(value)
            for key, value in zip(keys, values, strict=False)
            if key is not None
        }
        if any(cells.values()):
            rows.append(Row(number=number, cells=cells))
    if not rows:
        report.error(file=filename, where="", message=_("2行目から下にデータがありません"))
    return rows
