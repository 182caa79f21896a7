"""Stage 1, screen: every text value of the file, before anything is planned.

The rules that hold for any field, so that no importer (HSDS JSON, the tabular package, the
spreadsheet, which goes through here too) stores what the site cannot show or export safely:

* no NUL or other control characters (``input_limits.control_characters``);
* no value longer than ``input_limits`` ``long_text_chars`` (a 17.8M-character description
  made a 53 MB page and broke the search index, issue 13); short fields are cut later to
  their ``max_length`` with a warning, as before;
* a name (``name``, ``alternate_name``) must not start like a spreadsheet formula
  (``csv_safety.formula_start``: ``=``, ``+``, ``@``, tab, or ``-`` not followed by a digit).
  Exports neutralise such cells anyway; refusing them here keeps them out of the directory.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from directory.csv_safety import formula_start
from directory.hsds.problems import Report
from directory.hsds.tabular import SOURCE, Package
from directory.input_limits import control_characters, limit
from directory.validators import msg_control_characters, msg_too_long

NAME_KEYS = ("name", "alternate_name")


def screen_package(package: Package, *, report: Report, default_file: str = "") -> None:
    """Report every text value of ``package`` that breaks one of the rules above."""
    screen = _Screen(report=report, default_file=default_file)
    for obj in (*package.organizations, *package.services, *package.taxonomy_terms):
        screen.value(obj, key="", source=(default_file, ""))


class _Screen:
    def __init__(self, *, report: Report, default_file: str) -> None:
        self.report = report
        self.default_file = default_file
        self.maximum = limit("long_text_chars")

    def value(self, value: Any, *, key: str, source: tuple[str, str]) -> None:
        if isinstance(value, dict):
            inner = value.get(SOURCE, source)
            for name, item in value.items():
                if name != SOURCE:
                    self.value(item, key=name, source=inner)
        elif isinstance(value, list):
            for item in value:
                self.value(item, key=key, source=source)
        elif isinstance(value, str):
            message = self.problem(value, key=key)
            if message:
                file, where = source
                # A JSON pointer names the field in the path; a CSV row names it as the column.
                if where.startswith("/") or where == "":
                    where = f"{where}/{key}"
                self.report.error(
                    file=file or self.default_file, where=where, field=key, message=message
                )

    def problem(self, text: str, *, key: str) -> str:
        if control_characters(text):
            return msg_control_characters()
        if len(text) > self.maximum:
            return msg_too_long(self.maximum)
        if key in NAME_KEYS and formula_start(text.strip()):
            return _(
                "名前を「=」「+」「-」「@」で始めることはできません（表計算ソフトで開くと数式として"
                "動くため）。前に文字を足すか、記号を取ってください"
            )
        return ""
