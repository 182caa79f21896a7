"""What an import found wrong, said so that the person who keeps the file can fix it.

Every problem names the file, the place in it (a JSON pointer or a CSV row) and the field.
Errors stop the import (nothing is written); warnings are values we could not use and left
empty while the rest was imported. Messages are Japanese msgids (English comes from the .po).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from directory.hsds.validation import SchemaError
from directory.input_limits import limit


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    level: Level
    file: str
    where: str  # "/0/service_at_locations/1/location/latitude" or "行 12"
    field: str
    message: str

    def __str__(self) -> str:
        label = _("エラー") if self.level == Level.ERROR else _("警告")
        place = " ".join(p for p in (self.file, self.where) if p)
        subject = f" [{self.field}]" if self.field else ""
        return f"{label}: {place}{subject}: {self.message}"


# The order a summary lists kinds in (others follow alphabetically).
KIND_ORDER = ("organization", "service", "location")


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    # A dangling id is an error (the rule). ``lenient_links`` (``--lenient-links``)
    # makes the optional links among them (a location's organization, a term's parent, a row
    # that hangs from nothing) warnings, the link left empty: real feeds, Open Referral's own
    # examples included, have them.
    lenient_links: bool = False
    # Problems past ``input_limits`` "report_lines" are only counted, by level: a broken file
    # of 300k rows must not become millions of lines (issue 13).
    omitted: dict[Level, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == Level.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == Level.WARNING]

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.omitted.get(Level.ERROR, 0)

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + self.omitted.get(Level.WARNING, 0)

    @property
    def ok(self) -> bool:
        return not self.error_count

    @property
    def more(self) -> str:
        """「…ほか 12 件」 when problems were left out of the list, else ""."""
        count = sum(self.omitted.values())
        return _("…ほか %(count)s 件") % {"count": f"{count:,}"} if count else ""

    def add(self, problem: Problem) -> None:
        if len(self.problems) < limit("report_lines"):
            self.problems.append(problem)
        else:
            self.omitted[problem.level] = self.omitted.get(problem.level, 0) + 1

    def error(self, *, file: str, where: str, field: str = "", message: str) -> None:
        self.add(Problem(Level.ERROR, file, where, field, message))

    def warn(self, *, file: str, where: str, field: str = "", message: str) -> None:
        self.add(Problem(Level.WARNING, file, where, field, message))

    def dangling(self, *, file: str, where: str, field: str = "", message: str) -> None:
        """An optional link to nothing: an error, or a warning under ``lenient_links``."""
        record = self.warn if self.lenient_links else self.error
        record(file=file, where=where, field=field, message=message)

    def summary(self) -> str:
        """「団体 新規 1 件・更新 0 件、支援 …」: what an import created and updated, by kind."""
        kinds = [k for k in KIND_ORDER if k in self.created or k in self.updated]
        kinds += sorted((set(self.created) | set(self.updated)) - set(KIND_ORDER))
        return pgettext("列挙の区切り", "、").join(
            _("%(kind)s 新規 %(created)s 件・更新 %(updated)s 件")
            % {
                "kind": kind_label(kind),
                "created": self.created.get(kind, 0),
                "updated": self.updated.get(kind, 0),
            }
            for kind in kinds
        )

    def count(self, kind: str, *, created: bool) -> None:
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1


def row_label(row: int) -> str:
    return _("%(row)s 行目") % {"row": row}


def row_order(problem: Problem) -> int:
    """Problems sorted by row; those about the whole file (no row) first."""
    match = re.search(r"\d+", problem.where)
    return int(match.group()) if match else 0


def _show(value: Any) -> str:
    # The quotation marks are the reader's: 「」 in Japanese, “” in English (from the .po).
    text = repr(value) if not isinstance(value, str) else _("「%(value)s」") % {"value": value}
    return text if len(text) <= 60 else text[:57] + "…"


_TYPE_NAMES = {
    "string": gettext_noop("文字列"),
    "number": gettext_noop("数値"),
    "integer": gettext_noop("整数"),
    "boolean": gettext_noop("真偽値（true/false）"),
    "array": gettext_noop("配列（リスト）"),
    "object": gettext_noop("オブジェクト"),
    "null": "null",
}


def schema_message(error: SchemaError) -> str:
    """A schema violation in the reader's language."""
    params = error.params
    if error.rule == "required":
        return _("必須の項目がありません")
    if error.rule == "type":
        expected = params.get("expected")
        names = expected if isinstance(expected, list) else [expected]
        return _("型が違います。%(expected)s で書いてください（値: %(value)s）") % {
            "expected": " / ".join(_(_TYPE_NAMES.get(str(n), str(n))) for n in names),
            "value": _show(params.get("value")),
        }
    if error.rule == "enum":
        return _("使えない値です: %(value)s（使える値: %(allowed)s）") % {
            "value": _show(params.get("value")),
            "allowed": ", ".join(str(a) for a in params.get("allowed", [])),
        }
    if error.rule == "format":
        if params.get("format") == "uuid":
            return _(
                "ID は UUID で書いてください（例: 0f5f7a7e-4d1c-4b8e-9d0a-2b6a1f0c9e11）: %(value)s"
            ) % {"value": _show(params.get("value"))}
        return _("%(format)s の形式ではありません: %(value)s") % {
            "format": params.get("format"),
            "value": _show(params.get("value")),
        }
    return _("HSDS の規則（%(rule)s）に合いません: %(detail)s") % {
        "rule": error.rule,
        "detail": error.message,
    }


# Wording of recurring messages, kept in one place so that the .po has one entry each.
def msg_dangling(kind: str, value: str) -> str:
    return _("%(kind)s「%(id)s」がファイルにもデータベースにもありません") % {
        "kind": kind_label(kind),
        "id": value,
    }


def msg_dangling_dropped(kind: str, value: str) -> str:
    return _("%(kind)s「%(id)s」がファイルにもデータベースにもないため、つながりを空にしました") % {
        "kind": kind_label(kind),
        "id": value,
    }


def kind_label(kind: str) -> str:
    labels = {
        "organization": _("団体"),
        "service": _("支援"),
        "location": _("拠点"),
        "taxonomy": _("分類体系"),
        "taxonomy_term": _("分類"),
        "service_at_location": _("実施場所"),
    }
    return labels.get(kind, kind)
