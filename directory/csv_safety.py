"""Cells of every CSV and XLSX we write, made safe to open in a spreadsheet program.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel
and LibreOffice as a formula ("CSV injection"): a listing named ``=HYPERLINK(...)`` or
``-2+3+cmd|...`` would run when a coordinator opens an export. As OWASP recommends
(https://owasp.org/www-community/attacks/CSV_Injection), such a cell gets a leading ``'``,
which the spreadsheet shows as text and hides. A plain number such as ``-12.5`` is left alone:
it is not a formula, and a longitude must stay a number.

The importers read the inverse (``csv_value``) and refuse names that start like a formula
(``formula_start``), so a name cannot carry one in the first place.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def csv_cell(value: Any) -> Any:
    """``value`` as written to a CSV or XLSX cell: text that starts like a formula gets a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        if _PLAIN_NUMBER.fullmatch(value):
            return value
        return "'" + value
    return value


def csv_value(text: str) -> str:
    """The inverse of ``csv_cell`` for a cell read back: ``'=1`` → ``=1``, ``'abc`` unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def formula_start(text: str) -> bool:
    """Whether a name would be taken for a formula: ``=``, ``+``, ``@``, tab, CR, or ``-``
    followed by anything but a digit (``-1番`` is a name, ``-cmd`` is not)."""
    if not text:
        return False
    if text[0] == "-":
        return not text[1:2].isdigit()
    return text.startswith(FORMULA_STARTS)
