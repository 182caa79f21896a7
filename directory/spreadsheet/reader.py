"""Rows of a filled-in template, from XLSX (openpyxl) or CSV in whatever encoding Excel wrote.

Each row comes back with its sheet row number (the header is row 1), keyed by column key; cells
are text. Empty rows are skipped. Unknown headers are a warning, missing required ones an error.

The file is bounded before and while it is read (``directory.input_limits``): its bytes, the
unzipped size and rows of an XLSX before openpyxl opens it (``xlsx_guard``), the rows and cells
(reading stops at the first one too many), the length of a cell and control characters in it.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.utils.translation import gettext as _

from directory.hsds.encoding import decode
from directory.hsds.problems import Report, row_label
from directory.input_limits import control_characters, limit
from directory.spreadsheet.columns import BY_HEADER, BY_KEY, REQUIRED
from directory.spreadsheet.xlsx_guard import BLANK_ROWS_FACTOR, msg_too_many_rows, xlsx_problem
from directory.validators import msg_control_characters, msg_too_long

EXTENSIONS = (".xlsx", ".csv")


@dataclass
class Row:
    number: int  # 行番号 as the spreadsheet shows it
    cells: dict[str, str]

    def get(self, key: str) -> str:
        return self.cells.get(key, "")


def read_rows(data: bytes, *, filename: str, report: Report) -> list[Row]:
    """The data rows of ``data``; problems with the file itself go into ``report``."""
    if upload_too_large(len(data)):
        report.error(file=filename, where="", message=msg_file_too_large())
        return []
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
        problem = xlsx_problem(data)
        if problem:
            report.error(file=filename, where="", message=problem)
            return None
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
            rows = sheet.iter_rows(values_only=True)
            first = next(rows, None)
            if first and {_header(c) for c in first} & {c.header for c in REQUIRED}:
                return _bounded(first, rows, filename=filename, report=report)
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
        rows = csv.reader(io.StringIO(text, newline=""))
        first = next(rows, None)
        return _bounded(first, rows, filename=filename, report=report) if first else []
    except csv.Error as error:
        report.error(
            file=filename,
            where="",
            message=_("CSV として読めません（%(detail)s）") % {"detail": error},
        )
        return None


def upload_too_large(size: int) -> bool:
    return size > limit("upload_bytes")


def msg_file_too_large() -> str:
    return _("ファイルが大きすぎます（%(limit)s MB まで）。分けて取り込んでください") % {
        "limit": limit("upload_bytes") // (1024 * 1024)
    }


def _bounded(
    header: Iterable[Any], rows: Iterable[Iterable[Any]], *, filename: str, report: Report
) -> list[list[Any]] | None:
    """The header and the rows after it, or None once they pass the row or cell limit.

    Rows are read one by one, so a sheet of 300k rows stops at row ``spreadsheet_rows`` + 2.
    Blank rows (formatting only) are kept, so that row numbers stay right, but do not count;
    at most ``BLANK_ROWS_FACTOR`` times the limit are read."""
    max_rows, max_cells = limit("spreadsheet_rows"), limit("spreadsheet_cells")
    table = [list(header)]
    cells, filled = len(table[0]), 0
    for read, row in enumerate(rows, start=1):
        values = list(row)
        table.append(values)
        if any(v is not None and v != "" for v in values):
            filled += 1
            cells += len(values)
        if filled > max_rows or read > BLANK_ROWS_FACTOR * max_rows:
            report.error(file=filename, where="", message=msg_too_many_rows())
            return None
        if cells > max_cells:
            report.error(
                file=filename,
                where="",
                message=_(
                    "セルが多すぎます。1つのファイルは %(limit)s セルまでです。"
                    "使わない列を消すか、分けて取り込んでください"
                )
                % {"limit": f"{max_cells:,}"},
            )
            return None
    return table


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
            _check_cells(cells, number=number, filename=filename, report=report)
            rows.append(Row(number=number, cells=cells))
    if not rows:
        report.error(file=filename, where="", message=_("2行目から下にデータがありません"))
    return rows


def _check_cells(cells: dict[str, str], *, number: int, filename: str, report: Report) -> None:
    """Every cell within ``cell_chars`` and free of control characters."""
    maximum = limit("cell_chars")
    for key, text in cells.items():
        if len(text) > maximum:
            message = msg_too_long(maximum)
        elif control_characters(text):
            message = msg_control_characters()
        else:
            continue
        report.error(
            file=filename, where=row_label(number), field=BY_KEY[key].header, message=message
        )
