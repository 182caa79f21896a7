"""An open-data CSV in, through the HSDS importer: all or nothing, reported by row and column.

Each row becomes an HSDS ``service_full`` (one service at one location, with its operator) and
the whole file goes through ``directory.hsds.importer`` like the spreadsheet does, so checks,
the single transaction, ``--draft`` and the search indexing are the same. Who is who, so that
importing a file again updates instead of duplicating:

* a service is its ID: our own export writes the service's UUID there; another municipality's
  ID becomes a UUIDv5 of its 全国地方公共団体コード and ID. An existing service starts from its
  current HSDS form, so what the file has no column for is kept;
* an organization is its 法人番号 when one is given, else its name (法人の名称 / 団体名, or the
  地方公共団体名 for a public facility); an existing service keeps its organization.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from directory import geocoding
from directory.hsds import extensions as ext
from directory.hsds import serialize
from directory.hsds.importer import INTERNAL_ERROR, Progress, import_path
from directory.hsds.problems import Report, row_label
from directory.hsds.selectors import organization_prefetches, service_prefetches
from directory.models import OrganizationPage, ServicePage, TaxonomyTerm
from directory.opendata import hours_text
from directory.opendata.columns import Dataset
from directory.opendata.export import SERVICE_IDENTIFIER, SERVICE_READING
from directory.opendata.reading import Row, read_rows
from directory.spreadsheet import values

logger = logging.getLogger(__name__)
UNKNOWN_OPERATOR = "（運営者の記載なし）"
# The importer names HSDS fields; the person reads the file's columns.
HSDS_COLUMNS = {
    "name": "名称",
    "description": "備考",
    "url": "URL",
    "email": "連絡先メールアドレス",
    "number": "電話番号",
    "extension": "内線番号",
    "latitude": "緯度",
    "longitude": "経度",
    "address_1": "所在地_町字",
    "address_2": "建物名等(方書)",
    "postal_code": "郵便番号",
    "identifier": "法人番号",
}


def opendata_import(
    *,
    data: bytes,
    filename: str,
    dataset: Dataset,
    draft: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Check ``data`` and import it unless anything is wrong; ``dry_run`` rolls it all back."""
    report = Report()
    try:
        rows = read_rows(data, filename=filename, dataset=dataset, report=report)
        if not report.ok:
            return report
        converter = Converter(dataset=dataset, filename=filename, report=report)
        services = [converter.service(row) for row in rows]
        if not report.ok:
            return report
        hsds_report = _import(services, draft=draft, dry_run=dry_run, progress=progress)
    except Exception as error:  # a bug of ours must still leave the database untouched
        logger.exception("Open-data import of %s failed", filename)
        report.error(
            file=filename,
            where="",
            message=INTERNAL_ERROR % {"detail": f"{type(error).__name__}: {error}"},
        )
        return report
    for problem in hsds_report.problems:
        index = re.match(r"^/(\d+)", problem.where)
        where = row_label(rows[int(index.group(1))].number) if index else problem.where
        add = report.error if problem.level == "error" else report.warn
        column = {**HSDS_COLUMNS, "description": dataset.description_column}.get(
            problem.field, problem.field
        )
        add(file=filename, where=where, field=column, message=problem.message)
    report.created, report.updated = hsds_report.created, hsds_report.updated
    return report


def _import(
    services: list[dict[str, Any]], *, draft: bool, dry_run: bool, progress: Progress | None
) -> Report:
    with tempfile.TemporaryDirectory(prefix="tsunagu-opendata-") as folder:
        path = Path(folder) / "opendata.json"
        path.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
        if not dry_run:
            return import_path(path, draft=draft, progress=progress)
        with transaction.atomic():
            # Drafts are never indexed, so nothing leaves the rolled-back transaction.
            report = import_path(path, draft=True, progress=progress)
            transaction.set_rollback(True)
        return report


def _id(*parts: object) -> str:
    return ext.derived_id("opendata", *parts)


