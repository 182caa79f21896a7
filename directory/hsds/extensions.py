"""The つなぐ extension taxonomy: what HSDS 3.0 has no field for travels as ``attributes``.

Each extension is one ``taxonomy_term`` of the taxonomy ``tsunagu`` with a stable code and a
stable UUID, so a third-party client can look the term up and our importer can read it back.
The value of the attribute carries the data (docs/hsds.md has the table).
Generated ids (attributes, languages, identifiers) are UUIDv5 of what they describe, so an
export is byte-for-byte repeatable and a re-import updates instead of duplicating.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

# Never change: every id below is derived from it.
NAMESPACE = uuid.UUID("8c0d323f-17d5-452a-8649-cd233366ac14")

TAXONOMY_NAME = "tsunagu"
TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy:tsunagu")
TAXONOMY_VERSION = "1"
TAXONOMY_DESCRIPTION = (
    "つなぐの拡張項目（HSDS 3.0 にない日本の制度の情報）。"
    "Extensions for Japanese practice that HSDS 3.0 has no field for."
)

# Where 全国地方公共団体コード appears (service_area.extent_type, location.external_identifier_type).
LG_CODE_TYPE = "jp_local_government_code"
# org-id.guide scheme of the 法人番号 (National Tax Agency corporate number).
CORPORATE_NUMBER_SCHEME = "JP-JCN"
CORPORATE_NUMBER_TYPE = "japan_corporate_number"
CATEGORY_LINK_TYPE = "category"
TRUE, FALSE = "true", "false"


@dataclass(frozen=True)
class Extension:
    code: str
    entity: str  # HSDS link_entity: service, organization or location
    name: str
    description: str
    multiple: bool = False  # one attribute per value

    @property
    def term_id(self) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, f"taxonomy_term:tsunagu:{self.code}")


EXTENSIONS: tuple[Extension, ...] = (
    Extension(
        "provider_type",
        "organization",
        "法人の種類 / Provider type",
        "OrganizationPage.provider_type (directory.choices.ProviderType)",
    ),
    Extension(
        "target_group",
        "service",
        "対象 / Target group",
        "ServicePage.target_groups, one attribute per value",
        multiple=True,
    ),
    Extension(
        "delivery_mode",
        "service",
        "支援の受け方 / Delivery mode",
        "ServicePage.delivery_modes, one attribute per value",
        multiple=True,
    ),
    Extension(
        "availability",
        "service",
        "受付状況 / Availability",
        "ServicePage.availability: accepting, waitlist, paused",
    ),
    Extension(
        "capacity_note",
        "service",
        "受付状況のメモ / Capacity note",
        "ServicePage.capacity_note (free text; HSDS 3.1 service_capacity)",
    ),
    Extension(
        "cost_category",
        "service",
        "費用 / Cost category",
        "ServicePage.cost_category: free, low_cost, fee",
    ),
    Extension(
        "public_interest_activity",
        "service",
        "地域における公益的な取組 / Public-interest activity of a social welfare corporation",
        "true or false",
    ),
    Extension(
        "public_assistance_ok",
        "service",
        "生活保護を受けている方も利用できる / Open to people on public assistance",
        "true or false",
    ),
    Extension(
        "certification",
        "service",
        "認定・指定 / Certification",
        "JSON: kind, authority, number, valid_from, valid_until",
        multiple=True,
    ),
    Extension(
        "closed_on_public_holidays",
        "service",
        "祝日は休み / Closed on public holidays",
        "true or false",
    ),
    Extension(
        "closure",
        "service",
        "休業期間 / Closure",
        "JSON: start_date, end_date, description (both dates inclusive)",
        multiple=True,
    ),
    Extension(
        "hours_note",
        "service",
        "開所時間の補足 / Notes on opening hours",
        "ServicePage.hours_notes (free text)",
    ),
    Extension(
        "hide_address",
        "location",
        "住所を公開しない / Address withheld",
        "true: the address and coordinates are withheld from public data",
    ),
    Extension(
        "accessibility_feature",
        "location",
        "バリアフリー / Accessibility feature",
        "Location.accessibility_features, one attribute per value",
        multiple=True,
    ),
    Extension(
        "municipality_code",
        "location",
        "全国地方公共団体コード / Local government code",
        "Location.municipality_code when external_identifier holds another id",
    ),
    Extension(
        "service_identifier",
        "service",
        "事業所番号などの番号 / Official identifier",
        "JSON: identifier_scheme, identifier_type, identifier (ServicePage.identifiers); "
        "also listed in the organization's organization_identifiers",
        multiple=True,
    ),
    Extension(
        "location_identifier",
        "location",
        "事業所番号などの番号 / Official identifier",
        "JSON: identifier_scheme, identifier_type, identifier (Location.identifiers); "
        "also listed in the organization's organization_identifiers",
        multiple=True,
    ),
    Extension(
        "location_name_kana",
        "location",
        "よみがな / Reading of the name",
        "Location.name_kana, in katakana (名称_カナ)",
    ),
    Extension(
        "service_name_kana",
        "service",
        "よみがな / Reading of the name",
        "ServicePage.name_kana, in katakana (名称_カナ)",
    ),
    Extension(
        "organization_name_kana",
        "organization",
        "よみがな / Reading of the name",
        "OrganizationPage.name_kana, in katakana (名称_カナ)",
    ),
)
BY_CODE: dict[str, Extension] = {e.code: e for e in EXTENSIONS}
BY_TERM_ID: dict[str, Extension] = {str(e.term_id): e for e in EXTENSIONS}


def derived_id(*parts: object) -> str:
    """A stable UUID for a record we store without an id of its own (UUIDv5)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def taxonomy_object() -> dict[str, str]:
    return {
        "id": str(TAXONOMY_ID),
        "name": TAXONOMY_NAME,
        "description": TAXONOMY_DESCRIPTION,
        "version": TAXONOMY_VERSION,
    }


def term_object(extension: Extension) -> dict[str, str]:
    return {
        "id": str(extension.term_id),
        "code": extension.code,
        "name": extension.name,
        "description": extension.description,
        "taxonomy": TAXONOMY_NAME,
        "taxonomy_id": str(TAXONOMY_ID),
    }
