"""The public directory as a 自治体標準オープンデータセット CSV: one row per public service.

Rows are built from the HSDS form of each service (``directory.hsds.exporter``), so only what
the public may see goes out: a hidden address (DV shelters) leaves the address and coordinates
empty, as on the HSDS API. A service at several locations is written at its first one (the
standard has one place per row). UTF-8 with a BOM and CRLF, as Excel in Japan expects.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from directory import geocoding
from directory.hsds import extensions as ext
from directory.hsds.exporter import Progress, services_full
from directory.opendata import hours_text
from directory.opendata.columns import Dataset, fold

# The extension codes that carry the reading and the 事業所番号 in HSDS (docs/hsds.md).
SERVICE_READING = "service_name_kana"
SERVICE_IDENTIFIER = "service_identifier"
CARE_OFFICE_TYPES = ("jp_care_office_number", "jp_disability_office_number")
_STREET_NUMBER = re.compile(r"[0-9０-９]")


def _no_progress(iterable: Iterable[Any], _desc: str, _total: int) -> Iterable[Any]:
    return iterable


def export_csv(path: Path, *, dataset: Dataset, progress: Progress = _no_progress) -> int:
    """Write ``dataset`` to ``path``; returns the number of rows."""
    rows = list(dataset_rows(services=services_full(progress=progress), dataset=dataset))
    path.write_bytes(to_csv(rows, dataset=dataset))
    return len(rows)


def to_csv(rows: Iterable[dict[str, str]], *, dataset: Dataset) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=dataset.columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def dataset_rows(
    *, services: Iterable[dict[str, Any]], dataset: Dataset
) -> Iterator[dict[str, str]]:
    for service in services:
        if dataset.category_codes and not _in_categories(service, dataset.category_codes):
            continue
        yield service_row(service=service, dataset=dataset)


def _in_categories(service: dict[str, Any], codes: tuple[str, ...]) -> bool:
    for attribute in service.get("attributes") or []:
        if attribute.get("link_type") == ext.CATEGORY_LINK_TYPE:
            term = attribute.get("taxonomy_term") or {}
            if term.get("code") in codes:
                return True
    return False


def _attribute_values(service: dict[str, Any], code: str) -> list[str]:
    return [
        str(a.get("value") or "")
        for a in service.get("attributes") or []
        if a.get("link_type") == code
    ]


def _flag(service: dict[str, Any], code: str) -> bool | None:
    values = _attribute_values(service, code)
    return None if not values else values[0] == ext.TRUE


def service_row(*, service: dict[str, Any], dataset: Dataset) -> dict[str, str]:
    organization = service.get("organization") or {}
    links = service.get("service_at_locations") or []
    location = (links[0].get("location") if links else None) or {}
    address = (location.get("addresses") or [{}])[0]
    municipality = _municipality(location, address)
    street = str(address.get("address_1") or "")
    split = _STREET_NUMBER.search(street)
    town, number = (street[: split.start()], street[split.start() :]) if split else (street, "")
    prefecture, city = str(address.get("state_province") or ""), str(address.get("city") or "")
    phone = (service.get("phones") or [{}])[0]
    notes = _attribute_values(service, "hours_note")
    hours = hours_text.write(
        schedules=service.get("schedules") or [],
        closed_on_public_holidays=_flag(service, "closed_on_public_holidays"),
        note=notes[0] if notes else "",
        with_times=dataset.has_times,
    )
    code = municipality.code if municipality else ""
    row = {
        # The publisher's code and name: the directory has no setting for its own
        # municipality yet, so the location's are written (docs/opendata.md).
        "全国地方公共団体コード": code,
        "ID": str(service["id"]),
        "地方公共団体名": municipality.full_name if municipality else "",
        "名称": str(service.get("name") or ""),
        "名称_カナ": next(iter(_attribute_values(service, SERVICE_READING)), ""),
        "所在地_全国地方公共団体コード": code,
        "所在地_連結表記": f"{prefecture}{city}{street}" if street else "",
        "所在地_都道府県": prefecture,
        "所在地_市区町村": city,
        "所在地_町字": town,
        "所在地_番地以下": number,
        "建物名等(方書)": str(address.get("address_2") or ""),
        "緯度": _coordinate(location.get("latitude")),
        "経度": _coordinate(location.get("longitude")),
        "電話番号": str(phone.get("number") or ""),
        "内線番号": str(phone.get("extension") or ""),
        "連絡先メールアドレス": str(service.get("email") or ""),
        "郵便番号": str(address.get("postal_code") or "") if street else "",
        "法人番号": _corporate_number(organization),
        dataset.organization_column: str(organization.get("name") or ""),
        "利用可能曜日": hours.days,
        "開始時間": hours.opens,
        "終了時間": hours.closes,
        dataset.hours_note_column: hours.notes,
        "URL": str(service.get("url") or ""),
        dataset.description_column: _description(service),
        "事業所番号": _office_number(service),
    }
    return {column: row.get(fold(column), "") for column in dataset.columns}


def _municipality(
    location: dict[str, Any], address: dict[str, Any]
) -> geocoding.Municipality | None:
    if location.get("external_identifier_type") == ext.LG_CODE_TYPE:
        found = geocoding.municipality_by_code(str(location.get("external_identifier") or ""))
        if found is not None:
            return found
    for attribute in location.get("attributes") or []:
        if attribute.get("link_type") == "municipality_code":
            found = geocoding.municipality_by_code(str(attribute.get("value") or ""))
            if found is not None:
                return found
    if address.get("state_province") and address.get("city"):
        return geocoding.municipality_by_name(f"{address['state_province']}{address['city']}")
    return None


def _coordinate(value: Any) -> str:
    return "" if value is None else f"{float(value):.6f}"


def _corporate_number(organization: dict[str, Any]) -> str:
    for identifier in organization.get("organization_identifiers") or []:
        if identifier.get("identifier_scheme") == ext.CORPORATE_NUMBER_SCHEME:
            return str(identifier.get("identifier") or "")
    return ""


def _office_number(service: dict[str, Any]) -> str:
    for value in _attribute_values(service, SERVICE_IDENTIFIER):
        try:
            data = json.loads(value)
        except ValueError:
            continue
        if isinstance(data, dict) and data.get("identifier_type") in CARE_OFFICE_TYPES:
            return str(data.get("identifier") or "")
    return ""


def _description(service: dict[str, Any]) -> str:
    description = str(service.get("description") or "")
    return "" if description == str(service.get("name") or "") else description