class Converter:
    """One row → one HSDS ``service_full``; cell problems go into the report."""

    def __init__(self, *, dataset: Dataset, filename: str, report: Report) -> None:
        self.dataset = dataset
        self.filename = filename
        self.report = report
        self.category = (
            TaxonomyTerm.objects.filter(code=dataset.category_codes[0]).first()
            if dataset.category_codes
            else None
        )
        self.organizations: dict[str, dict[str, Any]] = {}

    def error(self, row: Row, column: str, message: str) -> None:
        self.report.error(
            file=self.filename, where=row_label(row.number), field=column, message=message
        )

    def cell(self, row: Row, column: str, reader: Any) -> Any:
        text = row.get(column)
        if not text:
            return None
        try:
            return reader(text)
        except values.CellError as error:
            self.error(row, column, str(error))
            return None

    def service(self, row: Row) -> dict[str, Any]:
        name = " ".join(row.get("名称").split())
        if not name:
            self.error(row, "名称", _("必須です。空欄にはできません"))
        service_id = self._service_id(row, name)
        page = (
            ServicePage.objects.filter(hsds_id=service_id)
            .prefetch_related(*service_prefetches())
            .first()
        )
        if page is not None:
            organization_page = page.get_parent().specific
            data = serialize.service_full(
                service=page, organization=organization_page, with_organization=False
            )
            organization = self._organization_data(organization_page, row)
        else:
            data = {"id": service_id, "status": "active"}
            organization = self._organization(row)
        org_id = organization["id"]
        hours = hours_text.read(
            days=row.get("利用可能曜日"),
            opens=row.get("開始時間"),
            closes=row.get("終了時間"),
            notes=row.get(self.dataset.hours_note_column),
        )
        phone = self.cell(row, "電話番号", values.phone)
        data |= {
            "organization_id": org_id,
            "organization": organization,
            "name": name,
            "description": row.get(self.dataset.description_column) or row.get("備考"),
            "url": self.cell(row, "URL", values.url),
            "email": self.cell(row, "連絡先メールアドレス", values.email),
            "phones": [
                {
                    "id": _id("phone", service_id),
                    "service_id": service_id,
                    "number": phone,
                    **self._extension(row),
                }
            ]
            if phone
            else [],
            "schedules": [
                {"id": _id("schedule", service_id, i), "service_id": service_id, **schedule}
                for i, schedule in enumerate(hours.schedules)
            ],
        }
        data["attributes"] = self._attributes(data, service_id, hours, row)
        location = self._location(row, service_id, org_id, page)
        links = [link for link in data.get("service_at_locations") or []][1:]
        if location is not None:
            old = (data.get("service_at_locations") or [{}])[0]
            links.insert(
                0,
                {
                    "id": old.get("id") or _id("link", service_id),
                    "service_id": service_id,
                    "location_id": location["id"],
                    "location": location,
                },
            )
        data["service_at_locations"] = links
        return {k: v for k, v in data.items() if v not in (None, "")}

    def _extension(self, row: Row) -> dict[str, int]:
        text = values.normalize(row.get("内線番号"))
        if not text:
            return {}
        if not text.isdigit():
            self.report.warn(
                file=self.filename,
                where=row_label(row.number),
                field="内線番号",
                message=_("内線番号は数字だけで書いてください。空にしました"),
            )
            return {}
        return {"extension": int(text)}

    def _service_id(self, row: Row, name: str) -> str:
        given = row.get("ID")
        try:
            return str(uuid.UUID(given))
        except ValueError:
            pass
        code = row.get("全国地方公共団体コード")
        if given:
            return _id("service", code, given)
        return _id("service", code, values.normalize(name), values.normalize(self._address(row)))

    # --- organization -----------------------------------------------------------------------

    def _organization(self, row: Row) -> dict[str, Any]:
        number = re.sub(r"\D", "", values.normalize(row.get("法人番号")))
        name = " ".join(row.get(self.dataset.organization_column).split())
        name = name or row.get("地方公共団体名") or UNKNOWN_OPERATOR
        key = number or values.normalize(name)
        if key in self.organizations:
            return self.organizations[key]
        pages = OrganizationPage.objects.prefetch_related(*organization_prefetches())
        page = (pages.filter(corporate_number=number).first() if number else None) or (
            pages.filter(title=name).first()
        )
        if page is not None:
            data = self._organization_data(page, row)
        else:
            org_id = _id("organization", key)
            data = {"id": org_id, "name": name, "description": ""}
            if number:
                data["organization_identifiers"] = [_corporate(org_id, number)]
        self.organizations[key] = data
        return data

    def _organization_data(self, page: OrganizationPage, row: Row) -> dict[str, Any]:
        data = serialize.organization_full(organization=page)
        data.pop("locations", None)
        number = re.sub(r"\D", "", values.normalize(row.get("法人番号")))
        if number and not page.corporate_number:
            data["organization_identifiers"] = [_corporate(data["id"], number)]
        elif number and number != page.corporate_number:
            self.report.warn(
                file=self.filename,
                where=row_label(row.number),
                field="法人番号",
                message=_(
                    "「%(name)s」の登録済みの法人番号（%(stored)s）と違います。"
                    "登録済みの番号のままにしました"
                )
                % {"name": page.title, "stored": page.corporate_number},
            )
        return data

    # --- attributes -------------------------------------------------------------------------

    def _attributes(
        self, data: dict[str, Any], service_id: str, hours: hours_text.ReadHours, row: Row
    ) -> list[dict[str, Any]]:
        decided = {"hours_note", "closed_on_public_holidays", SERVICE_READING}
        attributes = [a for a in data.get("attributes") or [] if a.get("link_type") not in decided]
        if self.category is not None and not any(
            a.get("taxonomy_term_id") == str(self.category.hsds_id) for a in attributes
        ):
            attributes.append(
                {
                    "id": _id("category", service_id, self.category.hsds_id),
                    "link_id": service_id,
                    "link_type": ext.CATEGORY_LINK_TYPE,
                    "link_entity": "service",
                    "taxonomy_term_id": str(self.category.hsds_id),
                }
            )
        if hours.note:
            attributes.append(_attribute(service_id, "hours_note", hours.note))
        if hours.closed_on_public_holidays is not None:
            flag = ext.TRUE if hours.closed_on_public_holidays else ext.FALSE
            attributes.append(_attribute(service_id, "closed_on_public_holidays", flag))
        # The reading and the 事業所番号 travel as extensions added with the identifiers work
        # (branch o-ids); a file's values are used once those extensions exist.
        if row.get("名称_カナ") and SERVICE_READING in ext.BY_CODE:
            attributes.append(_attribute(service_id, SERVICE_READING, row.get("名称_カナ")))
        office = re.sub(r"\D", "", values.normalize(row.get("事業所番号")))
        if office and SERVICE_IDENTIFIER in ext.BY_CODE:
            identifier = {
                "identifier_scheme": "JP-MHLW-KAIGO",
                "identifier_type": "jp_care_office_number",
                "identifier": office,
            }
            attributes = [a for a in attributes if a.get("link_type") != SERVICE_IDENTIFIER]
            attributes.append(
                _attribute(
                    service_id, SERVICE_IDENTIFIER, json.dumps(identifier, ensure_ascii=False)
                )
            )
        return attributes

    # --- location ---------------------------------------------------------------------------

    def _address(self, row: Row) -> str:
        return row.get("所在地_連結表記") or "".join(
            row.get(c)
            for c in ("所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下")
        )

    def _place(self, row: Row) -> tuple[geocoding.Municipality, str, str, str] | None:
        """(municipality, prefecture, city, street) of the row, or None without an address."""
        prefecture, city = row.get("所在地_都道府県"), row.get("所在地_市区町村")
        street = row.get("所在地_町字") + row.get("所在地_番地以下")
        if prefecture and city and street:
            found = geocoding.municipality_by_name(f"{prefecture}{city}")
            if found is None:
                self.error(
                    row,
                    "所在地_市区町村",
                    _("「%(value)s」という市区町村が見つかりません") % {"value": prefecture + city},
                )
                return None
            return found, prefecture, city, street
        full = row.get("所在地_連結表記")
        if not full:
            return None
        text = "".join(full.split())
        found = geocoding._municipality_in_address(geocoding._normalize(text))
        for code_column in ("所在地_全国地方公共団体コード", "全国地方公共団体コード"):
            if found is None:
                found = geocoding.municipality_by_code(row.get(code_column))
        if found is None:
            self.error(row, "所在地_連結表記", _("住所から市区町村を読み取れません"))
            return None
        city = found.name
        for spelling in (
            found.prefecture + found.county + found.name,
            found.prefecture + found.name,
            found.name,
        ):
            if text.startswith(spelling):
                return found, found.prefecture, city, text[len(spelling) :]
        return found, found.prefecture, city, text

    def _location(
        self, row: Row, service_id: str, org_id: str, page: ServicePage | None
    ) -> dict[str, Any] | None:
        place = self._place(row)
        if place is None:
            return None
        municipality, prefecture, city, street = place
        link = page.service_at_locations.first() if page is not None else None
        stored = link.location if link is not None else None
        data = (
            serialize.location(location=stored) if stored else {"id": _id("location", service_id)}
        )
        location_id = data["id"]
        old_address = (data.get("addresses") or [{}])[0]
        data |= {
            "location_type": "physical",
            "organization_id": org_id,
            "name": data.get("name") or row.get("名称") or f"{city}{street}",
            "external_identifier": municipality.code,
            "external_identifier_type": ext.LG_CODE_TYPE,
        }
        address = {
            "id": old_address.get("id") or _id("address", location_id),
            "location_id": location_id,
            "address_1": street,
            "city": city,
            "state_province": prefecture,
            "postal_code": row.get("郵便番号") or old_address.get("postal_code") or "",
            "country": "JP",
            "address_type": "physical",
        }
        if row.get("建物名等(方書)"):
            address["address_2"] = row.get("建物名等(方書)")
        data["addresses"] = [address]
        latitude = self.cell(row, "緯度", _number)
        longitude = self.cell(row, "経度", _number)
        if latitude is not None and longitude is not None:
            data["latitude"], data["longitude"] = latitude, longitude
        elif data.get("latitude") is None:
            # The postal code places a pin closer than the offline address reader can.
            point = geocoding.geocode(row.get("郵便番号"), mode="offline") or geocoding.geocode(
                f"{prefecture}{city}{street}", mode="offline"
            )
            if point is not None:
                data["latitude"], data["longitude"] = point.latitude, point.longitude
                if point.precision == "municipality":
                    self.report.warn(
                        file=self.filename,
                        where=row_label(row.number),
                        field="緯度",
                        message=_(
                            "緯度・経度がないため、地図では%(city)sの中心に置きました。"
                            "正しい位置は管理画面で直してください"
                        )
                        % {"city": city},
                    )
        return data


def _number(text: str) -> float:
    try:
        return float(values.normalize(text))
    except ValueError as error:
        raise values.CellError(_("数値で書いてください: %(value)s") % {"value": text}) from error


def _corporate(org_id: str, number: str) -> dict[str, Any]:
    return {
        "id": ext.derived_id("organization_identifier", org_id),
        "organization_id": org_id,
        "identifier_scheme": ext.CORPORATE_NUMBER_SCHEME,
        "identifier_type": ext.CORPORATE_NUMBER_TYPE,
        "identifier": number,
    }


def _attribute(link_id: str, code: str, value: str) -> dict[str, Any]:
    extension = ext.BY_CODE[code]
    return {
        "id": ext.derived_id("attribute", link_id, code, value),
        "link_id": link_id,
        "link_type": code,
        "link_entity": "service",
        "taxonomy_term_id": str(extension.term_id),
        "value": value,
        "taxonomy_term": ext.term_object(extension),
    }
