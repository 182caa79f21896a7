"""An XLSX is sized up before openpyxl opens it: unzipped bytes, then rows of every sheet.

openpyxl reads a whole sheet to find its size when the file does not declare it (55 s for a
1.9 MB file of 300k rows), and an XLSX is a zip that may unpack to gigabytes. So the zip
directory is checked first (nothing inflated; Python's zip reader stops at the declared size,
so a member cannot unpack to more), then each sheet is streamed, and the count stops at the
first row over ``input_limits`` ``spreadsheet_rows``.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree.ElementTree import iterparse

from django.utils.translation import gettext as _

from directory.input_limits import limit

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# Rows holding only formatting do not count as data, but at most this many times the limit
# are read.
BLANK_ROWS_FACTOR = 20


def xlsx_problem(data: bytes) -> str | None:
    """Why ``data`` is too big to open, or None. Raises ``zipfile.BadZipFile`` if not a zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        maximum = limit("xlsx_unzipped_bytes")
        if sum(m.file_size for m in members) > maximum:
            return _(
                "XLSX ファイルの中身が大きすぎます（展開すると %(limit)s MB を超えます）。"
                "分けて取り込んでください"
            ) % {"limit": maximum // (1024 * 1024)}
        for member in members:
            if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
                with archive.open(member) as sheet:
                    if _too_many_rows(sheet):
                        return msg_too_many_rows()
    return None


def msg_too_many_rows() -> str:
    return _("行が多すぎます。1つのファイルは %(limit)s 行までです。分けて取り込んでください") % {
        "limit": f"{limit('spreadsheet_rows'):,}"
    }


def _too_many_rows(sheet: io.BufferedIOBase) -> bool:
    maximum = limit("spreadsheet_rows") + 1  # the header row
    rows = filled = 0
    for _event, element in iterparse(sheet, events=("end",)):
        if element.tag != f"{_MAIN}row":
            continue
        rows += 1
        if element.find(f".//{_MAIN}v") is not None or element.find(f".//{_MAIN}is") is not None:
            filled += 1
        element.clear()
        if filled > maximum or rows > BLANK_ROWS_FACTOR * maximum:
            return True
    return False
