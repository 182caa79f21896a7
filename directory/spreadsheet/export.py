"""The directory in the template, so staff edit in Excel and import it back.

One row per service at each of its locations (rows with the same ID are one service), in the
words the importer reads: choice labels, category names, hours as 「月〜金 9:00-17:00」, closures
one a line. Importing the file unchanged changes nothing (the writer sees equal values and saves
no revision). A hidden address (DV shelters) is left out: a row without an address keeps the
stored one on import.
"""

from __future__ import annotations

import io
from typing import Any

from django.db.models import QuerySet

from directory import hours as opening_hours
from directory.choices import CostCategory, DeliveryMode, Language, ProviderType, TargetGroup
from directory.hsds import selectors
from directory.models import OrganizationPage, ServicePage
from directory.spreadsheet import closures, hours_text, values
from directory.spreadsheet.columns import COLUMNS
from directory.spreadsheet.template import DATA_SHEET, template_xlsx


def export_xlsx(*, organization: OrganizationPage | None = None) -> tuple[bytes, int]:
    """The filled-in template and its number of rows."""
    from openpyxl import load_workbook  # 0.1 s to import; only the export needs it

    rows = export_rows(organization=organization)
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    sheet = workbook[DATA_SHEET]
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(COLUMNS, start=1):
            sheet.cell(row=number, column=index, value=row.get(column.key) or None)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue(), len(rows)


def _services(organization: OrganizationPage | None) -> QuerySet[ServicePage]:
    services = selectors.public_services_full()
    if organization is not None:
        services = services.child_of(organization)
    return services


def export_rows(*, organization: OrganizationPage | None = None) -> list[dict[str, str]]:
    categories = values.Categories()
    rows = []
    services = _services(organization)
    for service, org in selectors.services_with_organizations(services=services):
        base = _service_cells(service, org, categories)
        links = list(service.service_at_locations.all())
        for link in links or [None]:
            rows.append(base | (_location_cells(link.location) if link else {}))
    return rows


def _labels(choices: Any, keys: list[str] | None) -> str:
    names = dict(choices)
    return "、".join(str(names.get(key, key)) for key in keys or [])


def _category_words(service: ServicePage, categories: values.Categories) -> str:
    words = []
    for term in service.categories.all():
        # A name used at two levels means the broad term on import: write the code instead.
        same = categories.by_word.get(values.normalize(term.name))
        words.append(term.name if same == term else term.code)
    return "、".join(words)


def _hours(service: ServicePage) -> str:
    schedules = opening_hours.to_hsds_schedules(opening_hours.hours_from_service(service))
    parts = [hours_text.format_schedules(schedules)] if schedules else []
    if service.closed_on_public_holidays is True:
        parts.append("祝日休み")
    elif service.closed_on_public_holidays is False and schedules:
        parts.append("祝日も開所")
    return "／".join(parts)


def _service_cells(
    service: ServicePage, org: OrganizationPage, categories: values.Categories
) -> dict[str, str]:
    org_phone = next(iter(org.phones.all()), None)
    phone = next(iter(service.phones.all()), None)
    return {
        "organization_name": org.title,
        "provider_type": _labels(ProviderType.choices, [org.provider_type]),
        "organization_phone": org_phone.number if org_phone else "",
        "service_name": service.title,
        "description": service.description,
        "categories": _category_words(service, categories),
        "target_groups": _labels(TargetGroup.choices, service.target_groups),
        "delivery_modes": _labels(DeliveryMode.choices, service.delivery_modes),
        "cost_category": _labels(CostCategory.choices, [service.cost_category])
        if service.cost_category
        else "",
        "fees_description": service.fees_description,
        "application_process": service.application_process,
        "phone": phone.number if phone else "",
        "email": service.email,
        "website": service.website,
        "hours": _hours(service),
        "hours_notes": service.hours_notes,
        "closures": closures.format_closures(list(service.closures.all())),
        "languages": _labels(Language.choices, service.languages),
        "documents": "、".join(d.document for d in service.required_documents.all()),
        "id": str(service.hsds_id),
    }


def _location_cells(location: Any) -> dict[str, str]:
    if location.hide_address:
        return {}
    address = next(iter(location.addresses.all()), None)
    if address is None:
        return {"location_name": location.name}
    return {
        "location_name": location.name,
        "postal_code": address.postal_code,
        "prefecture": address.state_province,
        "city": address.city,
        "street": address.address_1,
        "building": address.address_2,
    }
