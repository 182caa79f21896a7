"""HSDS as a tabular data package: CSV files described by datapackage.json.

Writing flattens nested HSDS objects into one CSV per resource; reading checks each row against
the datapackage's field types and constraints, then nests the rows again (children found by
their ``<parent>_id``, attributes by ``link_id``), so the importer sees the same objects as
from a JSON file. Which property nests which resource is read from the schema files, not
written out by hand.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from directory.csv_safety import csv_cell, csv_value
from directory.hsds.encoding import decode
from directory.hsds.problems import Report, row_label
from directory.hsds.validation import SCHEMA_DIR

SOURCE = "_source"  # (file, row) of an object read from CSV, for messages; never exported


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    fields: tuple[dict[str, Any], ...]

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.fields]


@cache
def datapackage() -> dict[str, Any]:
    with (SCHEMA_DIR / "datapackage.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def resources() -> dict[str, Resource]:
    return {
        r["name"]: Resource(r["name"], r["path"], tuple(r["schema"]["fields"]))
        for r in datapackage()["resources"]
    }


@cache
def _entity_schema(name: str) -> dict[str, Any]:
    with (SCHEMA_DIR / f"{name}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def nested(name: str) -> tuple[tuple[str, str, bool], ...]:
    """(property, child resource, is_list) for each nested object property of a resource."""
    result = []
    for prop, spec in _entity_schema(name).get("properties", {}).items():
        ref = spec.get("$ref") or (spec.get("items") or {}).get("$ref")
        if ref and ref.endswith(".json"):
            child = ref.removesuffix(".json")
            if child in resources() and child != "metadata":
                result.append((prop, child, spec.get("type") == "array"))
    return tuple(result)


# --- writing -------------------------------------------------------------------------------


def _cell(value: Any, field_type: str) -> str:
    if value is None:
        return ""
    if field_type == "time" and isinstance(value, str) and re.fullmatch(r"\d{2}:\d{2}", value):
        return value + ":00"  # frictionless "time" is HH:MM:SS
    if isinstance(value, bool):
        return "true" if value else "false"
    return csv_cell(str(value))


class TableWriter:
    """Collects rows per resource from nested objects, each record once (first one wins)."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)

    def add(self, name: str, obj: dict[str, Any], parent: tuple[str, str] | None = None) -> None:
        resource = resources()[name]
        row = {f: obj.get(f) for f in resource.field_names}
        if parent is not None:
            parent_name, parent_id = parent
            link = f"{parent_name}_id"
            if link in row and not row[link]:
                row[link] = parent_id
            if name == "attribute" and not row.get("link_id"):
                row["link_id"], row["link_entity"] = parent_id, parent_name
        if name == "taxonomy_term" and not row.get("taxonomy_id") and obj.get("taxonomy_detail"):
            row["taxonomy_id"] = obj["taxonomy_detail"].get("id")
        self.rows[name].setdefault(str(obj["id"]), row)
        for prop, child, is_list in nested(name):
            value = obj.get(prop)
            children = value if is_list else [value]
            for item in children or []:
                if isinstance(item, dict) and item.get("id"):
                    self.add(child, item, (name, str(obj["id"])))
        if name == "service" and isinstance(obj.get("organization"), dict):
            self.add("organization", obj["organization"])
        if name == "organization":
            for service in obj.get("services") or []:
                self.add("service", service, ("organization", str(obj["id"])))

    def write(self, folder: Path) -> list[Path]:
        """One CSV per resource of the HSDS datapackage (header only when empty), UTF-8."""
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for resource in resources().values():
            target = folder / resource.path
            with target.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(resource.field_names)
                types = [f["type"] for f in resource.fields]
                for row in self.rows.get(resource.name, {}).values():
                    writer.writerow(
                        _cell(row.get(name), t)
                        for name, t in zip(resource.field_names, types, strict=True)
                    )
            written.append(target)
        package = {k: v for k, v in datapackage().items()}
        package["created"] = datetime.now().astimezone().isoformat(timespec="seconds")
        (folder / "datapackage.json").write_text(
            json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        return written


# --- reading -------------------------------------------------------------------------------


def _parse(value: str, field: dict[str, Any]) -> tuple[Any, str | None]:
    """The typed value of a CSV cell and, when unreadable, why."""
    kind = field["type"]
    if kind == "number":
        try:
            number = float(value.replace(",", ""))
        except ValueError:
            return None, _("数値ではありません")
        if number != number or number in (float("inf"), float("-inf")):
            return None, _("数値ではありません")
        return (int(number) if number.is_integer() else number), None
    if kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return None, _("日付は YYYY-MM-DD で書いてください")
    elif kind == "datetime":
        try:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None, _("日時は ISO 8601 で書いてください（例: 2025-04-01T09:00:00+09:00）")
    elif kind == "time":
        if not re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?", value):
            return None, _("時刻は HH:MM で書いてください")
    if field.get("format") == "uuid":
        try:
            uuid.UUID(value)
        except ValueError:
            return None, _("ID は UUID で書いてください: %(value)s") % {"value": value[:60]}
    enum = field.get("constraints", {}).get("enum")
    if enum and value not in enum:
        return None, _("使えない値です: %(value)s（使える値: %(allowed)s）") % {
            "value": value[:60],
            "allowed": ", ".join(enum),
        }
    return value, None


def _records(
    text: str, *, file: str, report: Report, broken: set[str]
) -> Iterator[tuple[int, list[str]]]:
    """CSV records with their line numbers; broken quoting is reported and ends the file."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            report.error(
                file=file,
                where=row_label(start),
                message=_(
                    'CSV の引用符（"）の使い方が正しくないため、ここから先を読めません'
                    "（%(detail)s）"
                )
                % {"detail": error},
            )
            broken.add(file)
            return
        yield reader.line_num, record


def read_table(
    folder: Path, resource: Resource, *, report: Report, broken: set[str]
) -> list[dict[str, Any]] | None:
    """Typed rows of one CSV file (None when the file is absent)."""
    path = folder / resource.path
    if not path.exists():
        return None
    text = decode(path.read_bytes(), file=resource.path, report=report)
    if text is None:
        broken.add(resource.path)
        return []
    records = _records(text, file=resource.path, report=report, broken=broken)
    header_record = next(records, None)
    if header_record is None:
        return []
    header = [h.strip() for h in header_record[1]]
    fields = {f["name"]: f for f in resource.fields}
    unknown = [h for h in header if h and h not in fields]
    if unknown:
        report.warn(
            file=resource.path,
            where=row_label(1),
            message=_("HSDS にない列は読み飛ばしました: %(columns)s")
            % {"columns": ", ".join(unknown)},
        )
    missing = [
        name
        for name, f in fields.items()
        if f.get("constraints", {}).get("required") and name not in header
    ]
    for name in missing:
        report.error(
            file=resource.path, where=row_label(1), field=name, message=_("必須の列がありません")
        )
    if missing:
        return []
    rows = []
    seen: dict[str, int] = {}
    for line, record in records:
        if not any(cell.strip() for cell in record):
            continue
        where = row_label(line)
        if len(record) < len(header):
            # Trailing empty cells left out (Open Referral's taxonomy_terms.csv example):
            # read as empty, the same as a spreadsheet does.
            report.warn(
                file=resource.path,
                where=where,
                message=_(
                    "列が足りない行のため、足りない列は空として読みました（見出し %(header)s 列、この行 %(row)s 列）"
                )
                % {"header": len(header), "row": len(record)},
            )
            record = [*record, *([""] * (len(header) - len(record)))]
        if len(record) != len(header):
            report.error(
                file=resource.path,
                where=where,
                message=_("列の数が見出しと違います（見出し %(header)s 列、この行 %(row)s 列）")
                % {"header": len(header), "row": len(record)},
            )
            continue
        row: dict[str, Any] = {SOURCE: (resource.path, where)}
        for name, raw in zip(header, record, strict=True):
            field = fields.get(name)
            value = csv_value(raw.strip())  # the ' that csv_cell put before a formula-like cell
            if field is None:
                continue
            if not value:
                if field.get("constraints", {}).get("required"):
                    report.error(
                        file=resource.path,
                        where=where,
                        field=name,
                        message=_("必須の項目が空です"),
                    )
                continue
            parsed, problem = _parse(value, field)
            if problem:
                report.error(file=resource.path, where=where, field=name, message=problem)
                continue
            row[name] = parsed
        row_id = row.get("id")
        if row_id:
            if row_id in seen:
                report.error(
                    file=resource.path,
                    where=where,
                    field="id",
                    message=_("同じ ID が %(line)s 行目にもあります") % {"line": seen[row_id]},
                )
                continue
            seen[row_id] = line
            rows.append(row)
    return rows


@dataclass
class Package:
    """HSDS objects read from a file, nested; services name their organization by id."""

    organizations: list[dict[str, Any]]
    services: list[dict[str, Any]]
    taxonomy_terms: list[dict[str, Any]]


def read_package(folder: Path, *, report: Report) -> Package:
    """Organizations, services and taxonomy terms nested from a folder of HSDS CSV files."""
    tables: dict[str, list[dict[str, Any]]] = {}
    broken: set[str] = set()
    for resource in resources().values():
        rows = read_table(folder, resource, report=report, broken=broken)
        if rows is not None:
            tables[resource.name] = rows
    if not tables:
        report.error(
            file=str(folder),
            where="",
            message=_("HSDS の CSV ファイル（organizations.csv, services.csv など）がありません"),
        )
        return Package([], [], [])
    if broken:
        return Package([], [], [])  # rows of a broken file are missing: no noise about orphans
    return _assemble(tables, report=report)


def _assemble(tables: dict[str, list[dict[str, Any]]], *, report: Report) -> Package:
    by_id = {name: {row["id"]: row for row in rows} for name, rows in tables.items()}
    children: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    used: set[tuple[str, str]] = set()
    parent_kinds = {parent for parent in resources() for _p, _c, _l in nested(parent)}
    for name, rows in tables.items():
        for row in rows:
            if name == "attribute":
                entity = str(row.get("link_entity", ""))
                children[(entity, str(row.get("link_id")), name)].append(row)
                continue
            for parent in parent_kinds:
                link = row.get(f"{parent}_id")
                if link and (parent, name) in _list_links():
                    children[(parent, str(link), name)].append(row)

    def build(name: str, row: dict[str, Any], depth: int = 0) -> dict[str, Any]:
        obj = dict(row)
        used.add((name, str(row["id"])))
        if depth > 6:
            return obj
        for prop, child, is_list in nested(name):
            if is_list:
                items = children.get((name, str(row["id"]), child), [])
                obj[prop] = [build(child, item, depth + 1) for item in items]
            else:
                link = row.get(f"{child}_id")
                target = by_id.get(child, {}).get(link) if link else None
                if target is not None:
                    obj[prop] = build(child, target, depth + 1)
        if name == "taxonomy_term" and row.get("taxonomy_id") in by_id.get("taxonomy", {}):
            obj["taxonomy_detail"] = dict(by_id["taxonomy"][row["taxonomy_id"]])
        return obj

    services = []
    for row in tables.get("service", []):
        service = build("service", row)
        service.pop("organization", None)  # joined again by the importer, from organization_id
        services.append(service)
    organizations = [build("organization", row) for row in tables.get("organization", [])]
    terms = [build("taxonomy_term", row) for row in tables.get("taxonomy_term", [])]
    _report_orphans(tables, used, report=report)
    return Package(organizations=organizations, services=services, taxonomy_terms=terms)


@cache
def _list_links() -> frozenset[tuple[str, str]]:
    return frozenset(
        (parent, child)
        for parent in resources()
        for _prop, child, is_list in nested(parent)
        if is_list
    )


def _report_orphans(
    tables: dict[str, list[dict[str, Any]]], used: set[tuple[str, str]], *, report: Report
) -> None:
    """Rows that hang from nothing in the package (a dangling ``*_id`` or ``link_id``).

    Errors, or warnings and skipped under ``Report.lenient_links``.
    """
    standalone = {"organization", "service", "taxonomy", "taxonomy_term"}
    ids = {name: {str(row["id"]) for row in rows} for name, rows in tables.items()}
    for name, rows in tables.items():
        if name in standalone or name in ("metadata", "meta_table_description", "program"):
            continue
        for row in rows:
            if (name, str(row["id"])) in used:
                continue
            file, where = row[SOURCE]
            if name == "location":
                report.dangling(
                    file=file,
                    where=where,
                    field="id",
                    message=_("どの団体・支援ともつながっていない拠点のため読み飛ばしました"),
                )
                continue
            if _parent_present(name, row, ids):
                continue  # its parent row is there: reported (or used) on its own
            links = [f for f in resources()[name].field_names if f.endswith("_id") and row.get(f)]
            if name == "attribute":
                links = ["link_id"]
            field = links[0] if links else ""
            # The row points at nothing in the package, so there is nothing to attach it to;
            # an error, or (lenient) reported and not imported. Open Referral's own example
            # package has such rows (examples/csv/schedules.csv, funding.csv).
            report.dangling(
                file=file,
                where=where,
                field=field,
                message=_(
                    "%(field)s「%(value)s」が指す行がこのパッケージにないため読み飛ばしました"
                )
                % {"field": field, "value": row.get(field, "")},
            )


def _parent_present(name: str, row: dict[str, Any], ids: dict[str, set[str]]) -> bool:
    """Whether a row this one nests under is in the package (then that row is the news)."""
    return any(
        (parent, name) in _list_links() and str(row.get(f"{parent}_id")) in ids.get(parent, ())
        for parent in resources()
        if row.get(f"{parent}_id")
    )


def strip_sources(obj: Any) -> Any:
    """Objects without the ``_source`` bookkeeping (for comparing and re-exporting)."""
    if isinstance(obj, dict):
        return {k: strip_sources(v) for k, v in obj.items() if k != SOURCE}
    if isinstance(obj, list):
        return [strip_sources(v) for v in obj]
    return obj
