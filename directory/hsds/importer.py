"""Import HSDS 3.0 into the directory: check everything first, then write all or nothing.

Three stages, so that a file with problems changes nothing:

1. read (``read_source``): JSON (a list of ``service_full``, a list of organizations with their
   ``services``, or an API page) or a tabular package; encodings detected; every object checked
   against the HSDS schemas. Schema violations are errors.
2. plan (``plan_import``): ids resolved against the file and the database (a dangling id is an
   error); values turned into our fields. A value that is valid HSDS but unusable here
   (coordinates outside Japan, an address abroad, an unknown language) becomes a warning and
   is left empty.
3. apply (``apply_plan``): one transaction; records keep their HSDS ids and are matched on them,
   so importing the same file again updates instead of duplicating. Pages are published unless
   ``draft``; services are indexed for search after the commit.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import DatabaseError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.log_actions import log
from wagtail.models import Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from directory import geocoding
from directory import hours as opening_hours
from directory.choices import (
    AccessibilityFeature,
    Availability,
    CertificationKind,
    CostCategory,
    DeliveryMode,
    Language,
    LocationType,
    PhoneType,
    ProviderType,
    ServiceStatus,
    TargetGroup,
)
from directory.hsds import bulk
from directory.hsds import extensions as ext
from directory.hsds.encoding import decode
from directory.hsds.problems import Report, msg_dangling, schema_message
from directory.hsds.tabular import SOURCE, Package, read_package, resources
from directory.hsds.validation import schema_errors
from directory.models import (
    Address,
    Certification,
    Closure,
    Contact,
    CostOption,
    Location,
    LocationAccessibility,
    LocationPhone,
    OrganizationPage,
    OrganizationPhone,
    RequiredDocument,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
    ServicePage,
    ServicePhone,
    Taxonomy,
    TaxonomyTerm,
)
from directory.validators import normalize_phone_number, normalize_postal_code

Progress = Callable[[Iterable[Any], str, int], Iterable[Any]]
logger = logging.getLogger(__name__)
INTERNAL_ERROR = _lazy(
    "取り込み中に予期しないエラーが起きました。何も取り込んでいません（%(detail)s）"
)

SERVICE_CHILDREN = (
    "phones",
    "schedules",
    "closures",
    "service_areas",
    "cost_options",
    "required_documents",
    "contacts",
    "certifications",
    "service_at_locations",
)

CORPORATE_NUMBER_TYPES = {ext.CORPORATE_NUMBER_TYPE, "法人番号", "corporate_number"}
# HSDS phone types we have no choice for; "pager" reads best as a plain number.
PHONE_TYPE_FALLBACK = PhoneType.VOICE


def _no_progress(iterable: Iterable[Any], _desc: str, _total: int) -> Iterable[Any]:
    return iterable


# --- 1. read -------------------------------------------------------------------------------


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
    return package if report.ok else None


def _checked_package(package: Package, *, report: Report) -> Package | None:
    return package if report.ok else None


# --- 2. plan -------------------------------------------------------------------------------


@dataclass
class Planned:
    """One record to write: its HSDS id, our field values and its children."""

    hsds_id: uuid.UUID
    values: dict[str, Any]
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    links: dict[str, Any] = field(default_factory=dict)
    source: tuple[str, str] = ("", "")


@dataclass
class Plan:
    taxonomies: dict[uuid.UUID, Planned] = field(default_factory=dict)
    terms: dict[uuid.UUID, Planned] = field(default_factory=dict)
    organizations: dict[uuid.UUID, Planned] = field(default_factory=dict)
    locations: dict[uuid.UUID, Planned] = field(default_factory=dict)
    services: dict[uuid.UUID, Planned] = field(default_factory=dict)


class Planner:
    """Turns HSDS objects into planned records, reporting what cannot be used."""

    def __init__(self, package: Package, *, report: Report, default_file: str = "") -> None:
        self.package = package
        self.report = report
        self.default_file = default_file
        self.plan = Plan()

    # messages

    def _where(self, obj: dict[str, Any], name: str = "") -> tuple[str, str, str]:
        file, where = obj.get(SOURCE, (self.default_file, ""))
        if name and where.startswith("/") or (name and where == ""):
            where = f"{where}/{name}"
        return file, where, name

    def warn(self, obj: dict[str, Any], name: str, message: str) -> None:
        file, where, name = self._where(obj, name)
        self.report.warn(file=file, where=where, field=name, message=message)

    def error(self, obj: dict[str, Any], name: str, message: str) -> None:
        file, where, name = self._where(obj, name)
        self.report.error(file=file, where=where, field=name, message=message)

    # values

    def text(self, obj: dict[str, Any], name: str, model: type[Model], attname: str) -> str:
        value = obj.get(name)
        if value is None:
            return ""
        text = str(value).strip()
        limit = model._meta.get_field(attname).max_length
        if limit and len(text) > limit:
            self.warn(
                obj,
                name,
                _("長すぎるため %(limit)s 文字で切りました") % {"limit": limit},
            )
            text = text[:limit]
        return text

    def url(self, obj: dict[str, Any], name: str, model: type[Model], attname: str) -> str:
        value = str(obj.get(name) or "").strip()
        if not value:
            return ""
        limit = model._meta.get_field(attname).max_length or 200
        try:
            URLValidator()(value)
        except ValidationError:
            self.warn(
                obj,
                name,
                _("URL として使えないため空にしました: %(value)s") % {"value": value[:80]},
            )
            return ""
        if len(value) > limit:
            self.warn(obj, name, _("URL が長すぎるため空にしました"))
            return ""
        return value

    def email(self, obj: dict[str, Any], name: str) -> str:
        value = str(obj.get(name) or "").strip()
        if not value:
            return ""
        try:
            EmailValidator()(value)
        except ValidationError:
            self.warn(
                obj,
                name,
                _("メールアドレスとして使えないため空にしました: %(value)s")
                % {"value": value[:80]},
            )
            return ""
        return value[:254]

    def age(self, obj: dict[str, Any], name: str) -> int | None:
        value = obj.get(name)
        if value is None:
            return None
        if not isinstance(value, int | float) or not 0 <= value <= 130 or value != int(value):
            self.warn(
                obj, name, _("年齢として使えないため空にしました: %(value)s") % {"value": value}
            )
            return None
        return int(value)

    def day(self, obj: dict[str, Any], name: str) -> date | None:
        value = obj.get(name)
        if not value:
            return None
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            self.warn(
                obj, name, _("日付として読めないため空にしました: %(value)s") % {"value": value}
            )
            return None

    def choice(
        self, obj: dict[str, Any], name: str, value: str, choices: Any, *, default: str | None
    ) -> str | None:
        if value in choices.values:
            return value
        self.warn(
            obj,
            name,
            _("使えない値のため読み飛ばしました: %(value)s（使える値: %(allowed)s）")
            % {"value": value[:60], "allowed": ", ".join(choices.values)},
        )
        return default

    def _title(self, obj: dict[str, Any], model: type[Model]) -> str:
        title = self.text(obj, "name", model, "title")
        if not title:
            title = self.text(obj, "alternate_name", model, "title") or _("（名称なし）")
            self.warn(obj, "name", _("名前が空のため「%(title)s」としました") % {"title": title})
        return title

    def phone_number(self, obj: dict[str, Any], name: str = "number") -> str | None:
        raw = str(obj.get(name) or "")
        try:
            return normalize_phone_number(raw)
        except ValidationError:
            self.warn(
                obj,
                name,
                _("日本の電話番号として使えないため読み飛ばしました: %(value)s")
                % {"value": raw[:40]},
            )
            return None

    # records

    def run(self) -> Plan:
        organizations = [*self.package.organizations]
        for service in self.package.services:
            nested = service.get("organization")
            if isinstance(nested, dict) and nested.get("id"):
                organizations.append(nested)
                service.setdefault("organization_id", nested["id"])
        for term in self.package.taxonomy_terms:
            self.plan_term(term)
        for organization in organizations:
            self.plan_organization(organization)
        seen: dict[str, dict[str, Any]] = {}
        for service in self.package.services:
            service_id = str(service.get("id", "")).lower()
            if service_id in seen:
                self.error(
                    service,
                    "id",
                    _("同じ ID の支援がファイルに2つあります（%(other)s）")
                    % {"other": " ".join(self._where(seen[service_id])[:2])},
                )
                continue
            seen[service_id] = service
            self.plan_service(service)
        self.check_references()
        return self.plan

    def plan_term(self, term: dict[str, Any]) -> uuid.UUID | None:
        term_id = uuid.UUID(str(term["id"]))
        if str(term_id) in ext.BY_TERM_ID or term.get("taxonomy_id") == str(ext.TAXONOMY_ID):
            return term_id
        if term_id in self.plan.terms:
            return term_id
        detail = (
            term.get("taxonomy_detail") if isinstance(term.get("taxonomy_detail"), dict) else {}
        )
        taxonomy_id = term.get("taxonomy_id") or detail.get("id")
        taxonomy_name = str(detail.get("name") or term.get("taxonomy") or "").strip()
        if taxonomy_id:
            taxonomy_uuid = uuid.UUID(str(taxonomy_id))
        elif taxonomy_name:
            taxonomy_uuid = uuid.uuid5(ext.NAMESPACE, f"taxonomy-name:{taxonomy_name}")
        else:
            taxonomy_uuid = uuid.uuid5(ext.NAMESPACE, "taxonomy-name:imported")
            taxonomy_name = _("取り込んだ分類")
        if taxonomy_uuid not in self.plan.taxonomies:
            self.plan.taxonomies[taxonomy_uuid] = Planned(
                hsds_id=taxonomy_uuid,
                values={
                    "name": (taxonomy_name or str(taxonomy_uuid))[:200],
                    "description": _unless_name(detail.get("description"), taxonomy_name),
                    "uri": self.url(detail, "uri", Taxonomy, "uri") if detail else "",
                    "version": self.text(detail, "version", Taxonomy, "version") if detail else "",
                },
                links={"named": bool(taxonomy_name), "has_detail": bool(detail)},
            )
        code = slugify(str(term.get("code") or ""), allow_unicode=False)[:80]
        self.plan.terms[term_id] = Planned(
            hsds_id=term_id,
            values={
                "name": self.text(term, "name", TaxonomyTerm, "name"),
                "description": _unless_name(term.get("description"), term.get("name")),
                "code": code,
            },
            links={
                "taxonomy": taxonomy_uuid,
                "parent": uuid.UUID(str(term["parent_id"])) if term.get("parent_id") else None,
            },
            source=term.get(SOURCE, ("", "")),
        )
        return term_id

    def plan_organization(self, org: dict[str, Any]) -> None:
        if not org.get("id"):
            return
        org_id = uuid.UUID(str(org["id"]))
        if org_id in self.plan.organizations:
            return
        values: dict[str, Any] = {
            "title": self._title(org, OrganizationPage),
            "alternate_name": self.text(org, "alternate_name", OrganizationPage, "alternate_name"),
            "description": str(org.get("description") or ""),
            "email": self.email(org, "email"),
            "website": self.url(org, "website", OrganizationPage, "website"),
            "legal_status": self.text(org, "legal_status", OrganizationPage, "legal_status"),
            "year_incorporated": None,
            "provider_type": ProviderType.OTHER,
            "corporate_number": "",
        }
        year = org.get("year_incorporated")
        if year is not None:
            if isinstance(year, int | float) and 1000 <= year <= 9999 and year == int(year):
                values["year_incorporated"] = int(year)
            else:
                self.warn(org, "year_incorporated", _("設立年として使えないため空にしました"))
        for identifier in org.get("organization_identifiers") or []:
            scheme = str(identifier.get("identifier_scheme") or "")
            kind = str(identifier.get("identifier_type") or "")
            if scheme == ext.CORPORATE_NUMBER_SCHEME or kind in CORPORATE_NUMBER_TYPES:
                number = unicodedata.normalize("NFKC", str(identifier.get("identifier") or ""))
                number = number.replace("-", "").strip()
                if re.fullmatch(r"\d{13}", number):
                    values["corporate_number"] = number
                else:
                    self.warn(identifier, "identifier", _("法人番号は13桁の数字です。空にしました"))
        for attribute in self._extension_attributes(org, "organization"):
            extension, value = attribute
            if extension.code == "provider_type":
                values["provider_type"] = self.choice(
                    org, "attributes", value, ProviderType, default=ProviderType.OTHER
                )
        phones = [
            {"hsds_id": _uuid(p), "number": number, **self._phone_fields(p)}
            for p in org.get("phones") or []
            if (number := self.phone_number(p))
        ]
        self.plan.organizations[org_id] = Planned(
            hsds_id=org_id,
            values=values,
            children={"phones": phones},
            source=org.get(SOURCE, ("", "")),
        )
        for location in org.get("locations") or []:
            if isinstance(location, dict):
                location.setdefault("organization_id", str(org_id))
                self.plan_location(location)

    def _phone_fields(self, phone: dict[str, Any]) -> dict[str, Any]:
        kind = str(phone.get("type") or PhoneType.VOICE).lower()
        if kind not in PhoneType.values:
            kind = PHONE_TYPE_FALLBACK
        extension = phone.get("extension")
        return {
            "extension": str(int(extension)) if isinstance(extension, int | float) else "",
            "type": kind,
            "description": self.text(phone, "description", ServicePhone, "description"),
        }

    def _extension_attributes(
        self, obj: dict[str, Any], entity: str
    ) -> Iterator[tuple[ext.Extension, str]]:
        for attribute in obj.get("attributes") or []:
            extension = self._extension_of(attribute)
            if extension is None:
                continue
            if extension.entity != entity:
                self.warn(attribute, "taxonomy_term_id", _("この対象には使えない拡張項目です"))
                continue
            yield extension, str(attribute.get("value") or "").strip()

    def _extension_of(self, attribute: dict[str, Any]) -> ext.Extension | None:
        term_id = str(attribute.get("taxonomy_term_id") or "").lower()
        term = (
            attribute.get("taxonomy_term")
            if isinstance(attribute.get("taxonomy_term"), dict)
            else {}
        )
        if not term_id:
            term_id = str(term.get("id") or "").lower()
        if term_id in ext.BY_TERM_ID:
            return ext.BY_TERM_ID[term_id]
        if term.get("taxonomy") == ext.TAXONOMY_NAME and term.get("code") in ext.BY_CODE:
            return ext.BY_CODE[term["code"]]
        return None

    def plan_location(self, loc: dict[str, Any]) -> uuid.UUID | None:
        if not loc.get("id"):
            return None
        loc_id = uuid.UUID(str(loc["id"]))
        if loc_id in self.plan.locations:
            return loc_id
        flags: dict[str, Any] = {"hide_address": False, "accessibility_features": []}
        municipality_code = ""
        for extension, value in self._extension_attributes(loc, "location"):
            if extension.code == "hide_address":
                flags["hide_address"] = value.lower() == ext.TRUE
            elif extension.code == "accessibility_feature":
                if self.choice(loc, "attributes", value, AccessibilityFeature, default=None):
                    flags["accessibility_features"].append(value)
            elif extension.code == "municipality_code":
                municipality_code = value
        external_id = self.text(loc, "external_identifier", Location, "external_identifier")
        external_type = self.text(
            loc, "external_identifier_type", Location, "external_identifier_type"
        )
        if external_type == ext.LG_CODE_TYPE:
            municipality_code, external_id, external_type = external_id, "", ""
        if municipality_code and geocoding.municipality_by_code(municipality_code) is None:
            self.warn(
                loc,
                "external_identifier",
                _("全国地方公共団体コードとして使えないため空にしました: %(value)s")
                % {"value": municipality_code},
            )
            municipality_code = ""
        latitude, longitude = loc.get("latitude"), loc.get("longitude")
        if latitude is not None or longitude is not None:
            if latitude is None or longitude is None:
                self.warn(loc, "latitude", _("緯度と経度の片方しかないため、位置は空にしました"))
                latitude = longitude = None
            elif not geocoding.validate_japan_coordinates(latitude, longitude):
                self.warn(
                    loc,
                    "latitude",
                    _("座標（%(lat)s, %(lng)s）が日本の範囲外のため、位置は空にしました")
                    % {"lat": latitude, "lng": longitude},
                )
                latitude = longitude = None
        addresses = []
        for item in loc.get("addresses") or []:
            planned = self._address(item)
            if planned:
                addresses.append(planned)
        name = self.text(loc, "name", Location, "name")
        if not name:
            name = addresses[0]["address_1"][:255] if addresses else _("（名称なし）")
        location_type = str(loc.get("location_type") or LocationType.PHYSICAL)
        org_id = loc.get("organization_id")
        self.plan.locations[loc_id] = Planned(
            hsds_id=loc_id,
            values={
                "name": name,
                "alternate_name": self.text(loc, "alternate_name", Location, "alternate_name"),
                "description": str(loc.get("description") or ""),
                "location_type": location_type
                if location_type in LocationType.values
                else LocationType.PHYSICAL,
                "url": self.url(loc, "url", Location, "url"),
                "transportation": str(loc.get("transportation") or ""),
                "latitude": latitude,
                "longitude": longitude,
                "municipality_code": municipality_code,
                "external_identifier": external_id,
                "external_identifier_type": external_type,
                **flags,
            },
            children={
                "addresses": addresses,
                "phones": [
                    {"hsds_id": _uuid(p), "number": number, **self._phone_fields(p)}
                    for p in loc.get("phones") or []
                    if (number := self.phone_number(p))
                ],
                "accessibility": [
                    {
                        "hsds_id": _uuid(a),
                        "description": self.text(
                            a, "description", LocationAccessibility, "description"
                        )
                        or _("（説明なし）"),
                        "details": str(a.get("details") or ""),
                        "url": self.url(a, "url", LocationAccessibility, "url"),
                    }
                    for a in loc.get("accessibility") or []
                ],
            },
            links={
                "organization": uuid.UUID(str(org_id)) if org_id else None,
                "addresses_given": "addresses" in loc,
                "coordinates_given": latitude is not None,
            },
            source=loc.get(SOURCE, ("", "")),
        )
        return loc_id

    def _address(self, item: dict[str, Any]) -> dict[str, Any] | None:
        country = str(item.get("country") or "JP").strip().upper()
        if country not in ("JP", "JPN", "JAPAN", "日本"):
            self.warn(
                item,
                "country",
                _("日本国外の住所（%(country)s）のため読み飛ばしました")
                % {"country": country[:20]},
            )
            return None
        postal_code = ""
        if item.get("postal_code"):
            try:
                postal_code = normalize_postal_code(str(item["postal_code"]))
            except ValidationError:
                self.warn(
                    item,
                    "postal_code",
                    _("郵便番号として使えないため空にしました: %(value)s")
                    % {"value": str(item["postal_code"])[:20]},
                )
        address_type = str(item.get("address_type") or Address.AddressType.PHYSICAL)
        return {
            "hsds_id": _uuid(item),
            "address_type": address_type,
            "postal_code": postal_code,
            "state_province": self.text(item, "state_province", Address, "state_province"),
            "city": self.text(item, "city", Address, "city"),
            "address_1": self.text(item, "address_1", Address, "address_1"),
            "address_2": self.text(item, "address_2", Address, "address_2"),
            "attention": self.text(item, "attention", Address, "attention"),
        }

    def plan_service(self, svc: dict[str, Any]) -> None:
        service_id = uuid.UUID(str(svc["id"]))
        org_id = svc.get("organization_id")
        if not org_id:
            self.error(
                svc, "organization_id", _("支援を提供する団体（organization_id）がありません")
            )
            return
        values: dict[str, Any] = {
            "title": self._title(svc, ServicePage),
            "alternate_name": self.text(svc, "alternate_name", ServicePage, "alternate_name"),
            "description": str(svc.get("description") or ""),
            "website": self.url(svc, "url", ServicePage, "website"),
            "email": self.email(svc, "email"),
            "status": svc.get("status")
            if svc.get("status") in ServiceStatus.values
            else ServiceStatus.ACTIVE,
            "interpretation_services": str(svc.get("interpretation_services") or ""),
            "application_process": str(svc.get("application_process") or ""),
            "fees_description": str(svc.get("fees_description") or svc.get("fees") or ""),
            "eligibility_description": str(svc.get("eligibility_description") or ""),
            "minimum_age": self.age(svc, "minimum_age"),
            "maximum_age": self.age(svc, "maximum_age"),
            "assured_date": self.day(svc, "assured_date"),
            "assurer_email": self.email(svc, "assurer_email"),
            "alert": str(svc.get("alert") or ""),
            "capacity_note": self.text(svc, "wait_time", ServicePage, "capacity_note"),
            "languages": self._languages(svc),
            # Defaults of the model when the file does not say (third-party HSDS).
            "target_groups": [],
            "delivery_modes": [],
            "availability": Availability.ACCEPTING,
            "cost_category": CostCategory.FREE
            if not (svc.get("fees_description") or svc.get("cost_options"))
            else CostCategory.FEE,
            "public_interest_activity": False,
            "public_assistance_ok": True,
            "closed_on_public_holidays": True,
            "hours_notes": "",
        }
        minimum, maximum = values["minimum_age"], values["maximum_age"]
        if minimum is not None and maximum is not None and minimum > maximum:
            self.warn(svc, "maximum_age", _("対象年齢の上限が下限より小さいため空にしました"))
            values["maximum_age"] = None
        children: dict[str, list[dict[str, Any]]] = {
            "certifications": [],
            "closures": [],
        }
        categories: list[uuid.UUID] = []
        for attribute in svc.get("attributes") or []:
            extension = self._extension_of(attribute)
            if extension is None:
                term_id = self._category(attribute)
                if term_id is not None:
                    categories.append(term_id)
                continue
            if extension.entity != "service":
                self.warn(attribute, "taxonomy_term_id", _("この対象には使えない拡張項目です"))
                continue
            self._service_extension(
                svc, attribute, extension, str(attribute.get("value") or ""), values, children
            )
        children["schedules"] = self._schedules(svc)
        children["service_areas"] = self._service_areas(svc)
        children["phones"] = [
            {"hsds_id": _uuid(p), "number": number, **self._phone_fields(p)}
            for p in svc.get("phones") or []
            if (number := self.phone_number(p))
        ]
        children["cost_options"] = [self._cost_option(c) for c in svc.get("cost_options") or []]
        children["required_documents"] = [
            {
                "hsds_id": _uuid(d),
                "document": self.text(d, "document", RequiredDocument, "document")
                or _("（名称なし）"),
                "uri": self.url(d, "uri", RequiredDocument, "uri"),
            }
            for d in svc.get("required_documents") or []
        ]
        children["contacts"] = [self._contact(c) for c in svc.get("contacts") or []]
        links = []
        for link in svc.get("service_at_locations") or []:
            location = link.get("location")
            location_id = link.get("location_id") or (
                location.get("id") if isinstance(location, dict) else None
            )
            if isinstance(location, dict) and location.get("id"):
                self.plan_location(location)
            if not location_id:
                self.error(link, "location_id", _("実施場所に拠点（location_id）がありません"))
                continue
            links.append(
                {
                    "hsds_id": _uuid(link),
                    "location": uuid.UUID(str(location_id)),
                    "description": self.text(link, "description", ServiceAtLocation, "description"),
                    "_source": link,
                }
            )
        children["service_at_locations"] = links
        self.plan.services[service_id] = Planned(
            hsds_id=service_id,
            values=values,
            children=children,
            links={"organization": uuid.UUID(str(org_id)), "categories": categories},
            source=svc.get(SOURCE, ("", "")),
        )

    def _service_extension(
        self,
        svc: dict[str, Any],
        attribute: dict[str, Any],
        extension: ext.Extension,
        value: str,
        values: dict[str, Any],
        children: dict[str, list[dict[str, Any]]],
    ) -> None:
        code = extension.code
        flag = value.strip().lower() == ext.TRUE
        if code == "target_group":
            if self.choice(attribute, "value", value, TargetGroup, default=None):
                values["target_groups"].append(value)
        elif code == "delivery_mode":
            if self.choice(attribute, "value", value, DeliveryMode, default=None):
                values["delivery_modes"].append(value)
        elif code == "availability":
            values["availability"] = self.choice(
                attribute, "value", value, Availability, default=Availability.ACCEPTING
            )
        elif code == "capacity_note":
            values["capacity_note"] = self.text(attribute, "value", ServicePage, "capacity_note")
        elif code == "cost_category":
            values["cost_category"] = self.choice(
                attribute, "value", value, CostCategory, default=values["cost_category"]
            )
        elif code in (
            "public_interest_activity",
            "public_assistance_ok",
            "closed_on_public_holidays",
        ):
            values[code] = flag
        elif code == "hours_note":
            values["hours_notes"] = value
        elif code == "certification":
            data = self._json_value(attribute, value)
            if data is not None:
                kind = self.choice(
                    attribute,
                    "value",
                    str(data.get("kind") or ""),
                    CertificationKind,
                    default=CertificationKind.OTHER,
                )
                valid_from = self.day(data | {SOURCE: attribute.get(SOURCE)}, "valid_from")
                valid_until = self.day(data | {SOURCE: attribute.get(SOURCE)}, "valid_until")
                if valid_from and valid_until and valid_until < valid_from:
                    self.warn(attribute, "value", _("認定の有効期間が逆のため終了日を空にしました"))
                    valid_until = None
                children["certifications"].append(
                    {
                        "kind": kind,
                        "authority": str(data.get("authority") or "")[:100],
                        "number": str(data.get("number") or "")[:50],
                        "valid_from": valid_from,
                        "valid_until": valid_until,
                    }
                )
        elif code == "closure":
            data = self._json_value(attribute, value)
            if data is not None:
                start = self.day(data | {SOURCE: attribute.get(SOURCE)}, "start_date")
                end = self.day(data | {SOURCE: attribute.get(SOURCE)}, "end_date")
                if start is None or end is None or end < start:
                    self.warn(
                        attribute, "value", _("休業期間の日付が正しくないため読み飛ばしました")
                    )
                else:
                    children["closures"].append(
                        {
                            "start_date": start,
                            "end_date": end,
                            "description": str(data.get("description") or "")[:255],
                        }
                    )

    def _json_value(self, attribute: dict[str, Any], value: str) -> dict[str, Any] | None:
        try:
            data = json.loads(value)
        except json.JSONDecodeError:
            data = None
        if not isinstance(data, dict):
            self.warn(attribute, "value", _("値が JSON オブジェクトではないため読み飛ばしました"))
            return None
        return data

    def _category(self, attribute: dict[str, Any]) -> uuid.UUID | None:
        term = attribute.get("taxonomy_term")
        if isinstance(term, dict) and term.get("id"):
            return self.plan_term(term)
        term_id = attribute.get("taxonomy_term_id")
        if not term_id:
            self.error(attribute, "taxonomy_term_id", _("分類（taxonomy_term_id）がありません"))
            return None
        return uuid.UUID(str(term_id))

    def _languages(self, svc: dict[str, Any]) -> list[str]:
        by_name = {str(label).lower(): value for value, label in Language.choices}
        codes: list[str] = []
        for item in svc.get("languages") or []:
            raw = str(item.get("code") or "").strip()
            code = raw.lower()
            if code not in Language.values and not code.startswith("ja-x"):
                primary = code.split("-")[0]
                code = primary if primary in Language.values else code
            if code not in Language.values:
                code = by_name.get(str(item.get("name") or "").strip().lower(), "")
            if not code:
                self.warn(
                    item,
                    "code",
                    _("対応していない言語コードのため読み飛ばしました: %(value)s")
                    % {"value": raw or item.get("name") or ""},
                )
                continue
            if code not in codes:
                codes.append(code)
        return codes

    def _schedules(self, svc: dict[str, Any]) -> list[dict[str, Any]]:
        items = [(s, False) for s in svc.get("schedules") or []]
        for link in svc.get("service_at_locations") or []:
            items += [(s, True) for s in link.get("schedules") or []]
        rows = []
        for item, from_link in items:
            if from_link:
                self.warn(
                    item,
                    "",
                    _("実施場所ごとの開所時間は、支援全体の開所時間として取り込みました"),
                )
            try:
                (rule,) = opening_hours.from_hsds_schedules([item])
            except (ValueError, TypeError) as error:
                self.warn(
                    item,
                    "",
                    _("開所時間を読めないため読み飛ばしました（%(detail)s）") % {"detail": error},
                )
                continue
            if not rule.byday:
                self.warn(item, "byday", _("曜日（byday）がない開所時間は読み飛ばしました"))
                continue
            if not rule.all_day and (rule.opens_at is None or rule.closes_at is None):
                self.warn(item, "opens_at", _("開始・終了時刻がない開所時間は読み飛ばしました"))
                continue
            messages = opening_hours.validate_rule(rule)
            if messages:
                self.warn(item, "byday", " ".join(str(m) for m in messages))
                continue
            overnight = (
                not rule.all_day and rule.closes_at is not None and rule.closes_at <= rule.opens_at
            )
            rows.append(
                {
                    "hsds_id": _uuid(item),
                    "freq": rule.freq,
                    "byday": rule.byday,
                    "all_day": rule.all_day,
                    "opens_at": rule.opens_at,
                    "closes_at": rule.closes_at,
                    "closes_next_day": overnight,
                    "valid_from": rule.valid_from,
                    "valid_to": rule.valid_to,
                    "description": rule.description[:255],
                }
            )
        return rows

    def _service_areas(self, svc: dict[str, Any]) -> list[dict[str, Any]]:
        rows = []
        for area in svc.get("service_areas") or []:
            code = ""
            if area.get("extent_type") == ext.LG_CODE_TYPE:
                code = str(area.get("extent") or "").strip()
            municipality = geocoding.municipality_by_code(code) if code else None
            if municipality is None and area.get("name"):
                municipality = geocoding.municipality_by_name(str(area["name"]))
            if municipality is None:
                self.warn(
                    area,
                    "extent",
                    _("対象地域を市区町村として特定できないため読み飛ばしました: %(value)s")
                    % {"value": code or area.get("name") or ""},
                )
                continue
            rows.append(
                {
                    "hsds_id": _uuid(area),
                    "municipality_code": municipality.code,
                    "name": self.text(area, "name", ServiceArea, "name") or municipality.full_name,
                    "description": self.text(area, "description", ServiceArea, "description"),
                }
            )
        return rows

    def _cost_option(self, item: dict[str, Any]) -> dict[str, Any]:
        amount = item.get("amount")
        currency = str(item.get("currency") or "JPY").upper()
        description = self.text(item, "amount_description", CostOption, "amount_description")
        value: Decimal | None = None
        if amount is not None:
            try:
                value = Decimal(str(amount)).quantize(Decimal(1))
            except InvalidOperation:
                value = None
            if currency != "JPY" or value is None or abs(value) >= 10**10:
                self.warn(
                    item,
                    "amount",
                    _("円の金額として使えないため、金額の説明に移しました: %(value)s %(currency)s")
                    % {"value": amount, "currency": currency},
                )
                description = f"{description} {amount} {currency}".strip()[:255]
                value = None
        return {
            "hsds_id": _uuid(item),
            "option": self.text(item, "option", CostOption, "option") or _("費用"),
            "amount": value,
            "amount_description": description,
            "valid_from": self.day(item, "valid_from"),
            "valid_to": self.day(item, "valid_to"),
        }

    def _contact(self, item: dict[str, Any]) -> dict[str, Any]:
        phone = ""
        for candidate in item.get("phones") or []:
            number = self.phone_number(candidate)
            if number:
                phone = number
                break
        return {
            "hsds_id": _uuid(item),
            "name": self.text(item, "name", Contact, "name"),
            "title": self.text(item, "title", Contact, "title"),
            "department": self.text(item, "department", Contact, "department"),
            "email": self.email(item, "email"),
            "phone": phone,
        }

    # references

    def check_references(self) -> None:
        plan = self.plan
        known_orgs = set(plan.organizations) | set(
            OrganizationPage.objects.filter(
                hsds_id__in=[s.links["organization"] for s in plan.services.values()]
                + [
                    loc.links["organization"]
                    for loc in plan.locations.values()
                    if loc.links["organization"]
                ]
            ).values_list("hsds_id", flat=True)
        )
        wanted_locations = {
            link["location"]
            for s in plan.services.values()
            for link in s.children["service_at_locations"]
        }
        known_locations = set(plan.locations) | set(
            Location.objects.filter(hsds_id__in=wanted_locations - set(plan.locations)).values_list(
                "hsds_id", flat=True
            )
        )
        wanted_terms = {t for s in plan.services.values() for t in s.links["categories"]}
        wanted_terms |= {t.links["parent"] for t in plan.terms.values() if t.links["parent"]}
        known_terms = set(plan.terms) | set(
            TaxonomyTerm.objects.filter(hsds_id__in=wanted_terms - set(plan.terms)).values_list(
                "hsds_id", flat=True
            )
        )
        for service in plan.services.values():
            if service.links["organization"] not in known_orgs:
                self._dangling(
                    service.source, "organization_id", "organization", service.links["organization"]
                )
            for link in service.children["service_at_locations"]:
                if link["location"] not in known_locations:
                    source = link["_source"].get(SOURCE, service.source)
                    self._dangling(source, "location_id", "location", link["location"])
            for term_id in service.links["categories"]:
                if term_id not in known_terms:
                    self._dangling(service.source, "attributes", "taxonomy_term", term_id)
        for location in plan.locations.values():
            org_id = location.links["organization"]
            if org_id and org_id not in known_orgs:
                self._dangling(location.source, "organization_id", "organization", org_id)
        for term in plan.terms.values():
            parent = term.links["parent"]
            if parent and parent not in known_terms:
                self._dangling(term.source, "parent_id", "taxonomy_term", parent)

    def _dangling(self, source: tuple[str, str], name: str, kind: str, value: uuid.UUID) -> None:
        file, where = source
        if where.startswith("/") or where == "":
            where = f"{where}/{name}"
        self.report.error(
            file=file or self.default_file,
            where=where,
            field=name,
            message=msg_dangling(kind, str(value)),
        )


def _unless_name(description: Any, name: Any) -> str:
    """The export writes the name where a required description is empty; read it back empty."""
    text = str(description or "").strip()
    return "" if text == str(name or "").strip() else text


def _uuid(obj: dict[str, Any]) -> uuid.UUID | None:
    value = obj.get("id")
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def plan_import(package: Package, *, report: Report, default_file: str = "") -> Plan | None:
    plan = Planner(package, report=report, default_file=default_file).run()
    return plan if report.ok else None


# --- 3. apply ------------------------------------------------------------------------------


class Writer:
    """Writes a plan; must run inside one transaction (``import_package`` sees to it)."""

    def __init__(self, plan: Plan, *, report: Report, draft: bool, progress: Progress) -> None:
        self.plan = plan
        self.report = report
        self.draft = draft
        self.progress = progress
        self.taxonomies: dict[uuid.UUID, Taxonomy] = {}
        self.terms: dict[uuid.UUID, TaxonomyTerm] = {}
        self.organizations: dict[uuid.UUID, OrganizationPage] = {}
        self.locations: dict[uuid.UUID, Location] = {}
        self.service_ids: list[int] = []

    def run(self) -> list[int]:
        from directory.services import site_structure_ensure

        self.index = site_structure_ensure()
        self.write_taxonomies()
        self.write_organizations()
        self.write_locations()
        self.write_services()
        return self.service_ids

    def write_taxonomies(self) -> None:
        plan = self.plan
        existing = {t.hsds_id: t for t in Taxonomy.objects.filter(hsds_id__in=plan.taxonomies)}
        by_name = {t.name: t for t in Taxonomy.objects.all()}
        for taxonomy_id, planned in plan.taxonomies.items():
            taxonomy = existing.get(taxonomy_id) or by_name.get(planned.values["name"])
            created = taxonomy is None
            if taxonomy is None:
                taxonomy = Taxonomy(hsds_id=taxonomy_id, **planned.values)
                taxonomy.save()
            elif planned.links["has_detail"]:
                for key, value in planned.values.items():
                    setattr(taxonomy, key, value)
                taxonomy.save()
            self.taxonomies[taxonomy_id] = taxonomy
            self.report.count("taxonomy", created=created)
        wanted = set(plan.terms) | {
            t for s in plan.services.values() for t in s.links["categories"]
        }
        wanted |= {t.links["parent"] for t in plan.terms.values() if t.links["parent"]}
        self.terms = {t.hsds_id: t for t in TaxonomyTerm.objects.filter(hsds_id__in=wanted)}
        codes = {t.code: t for t in TaxonomyTerm.objects.all()}
        for term_id, planned in plan.terms.items():
            taxonomy = self.taxonomies[planned.links["taxonomy"]]
            term = self.terms.get(term_id)
            code = planned.values["code"] or f"t-{term_id.hex[:12]}"
            same_code = codes.get(code)
            if term is None and same_code is not None and same_code.taxonomy_id == taxonomy.pk:
                # Our own categories re-imported into a fresh site: keep the existing term.
                term = same_code
            created = term is None
            if term is None:
                if same_code is not None:
                    code = f"{code[:60]}-{term_id.hex[:8]}"
                term = TaxonomyTerm(hsds_id=term_id, taxonomy=taxonomy, code=code)
            elif term.code != code and code not in codes:
                term.code = code
            term.name = planned.values["name"] or code
            term.description = planned.values["description"]
            term.taxonomy = taxonomy
            term.save()
            codes[term.code] = term
            self.terms[term_id] = term
            self.report.count("taxonomy_term", created=created)
        for term_id, planned in plan.terms.items():
            parent_id = planned.links["parent"]
            term = self.terms[term_id]
            parent = self.terms.get(parent_id) if parent_id else None
            if (parent.pk if parent else None) != term.parent_id:
                term.parent = parent
                term.save(update_fields=["parent"])

    def write_organizations(self) -> None:
        plan = self.plan
        existing = {
            o.hsds_id: o
            for o in OrganizationPage.objects.filter(
                hsds_id__in=set(plan.organizations)
                | {s.links["organization"] for s in plan.services.values()}
                | {
                    loc.links["organization"]
                    for loc in plan.locations.values()
                    if loc.links["organization"]
                }
            ).prefetch_related("phones")
        }
        self.organizations = dict(existing)
        new_pages = []
        items = list(plan.organizations.items())
        for org_id, planned in self.progress(items, _("団体"), len(items)):
            page = existing.get(org_id)
            if page is None:
                page = OrganizationPage(hsds_id=org_id, slug=_slug(planned.values["title"], org_id))
                self._set(page, planned.values)
                page.phones = _merge([], OrganizationPhone, planned.children["phones"])
                new_pages.append((self.index, page))
            elif (
                self._published_as_wanted(page)
                and _values_equal(page, planned.values)
                and _rows_equal(page.phones.all(), planned.children["phones"])
            ):
                pass
            else:
                if page.has_unpublished_changes:
                    page = page.get_latest_revision_as_object()
                self._set(page, planned.values)
                page.phones = _merge(
                    page.phones.all(), OrganizationPhone, planned.children["phones"]
                )
                self._save_page(page, created=False)
            self.organizations[org_id] = page
            self.report.count("organization", created=org_id not in existing)
        bulk.create_pages(pages=new_pages, live=not self.draft)

    def write_locations(self) -> None:
        plan = self.plan
        existing = {
            loc.hsds_id: loc
            for loc in Location.objects.filter(hsds_id__in=plan.locations).prefetch_related(
                "addresses", "phones", "accessibility"
            )
        }
        items = list(plan.locations.items())
        new_locations: list[Location] = []
        for loc_id, planned in self.progress(items, _("拠点"), len(items)):
            location = existing.get(loc_id)
            created = location is None
            if location is None:
                location = Location(hsds_id=loc_id)
            values = dict(planned.values)
            keep_hidden = values["hide_address"] and not created
            if keep_hidden and not planned.links["coordinates_given"]:
                # A hidden address is never exported: re-importing our own export must keep it.
                values.pop("latitude")
                values.pop("longitude")
            if keep_hidden and not values["municipality_code"]:
                values.pop("municipality_code")
            org_id = planned.links["organization"]
            organization = self.organizations.get(org_id) if org_id else None
            if not created and _location_unchanged(
                location, values, planned, organization, keep_hidden=keep_hidden
            ):
                self.locations[loc_id] = location
                self.report.count("location", created=False)
                continue
            self._set(location, values)
            location.organization = organization
            if not (keep_hidden and not planned.children["addresses"]):
                location.addresses = _merge(
                    location.addresses.all() if not created else [],
                    Address,
                    planned.children["addresses"],
                )
            location.phones = _merge(
                location.phones.all() if not created else [],
                LocationPhone,
                planned.children["phones"],
            )
            location.accessibility = _merge(
                location.accessibility.all() if not created else [],
                LocationAccessibility,
                planned.children["accessibility"],
            )
            if created:
                new_locations.append(location)
            else:
                location.save()
            self.locations[loc_id] = location
            self.report.count("location", created=created)
        bulk.create_clusters(new_locations)

    def write_services(self) -> None:
        plan = self.plan
        existing = {
            s.hsds_id: s
            for s in ServicePage.objects.filter(hsds_id__in=plan.services).prefetch_related(
                *SERVICE_CHILDREN, "categories"
            )
        }
        missing_locations = {
            link["location"]
            for s in plan.services.values()
            for link in s.children["service_at_locations"]
            if link["location"] not in self.locations
        }
        self.locations.update(
            {loc.hsds_id: loc for loc in Location.objects.filter(hsds_id__in=missing_locations)}
        )
        items = list(plan.services.items())
        new_pages: list[tuple[OrganizationPage, ServicePage]] = []
        pages: list[ServicePage] = []
        for service_id, planned in self.progress(items, _("支援"), len(items)):
            organization = self.organizations[planned.links["organization"]]
            page = existing.get(service_id)
            created = page is None
            if page is None:
                page = ServicePage(
                    hsds_id=service_id, slug=_slug(planned.values["title"], service_id)
                )
            elif self._service_unchanged(page, planned, organization):
                pages.append(page)
                self.report.count("service", created=False)
                continue
            else:
                if page.has_unpublished_changes:
                    page = page.get_latest_revision_as_object()
                if (
                    not page.path.startswith(organization.path)
                    or page.depth != organization.depth + 1
                ):
                    page.move(organization, pos="last-child")
                    page.refresh_from_db()
            self._set(page, planned.values)
            self._set_service_children(page, planned, created=created)
            page.categories = [
                self.terms[t] for t in dict.fromkeys(planned.links["categories"]) if t in self.terms
            ]
            if created:
                new_pages.append((organization, page))
            else:
                self._save_page(page, created=False)
            pages.append(page)
            self.report.count("service", created=created)
        bulk.create_pages(pages=new_pages, live=not self.draft)
        self.service_ids = [page.pk for page in pages]

    def _published_as_wanted(self, page: Any) -> bool:
        return self.draft or (page.live and not page.has_unpublished_changes)

    def _service_unchanged(
        self, page: ServicePage, planned: Planned, organization: OrganizationPage
    ) -> bool:
        """True when the stored service already says what the file says (no new revision)."""
        if not self._published_as_wanted(page) or page.path[: -page.steplen] != organization.path:
            return False
        if not _values_equal(page, planned.values):
            return False
        terms = {self.terms[t].pk for t in planned.links["categories"] if t in self.terms}
        if {t.pk for t in page.categories.all()} != terms:
            return False
        children = dict(planned.children)
        children["service_at_locations"] = [
            {**link, "location": self.locations[link["location"]]}
            for link in planned.children["service_at_locations"]
        ]
        return all(_rows_equal(getattr(page, name).all(), rows) for name, rows in children.items())

    def _set_service_children(self, page: ServicePage, planned: Planned, *, created: bool) -> None:
        def old(name: str) -> list[Any]:
            return [] if created else list(getattr(page, name).all())

        children = planned.children
        page.phones = _merge(old("phones"), ServicePhone, children["phones"])
        page.schedules = _merge(old("schedules"), Schedule, children["schedules"])
        page.service_areas = _merge(old("service_areas"), ServiceArea, children["service_areas"])
        page.cost_options = _merge(old("cost_options"), CostOption, children["cost_options"])
        page.required_documents = _merge(
            old("required_documents"), RequiredDocument, children["required_documents"]
        )
        page.contacts = _merge(old("contacts"), Contact, children["contacts"])
        page.closures = [Closure(**c) for c in children["closures"]]
        page.certifications = [Certification(**c) for c in children["certifications"]]
        links = [
            {
                "hsds_id": link["hsds_id"],
                "location": self.locations[link["location"]],
                "description": link["description"],
            }
            for link in children["service_at_locations"]
        ]
        page.service_at_locations = _merge(old("service_at_locations"), ServiceAtLocation, links)

    def _set(self, obj: Model, values: dict[str, Any]) -> None:
        for key, value in values.items():
            setattr(obj, key, value)

    def _save_page(self, page: Any, *, created: bool) -> None:
        """Save a changed existing page and publish it (or keep the change as a draft revision).

        New pages go through ``bulk.create_pages``. Publishing is Wagtail's own steps (live
        revision, last published, a log entry) without the ``page_published`` signal: its
        per-page search update would run once per page after the commit, where
        ``import_package`` indexes every service in batches.
        """
        if self.draft:
            page.save_revision(clean=False)
            return
        now = timezone.now()
        page.live, page.has_unpublished_changes, page.expired = True, False, False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = now
        page.draft_title = page.title
        page.save(clean=False)  # validated by the planner
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        type(page).objects.filter(pk=page.pk).update(
            latest_revision=revision,
            live_revision=revision,
            latest_revision_created_at=revision.created_at,
        )
        page.latest_revision = page.live_revision = revision
        log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)


def _values_equal(obj: Any, values: dict[str, Any]) -> bool:
    return all(getattr(obj, key) == value for key, value in values.items())


def _rows_equal(old: Iterable[Any], rows: list[dict[str, Any]]) -> bool:
    """Whether stored children match planned rows, field by field and in order."""
    old = list(old)
    if len(old) != len(rows):
        return False
    for obj, row in zip(old, rows, strict=True):
        for key, value in row.items():
            if key in (SOURCE, "_source"):
                continue
            if isinstance(value, Model):
                if getattr(obj, f"{key}_id") != value.pk:
                    return False
            elif getattr(obj, key) != value:
                return False
    return True


def _location_unchanged(
    location: Location,
    values: dict[str, Any],
    planned: Planned,
    organization: OrganizationPage | None,
    *,
    keep_hidden: bool,
) -> bool:
    if location.organization_id != (organization.pk if organization else None):
        return False
    if not _values_equal(location, values):
        return False
    children = dict(planned.children)
    if keep_hidden and not children["addresses"]:
        children.pop("addresses")
    return all(_rows_equal(getattr(location, name).all(), rows) for name, rows in children.items())


def _slug(title: str, hsds_id: uuid.UUID) -> str:
    base = slugify(title, allow_unicode=True)[:40].strip("-")
    return f"{base}-{hsds_id.hex[:8]}" if base else hsds_id.hex[:12]


def _child(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k != "hsds_id" or v is not None}


def _merge(old: Iterable[Any], model: type[Model], rows: list[dict[str, Any]]) -> list[Any]:
    """Child objects for ``rows``, reusing the existing row with the same HSDS id (its pk)."""
    by_id = {getattr(o, "hsds_id", None): o for o in old}
    result = []
    for row in rows:
        values = _child(row)
        current = by_id.get(values.get("hsds_id"))
        if current is not None:
            for key, value in values.items():
                setattr(current, key, value)
            result.append(current)
        else:
            result.append(model(**values))
    return result


# --- entry point ---------------------------------------------------------------------------


def import_package(
    package: Package,
    *,
    report: Report,
    draft: bool = False,
    progress: Progress | None = None,
    default_file: str = "",
) -> list[int]:
    """Plan and write ``package`` in one transaction; nothing is written if anything fails."""
    plan = plan_import(package, report=report, default_file=default_file)
    if plan is None:
        return []
    try:
        # The reference index (Wagtail's "usage" counts) costs more than the import itself;
        # ``manage.py rebuild_references_index`` fills it afterwards.
        with transaction.atomic(), disable_reference_index_auto_update():
            service_ids = Writer(
                plan, report=report, draft=draft, progress=progress or _no_progress
            ).run()
    except (DatabaseError, ValidationError) as error:
        report.error(
            file=default_file,
            where="",
            message=_("データベースに書き込めませんでした。何も取り込んでいません（%(detail)s）")
            % {"detail": error},
        )
        return []
    if not draft:
        from search.indexing import services_index_now

        batches = [service_ids[i : i + 500] for i in range(0, len(service_ids), 500)]
        for batch in (progress or _no_progress)(batches, _("検索の索引"), len(batches)):
            services_index_now(service_ids=batch)
    return service_ids


def import_path(path: Path, *, draft: bool = False, progress: Progress | None = None) -> Report:
    """Read, check and import ``path``; the report says what happened or why nothing did."""
    report = Report()
    try:
        package = read_source(path, report=report)
        if package is None or not report.ok:
            return report
        import_package(
            package, report=report, draft=draft, progress=progress, default_file=path.name
        )
    except Exception as error:  # a bug of ours must still leave the database untouched
        logger.exception("HSDS import of %s failed", path)
        report.error(
            file=path.name,
            where="",
            message=INTERNAL_ERROR % {"detail": f"{type(error).__name__}: {error}"},
        )
    return report
