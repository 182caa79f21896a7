"""How much input the site accepts, in one place: uploads, rows, cells, text, error lines.

Each limit can be overridden in settings (``INPUT_LIMITS = {"spreadsheet_rows": 10_000}``) and
is read when used, never at import. The figures come from issue 13: a 1.9 MB XLSX that unpacked
to 300k rows ran an import for 8 minutes at 2.8 GB, a 17.8M-character description made a 53 MB
page and broke the search index. Real lists from a municipality are a few hundred rows.

``control_characters`` is the one rule for text: NUL and the other C0/C1 control characters
(PostgreSQL refuses NUL; the others are invisible and break CSV, JSON and search) are refused
in every text input; tab, line feed and carriage return are text.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings

DEFAULTS: dict[str, int] = {
    # bytes of one uploaded file (spreadsheet import)
    "upload_bytes": 10 * 1024 * 1024,
    # data rows of one spreadsheet
    "spreadsheet_rows": 5_000,
    # cells of one spreadsheet (rows × columns, counted while reading)
    "spreadsheet_cells": 200_000,
    # characters of one cell or one imported text value
    "cell_chars": 10_000,
    # characters of a long text field (説明 and the other free-text fields)
    "long_text_chars": 10_000,
    # bytes of an XLSX once unzipped, and its largest member
    "xlsx_unzipped_bytes": 50 * 1024 * 1024,
    # lines of problems a report lists before "…and N more"
    "report_lines": 200,
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def limit(name: str) -> int:
    """The limit ``name`` (see ``DEFAULTS``), as overridden by ``settings.INPUT_LIMITS``."""
    overrides: dict[str, Any] = getattr(settings, "INPUT_LIMITS", {}) or {}
    return int(overrides.get(name, DEFAULTS[name]))


def control_characters(text: str) -> bool:
    """Whether ``text`` holds NUL or another control character (tab and newlines are fine)."""
    return _CONTROL.search(text) is not None
