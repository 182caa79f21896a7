"""Our models as HSDS 3.0 objects, for the public API and the export.

Only what the public may see: a location with ``hide_address`` (DV shelters) loses its
addresses, coordinates and directions, here and nowhere else, so no caller can forget it.
Japanese extensions become ``attributes`` of the ``tsunagu`` taxonomy (extensions.py) and the
法人番号 an ``organization_identifier``; docs/hsds.md is the mapping table.
Empty values are left out rather than written as "" because HSDS formats (uri, email) reject "".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from directory import hours as opening_hours
from directory.choices import Language
from directory.hsds import extensions as ext
from directory.models import (
    Address,
    Location,
    OrganizationPage,
    ServiceAtLocation,
    ServicePage,
    Taxonomy,
    TaxonomyTerm,
)

HSDS_VERSION = "3.0"
COUNTRY = "JP"

# One-to-one fields of a service, the whole of an item in /services (compiled/service_list.json).
SERVICE_LIST_FIELDS = (
    "id",
    "organization_id",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "interpretation_services",
    "application_process",
    "fees_description",
    "accreditations",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "assurer_email",
    "alert",
    "last_modified",
)
ORGANIZATION_LIST_FIELDS = (
    "id",
    "name",
    "alternate_name",
    "description",
    "email",
    "website",
    "year_incorporated",
    "legal_status",
)
LOCATION_LIST_FIELDS = (
    "id",
    "location_type",
    "url",
    "organization_id",
    "name",
    "alternate_name",
    "description",
    "transportation",
    "latitude",
    "longitude",
    "external_identifier",
    "external_identifier_type",
)


def compact(values: Mapping[str, Any], *, keep: Iterable[str] = ()) -> dict[str, Any]:
    """Drop None, "" and [] (except the keys in ``keep``, which HSDS requires)."""
    kept = set(keep)
    return {k: v for k, v in values.items() if k in kept or v not in (None, "", [])}


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def _number(value: Any) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# --- taxonomy ------------------------------------------------------------------------------


def taxonomy(*, taxonomy: Taxonomy) -> dict[str, Any]:
    return compact(
        {
            "id": str(taxonomy.hsds_id),
            "name": taxonomy.name,
            # Required, and a CSV cannot tell "" from missing: the name stands in (and is read
            # back as empty by the importer).
            "description": taxonomy.description or taxonomy.name,
            "uri": taxonomy.uri,
            "version": taxonomy.version,
        },
        keep=("description",),
    )


def taxonomy_term(*, term: TaxonomyTerm, with_taxonomy: bool = False) -> dict[str, Any]:
    """``term.parent`` and ``term.taxonomy`` should be select_related by the caller."""
    values = {
        "id": str(term.hsds_id),
        "code": term.code,
        "name": term.name,
        "description": term.description or term.name,  # required; see taxonomy()
        "parent_id": str(term.parent.hsds_id) if term.parent_id else None,
        "taxonomy": term.taxonomy.name,
        "taxonomy_id": str(term.taxonomy.hsds_id),
        "language": "ja",
    }
    if with_taxonomy:
        values["taxonomy_detail"] = taxonomy(taxonomy=term.taxonomy)
    return compact(values, keep=("description",))


def _attribute(
    *, link_id: str, entity: str, extension: ext.Extension, value: str
) -> dict[str, Any]:
    return {
        "id": ext.derived_id("attribute", link_id, extension.code, value),
        "link_id": link_id,
        "link_type": extension.code,
        "link_entity": entity,
        "taxonomy_term_id": str(extension.term_id),
        "value": value,
        "taxonomy_term": ext.term_object(extension),
    }


def _extension_attributes(
    *, link_id: str, entity: str, values: Iterable[tuple[str, Any]]
) -> list[dict[str, Any]]:
    """Attributes for (code, value) pairs; lists give one attribute per item, booleans text."""
    attributes = []
    for code, value in values:
        extension = ext.BY_CODE[code]
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            if item is None or item == "":
                continue
            if isinstance(item, bool):
                item = ext.TRUE if item else ext.FALSE
            elif isinstance(item, dict):
                item = json.dumps(compact(item), ensure_ascii=False, sort_keys=True)
            attributes.append(
                _attribute(link_id=link_id, entity=entity, extension=extension, value=str(item))
            )
    return attributes


def _category_attribute(*, service_id: str, term: TaxonomyTerm) -> dict[str, Any]:
    return {
        "id": ext.derived_id("attribute", service_id, "category", term.hsds_id),
        "link_id": service_id,
        "link_type": ext.CATEGORY_LINK_TYPE,
        "link_entity": "service",
        "taxonomy_term_id": str(term.hsds_id),
        "taxonomy_term": taxonomy_term(term=term),
    }


# --- location ------------------------------------------------------------------------------


def _phone(phone: Any, **links: str) -> dict[str, Any]:
    extension = str(phone.extension or "").strip()
    return compact(
        {
            "id": str(phone.hsds_id),
            **links,
            "number": phone.number,
            # HSDS phone.extension is a number; non-numeric extensions go into the description.
            "extension": int(extension) if extension.isdigit() else None,
            "type": phone.type,
            "description": phone.description
            if extension.isdigit() or not extension
            else " ".join(filter(None, [phone.description, f"({extension})"])),
        }
    )


def address(*, address: Address, location_id: str) -> dict[str, Any]:
    return compact(
        {
            "id": str(address.hsds_id),
            "location_id": location_id,
            "attention": address.attention,
            "address_1": address.address_1,
            "address_2": address.address_2,
            "city": address.city,
            "state_province": address.state_province,
            "postal_code": address.postal_code,
            "country": address.country or COUNTRY,
            "address_type": address.address_type,
        },
        keep=("address_1", "city", "state_province", "postal_code", "country", "address_type"),
    )


def location_basic(*, location: Location) -> dict[str, Any]:
    """One-to-one fields; coordinates and directions are withheld for a hidden address."""
    hidden = location.hide_address
    external_id, external_type = location.external_identifier, location.external_identifier_type
    if not external_id and location.municipality_code and not hidden:
        external_id, external_type = location.municipality_code, ext.LG_CODE_TYPE
    return compact(
        {
            "id": str(location.hsds_id),
            "location_type": location.location_type,
            "url": location.url,
            "organization_id": _organization_id(location),
            "name": location.name,
            "alternate_name": location.alternate_name,
            "description": location.description,
            "transportation": None if hidden else location.transportation,
            "latitude": None if hidden else location.latitude,
            "longitude": None if hidden else location.longitude,
            "external_identifier": external_id,
            "external_identifier_type": external_type,
        }
    )


def _identifiers(owner: Location | ServicePage) -> list[dict[str, str]]:
    """事業所番号 and other official numbers of a service or location (prefetched)."""
    return [
        {"identifier_scheme": i.scheme, "identifier_type": i.type, "identifier": i.value}
        for i in owner.identifiers.all()
    ]


def _organization_id(location: Location) -> str | None:
    organization = location.organization
    return str(organization.hsds_id) if organization is not None else None


def location(*, location: Location) -> dict[str, Any]:
    """``location.organization`` should be select_related, its children prefetched."""
    location_id = str(location.hsds_id)
    values = location_basic(location=location)
    if not location.hide_address:
        values["addresses"] = [
            address(address=a, location_id=location_id) for a in location.addresses.all()
        ]
    values["phones"] = [_phone(p, location_id=location_id) for p in location.phones.all()]
    values["accessibility"] = [
        compact(
            {
                "id": str(a.hsds_id),
                "location_id": location_id,
                "description": a.description,
                "details": a.details,
                "url": a.url,
            }
        )
        for a in location.accessibility.all()
    ]
    municipality_code = (
        location.municipality_code
        if location.external_identifier and location.municipality_code and not location.hide_address
        else None
    )
    values["attributes"] = _extension_attributes(
        link_id=location_id,
        entity="location",
        values=[
            ("hide_address", location.hide_address),
            ("accessibility_feature", list(location.accessibility_features or [])),
            ("municipality_code", municipality_code),
            ("location_identifier", _identifiers(location)),
            ("location_name_kana", location.name_kana),
        ],
    )
    return compact(values)


# --- organization --------------------------------------------------------------------------


def organization_basic(*, organization: OrganizationPage) -> dict[str, Any]:
    return compact(
        {
            "id": str(organization.hsds_id),
            "name": organization.title,
            "alternate_name": organization.alternate_name,
            "description": organization.description,
            "email": organization.email,
            "website": organization.website,
            "year_incorporated": organization.year_incorporated,
            "legal_status": organization.legal_status,
        },
        keep=("description",),
    )


def organization_full(
    *,
    organization: OrganizationPage,
    services: list[dict[str, Any]] | None = None,
    of_services: Iterable[ServicePage] = (),
) -> dict[str, Any]:
    """compiled/organization.json; ``services`` (already serialized) are added when given.

    The 法人番号 and the numbers of ``of_services`` (事業所番号 …) are its identifiers.
    """
    organization_id = str(organization.hsds_id)
    values = organization_basic(organization=organization)
    values["phones"] = [
        _phone(p, organization_id=organization_id) for p in organization.phones.all()
    ]
    values["locations"] = [location(location=loc) for loc in organization.locations.all()]
    identifiers = []
    if organization.corporate_number:
        identifiers.append(
            {
                "id": ext.derived_id("organization_identifier", organization_id),
                "organization_id": organization_id,
                "identifier_scheme": ext.CORPORATE_NUMBER_SCHEME,
                "identifier_type": ext.CORPORATE_NUMBER_TYPE,
                "identifier": organization.corporate_number,
            }
        )
    for owner in [*organization.locations.all(), *of_services]:
        identifiers += [
            {
                "id": ext.derived_id("organization_identifier", owner.hsds_id, i.type, i.value),
                "organization_id": organization_id,
                **number,
            }
            for i, number in zip(owner.identifiers.all(), _identifiers(owner), strict=True)
        ]
    values["organization_identifiers"] = identifiers
    values["attributes"] = _extension_attributes(
        link_id=organization_id,
        entity="organization",
        values=[
            ("provider_type", organization.provider_type),
            ("organization_name_kana", organization.name_kana),
        ],
    )
    if services is not None:
        values["services"] = services
    return compact(values, keep=("description",))


# --- service -------------------------------------------------------------------------------


def _last_modified(service: ServicePage) -> str | None:
    moment = service.last_published_at or service.latest_revision_created_at
    return moment.isoformat() if moment else None


def service_basic(*, service: ServicePage, organization: OrganizationPage) -> dict[str, Any]:
    certifications = list(service.certifications.all())
    accreditations = "、".join(
        f"{c.get_kind_display()}（{c.authority}）" for c in certifications if c.authority
    )
    return compact(
        {
            "id": str(service.hsds_id),
            "organization_id": str(organization.hsds_id),
            "name": service.title,
            "alternate_name": service.alternate_name,
            "description": service.description,
            "url": service.website,
            "email": service.email,
            "status": service.status,
            "interpretation_services": service.interpretation_services,
            "application_process": service.application_process,
            "fees_description": service.fees_description,
            # Readable for other HSDS clients; the structured form is the certification attribute.
            "accreditations": accreditations,
            "eligibility_description": service.eligibility_description,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": _date(service.assured_date),
            "assurer_email": service.assurer_email,
            "alert": service.alert,
            "last_modified": _last_modified(service),
        }
    )


def service_list_item(*, service: ServicePage, organization: OrganizationPage) -> dict[str, Any]:
    values = service_basic(service=service, organization=organization)
    values["organization"] = organization_basic(organization=organization)
    return values


def _schedules(service: ServicePage) -> list[dict[str, Any]]:
    rows = list(service.schedules.all())
    items = opening_hours.to_hsds_schedules(opening_hours.hours_from_service(service))
    return [
        compact({"id": str(row.hsds_id), "service_id": str(service.hsds_id), **item})
        for row, item in zip(rows, items, strict=True)
    ]


def _service_areas(service: ServicePage) -> list[dict[str, Any]]:
    return [
        compact(
            {
                "id": str(area.hsds_id),
                "service_id": str(service.hsds_id),
                "name": area.name,
                "description": area.description,
                "extent": area.municipality_code,
                "extent_type": ext.LG_CODE_TYPE,
            }
        )
        for area in service.service_areas.all()
    ]


def _languages(service: ServicePage) -> list[dict[str, Any]]:
    names = dict(Language.choices)
    service_id = str(service.hsds_id)
    return [
        compact(
            {
                "id": ext.derived_id("language", service_id, code),
                "service_id": service_id,
                "name": str(names.get(code, code)),
                "code": code,
            }
        )
        for code in service.languages or []
    ]


def _service_at_location(link: ServiceAtLocation, service_id: str) -> dict[str, Any]:
    return compact(
        {
            "id": str(link.hsds_id),
            "service_id": service_id,
            "location_id": str(link.location.hsds_id),
            "description": link.description,
            "location": location(location=link.location),
        }
    )


def _service_attributes(service: ServicePage) -> list[dict[str, Any]]:
    service_id = str(service.hsds_id)
    attributes = [
        _category_attribute(service_id=service_id, term=term) for term in service.categories.all()
    ]
    certifications = [
        {
            "kind": c.kind,
            "authority": c.authority,
            "number": c.number,
            "valid_from": _date(c.valid_from),
            "valid_until": _date(c.valid_until),
        }
        for c in service.certifications.all()
    ]
    closures = [
        {
            "start_date": _date(c.start_date),
            "end_date": _date(c.end_date),
            "description": c.description,
        }
        for c in service.closures.all()
    ]
    attributes += _extension_attributes(
        link_id=service_id,
        entity="service",
        values=[
            ("target_group", list(service.target_groups or [])),
            ("delivery_mode", list(service.delivery_modes or [])),
            ("availability", service.availability),
            ("capacity_note", service.capacity_note),
            ("cost_category", service.cost_category),
            ("public_interest_activity", service.public_interest_activity),
            ("public_assistance_ok", service.public_assistance_ok),
            ("certification", certifications),
            ("closed_on_public_holidays", service.closed_on_public_holidays),
            ("closure", closures),
            ("hours_note", service.hours_notes),
            ("service_identifier", _identifiers(service)),
            ("service_name_kana", service.name_kana),
        ],
    )
    return attributes


def service_full(
    *,
    service: ServicePage,
    organization: OrganizationPage,
    with_organization: bool = True,
) -> dict[str, Any]:
    """compiled/service.json; the caller prefetches (selectors.service_prefetches)."""
    service_id = str(service.hsds_id)
    values = service_basic(service=service, organization=organization)
    values["phones"] = [_phone(p, service_id=service_id) for p in service.phones.all()]
    values["schedules"] = _schedules(service)
    values["service_areas"] = _service_areas(service)
    values["service_at_locations"] = [
        _service_at_location(link, service_id) for link in service.service_at_locations.all()
    ]
    values["languages"] = _languages(service)
    if with_organization:
        values["organization"] = organization_full(organization=organization, of_services=[service])
    values["cost_options"] = [
        compact(
            {
                "id": str(c.hsds_id),
                "service_id": service_id,
                "option": c.option,
                "amount": _number(c.amount),
                "currency": c.currency,
                "amount_description": c.amount_description,
                "valid_from": _date(c.valid_from),
                "valid_to": _date(c.valid_to),
            }
        )
        for c in service.cost_options.all()
    ]
    values["required_documents"] = [
        compact(
            {
                "id": str(d.hsds_id),
                "service_id": service_id,
                "document": d.document,
                "uri": d.uri,
            }
        )
        for d in service.required_documents.all()
    ]
    values["contacts"] = [_contact(c, service_id) for c in service.contacts.all()]
    values["attributes"] = _service_attributes(service)
    return compact(values)


def _contact(contact: Any, service_id: str) -> dict[str, Any]:
    contact_id = str(contact.hsds_id)
    phones = []
    if contact.phone:
        phones.append(
            {
                "id": ext.derived_id("contact_phone", contact_id),
                "contact_id": contact_id,
                "number": contact.phone,
            }
        )
    return compact(
        {
            "id": contact_id,
            "service_id": service_id,
            "name": contact.name,
            "title": contact.title,
            "department": contact.department,
            "email": contact.email,
            "phones": phones,
        }
    )


def service_at_location_list_item(*, link: ServiceAtLocation) -> dict[str, Any]:
    """compiled/service_at_location_list.json; ``link.service`` carries ``organization_page``."""
    service = link.service
    return compact(
        {
            "id": str(link.hsds_id),
            "service_id": str(service.hsds_id),
            "location_id": str(link.location.hsds_id),
            "description": link.description,
            "location": location_basic(location=link.location),
            "service": service_list_item(service=service, organization=service.organization_page),
        }
    )
