"""CSV and XLSX of the dashboard's tables, already suppressed (exports show 「5未満」 too)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from dashboard.tables import Table
from directory.csv_safety import csv_cell


def _cell(value) -> object:
    """A number stays a number; text (provider names come from providers) is formula-safe."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    return csv_cell(str(value))


def as_csv(tables: Iterable[Table], *, name: str, period: str = "") -> HttpResponse:
    """Every table as a title row (title, period), a header row and its rows."""
    buffer = io.StringIO()
    # A BOM so that Excel (what most municipal offices open CSV with) reads UTF-8.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for i, table in enumerate(tables):
        if i:
            writer.writerow([])
        writer.writerow([_cell(table.title), _cell(period)])
        writer.writerow([_cell(c) for c in table.columns])
        writer.writerows([[_cell(v) for v in row] for row in table.rows])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(name, "csv")}"'
    return response


def as_xlsx(tables: Iterable[Table], *, name: str, period: str = "") -> HttpResponse:
    """A sheet per table: a title row (title, period), a header row and its rows."""
    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(title=table.name[:31])
        sheet.append([_cell(table.title), _cell(period)])
        sheet.append([_cell(c) for c in table.columns])
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(name, "xlsx")}"'
    return response


def _filename(name: str, extension: str) -> str:
    return f"dashboard-{name}-{timezone.localdate().isoformat()}.{extension}"
