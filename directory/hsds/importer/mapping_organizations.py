"""Stage 2, plan: taxonomy terms, organizations and locations as planned records."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from directory import geocoding
from directory.choices import AccessibilityFeature, LocationType, ProviderType
from directory.hsds import extensions as ext
from directory.hsds.importer.plan import Plan, Planned, object_uuid, unless_name
from directory.hsds.importer.values import ValueReader
from directory.hsds.tabular import SOURCE, Package
from directory.models import (
    Address,
    Location,
    LocationAccessibility,
    OrganizationPage,
    Taxonomy,
    TaxonomyTerm,
)
from directory.readings import to_katakana
from directory.validators import (
    normalize_official_number,
    normalize_postal_code,
    validate_corporate_number,
)

CORPORATE_NUMBER_TYPES = {ext.CORPORATE_NUMBER_TYPE, "法人番号", "corporate_number"}


class OrganizationMapping(ValueReader):
    """The planner's taxonomy, organization and location half (see ``planner.Planner``)."""

    package: Package
    plan: Plan

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
                    "description": unless_name(detail.get("description"), taxonomy_name),
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
                "description": unless_name(term.get("description"), term.get("name")),
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
                number = normalize_official_number(str(identifier.get("identifier") or ""))
                try:
                    validate_corporate_number(number)
                except ValidationError as error:
                    self.warn(
                        identifier, "identifier", " ".join(error.messages) + _("。空にしました")
                    )
                else:
                    values["corporate_number"] = number
        for attribute in self._extension_attributes(org, "organization"):
            extension, value = attribute
            if extension.code == "provider_type":
                values["provider_type"] = self.choice(
                    org, "attributes", value, ProviderType, default=ProviderType.OTHER
                )
            elif extension.code == "organization_name_kana":
                values["name_kana"] = to_katakana(value).strip()[:255]
        phones = [
            {"hsds_id": object_uuid(p), "number": number, **self._phone_fields(p)}
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

    def plan_location(self, loc: dict[str, Any]) -> uuid.UUID | None:
        if not loc.get("id"):
            return None
        loc_id = uuid.UUID(str(loc["id"]))
        if loc_id in self.plan.locations:
            return loc_id
        flags: dict[str, Any] = {
            "hide_address": False,
            "accessibility_features": [],
        }
        municipality_code = ""
        identifiers: list[dict[str, Any]] = []
        for extension, value in self._extension_attributes(loc, "location"):
            if extension.code == "hide_address":
                flags["hide_address"] = value.lower() == ext.TRUE
            elif extension.code == "accessibility_feature":
                if self.choice(loc, "attributes", value, AccessibilityFeature, default=None):
                    flags["accessibility_features"].append(value)
            elif extension.code == "municipality_code":
                municipality_code = value
            elif extension.code == "location_name_kana":
                flags["name_kana"] = to_katakana(value).strip()[:255]
            elif extension.code == "location_identifier":
                data = self._json_value(loc, value)
                identifier = self.identifier(loc, data) if data is not None else None
                if identifier is not None:
                    identifiers.append(identifier)
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
                    {"hsds_id": object_uuid(p), "number": number, **self._phone_fields(p)}
                    for p in loc.get("phones") or []
                    if (number := self.phone_number(p))
                ],
                "accessibility": [
                    {
                        "hsds_id": object_uuid(a),
                        "description": self.text(
                            a, "description", LocationAccessibility, "description"
                        )
                        or _("（説明なし）"),
                        "details": str(a.get("details") or ""),
                        "url": self.url(a, "url", LocationAccessibility, "url"),
                    }
                    for a in loc.get("accessibility") or []
                ],
                **({"identifiers": identifiers} if identifiers else {}),
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
            "hsds_id": object_uuid(item),
            "address_type": address_type,
            "postal_code": postal_code,
            "state_province": self.text(item, "state_province", Address, "state_province"),
            "city": self.text(item, "city", Address, "city"),
            "address_1": self.text(item, "address_1", Address, "address_1"),
            "address_2": self.text(item, "address_2", Address, "address_2"),
            "attention": self.text(item, "attention", Address, "attention"),
        }
