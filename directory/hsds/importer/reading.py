"""Stage 1, read: the HSDS objects of a JSON file or a tabular package, checked against the schemas.

Schema violations are errors, and so is text that breaks the rules of ``screening``. Every object remembers where it came from (``SOURCE``) so that
later messages can name the file and the JSON pointer or CSV row.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from directory.hsds.encoding import decode
from directory.hsds.importer.screening import screen_package
from directory.hsds.problems import Report, schema_message
from directory.hsds.tabular import SOURCE, Package, read_package, resources
from directory.hsds.validation import schema_errors


def read_source(path: Path, *, report: Report) -> Package | None:
    """The HSDS objects in ``path`` (a JSON file, a package folder or its datapackage.json)."""
    if not path.exists():
        report.error(file=str(path), where="", message=_("ファイルが見つかりません"))
        return None
    if path.is_dir():
        return _checked_package(read_package(path, report=report), report=report)
    if path.name == "datapackage.json" or (
        path.suffix.lower() == ".csv" and path.name in {r.path for r in resources().values()}
    ):
        return _checked_package(read_package(path.parent, report=report), report=report)
    if path.suffix.lower() in (".csv", ".xlsx"):
        report.error(
            file=path.name,
            where="",
            message=_(
                "HSDS の CSV はフォルダ（datapackage）で指定してください。"
                "市区町村の一覧表は import_spreadsheet で取り込めます"
            ),
        )
        return None
    text = decode(path.read_bytes(), file=path.name, report=report)
    if text is None:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        report.error(
            file=path.name,
            where=_("%(line)s 行 %(column)s 文字目")
            % {"line": error.lineno, "column": error.colno},
            message=_("JSON として読めません（%(detail)s）") % {"detail": error.msg},
        )
        return None
    return package_from_json(data, file=path.name, report=report)


def _mark(obj: Any, *, file: str, pointer: str) -> None:
    """Remember where each object came from, for messages about it later."""
    if isinstance(obj, dict):
        obj[SOURCE] = (file, pointer)
        for key, value in list(obj.items()):
            if key != SOURCE:
                _mark(value, file=file, pointer=f"{pointer}/{key}")
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            _mark(item, file=file, pointer=f"{pointer}/{index}")


def package_from_json(data: Any, *, file: str, report: Report) -> Package | None:
    """Services and organizations from parsed JSON, checked against the schemas."""
    base = ""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        items, base = data["contents"], "/contents"
    elif isinstance(data, dict):
        items = [data]
    elif isinstance(data, list):
        items = data
    else:
        report.error(
            file=file,
            where="",
            message=_("JSON は支援（service）か団体（organization）の配列にしてください"),
        )
        return None
    organizations_shape = any(isinstance(i, dict) and "services" in i for i in items)
    kind = "organization" if organizations_shape else "service"
    package = Package(organizations=[], services=[], taxonomy_terms=[])
    for index, item in enumerate(items):
        pointer = f"{base}/{index}" if isinstance(data, list) or base else ""
        for error in schema_errors(item, kind=kind, strict=False, pointer=pointer):
            report.error(
                file=file, where=error.pointer, field=error.field, message=schema_message(error)
            )
        if not isinstance(item, dict):
            continue
        _mark(item, file=file, pointer=pointer)
        if organizations_shape:
            services = item.get("services") or []
            organization = {k: v for k, v in item.items() if k != "services"}
            package.organizations.append(organization)
            for service in services if isinstance(services, list) else []:
                if isinstance(service, dict):
                    service.setdefault("organization_id", item.get("id"))
                    package.services.append(service)
        else:
            package.services.append(item)
    return _checked_package(package, report=report, file=file)


def _checked_package(package: Package, *, report: Report, file: str = "") -> Package | None:
    if report.ok:
        screen_package(package, report=report, default_file=file)
    return package if report.ok else None
