"""Import a filled-in template: read → check and convert → the HSDS importer, all or nothing."""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from directory.hsds.importer import import_path
from directory.hsds.problems import Problem, Report, row_label
from directory.spreadsheet.columns import BY_KEY
from directory.spreadsheet.convert import Converted, convert_rows
from directory.spreadsheet.reader import read_rows

Progress = Callable[[Iterable[Any], str, int], Iterable[Any]]
logger = logging.getLogger(__name__)


def spreadsheet_import(
    *,
    data: bytes,
    filename: str,
    draft: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Check ``data`` (XLSX or CSV) and import it unless anything is wrong.

    With ``dry_run`` the whole import runs, as drafts, in a transaction that is rolled back: the
    report has every problem the real import would have and its created/updated counts.
    """
    report = Report()
    try:
        rows = read_rows(data, filename=filename, report=report)
        if not report.ok:
            return report
        converted = convert_rows(rows, filename=filename, report=report)
        if converted is None or not report.ok:
            return report
        hsds_report = _import(converted, draft=draft, dry_run=dry_run, progress=progress)
    except Exception as error:  # a bug of ours must still leave the database untouched
        logger.exception("Spreadsheet import of %s failed", filename)
        report.error(
            file=filename,
            where="",
            message=_(
                "取り込み中に予期しないエラーが起きました。何も取り込んでいません（%(detail)s）"
            )
            % {"detail": f"{type(error).__name__}: {error}"},
        )
        return report
    _add_problems(report, hsds_report, converted, filename=filename)
    report.created, report.updated = hsds_report.created, hsds_report.updated
    return report


def _import(
    converted: Converted, *, draft: bool, dry_run: bool, progress: Progress | None
) -> Report:
    """The HSDS importer on the converted services, through its file entry point."""
    with tempfile.TemporaryDirectory(prefix="tsunagu-spreadsheet-") as folder:
        path = Path(folder) / "spreadsheet.json"
        path.write_text(json.dumps(converted.services, ensure_ascii=False), encoding="utf-8")
        if not dry_run:
            return import_path(path, draft=draft, progress=progress)
        with transaction.atomic():
            # Drafts are never indexed, so nothing leaves the rolled-back transaction.
            report = import_path(path, draft=True, progress=progress)
            transaction.set_rollback(True)
        return report


def _add_problems(
    report: Report, hsds_report: Report, converted: Converted, *, filename: str
) -> None:
    """The importer's problems, moved from JSON pointers to sheet rows and column names."""
    for problem in hsds_report.problems:
        place = converted.locate(problem.where)
        if place is None:
            where, column = "", problem.field
        else:
            row, key = place
            where, column = row_label(row), BY_KEY[key].header if key else problem.field
        add = report.error if problem.level == "error" else report.warn
        add(file=filename, where=where, field=column, message=problem.message)
    for level, count in hsds_report.omitted.items():
        report.omitted[level] = report.omitted.get(level, 0) + count


def problem_line(problem: Problem) -> str:
    """「エラー: list.xlsx 3 行目『郵便番号』: 7桁の数字で書いてください」"""
    label = _("エラー") if problem.level == "error" else _("警告")
    place = " ".join(p for p in (problem.file, problem.where) if p)
    column = f"『{problem.field}』" if problem.field else ""
    return f"{label}: {place}{column}: {problem.message}"
