"""Rows of the template → HSDS 3.0 ``service_full`` objects for the HSDS importer.

Every cell is checked first and every problem reported with its row and column; only a sheet
without errors is converted. Identity, so that importing a sheet again updates instead of
duplicating:

* an organization is its 団体名: an existing organization page with that title, otherwise a
  UUIDv5 of the name;
* a service is its ID column; without one, the existing service with that name under that
  organization, otherwise a UUIDv5 of organization and name. Rows with the same service are
  that service at several locations;
* a location is the service's existing location at that address, otherwise the organization's
  location at that address, otherwise a UUIDv5 of organization and address.

An existing record starts from its current HSDS form (``directory.hsds.serialize``), so what
the template has no column for (certifications, closures, service areas, …) is kept. A blank
service cell clears that value; blank organization cells and a row without any address keep
what is stored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from directory import geocoding
from directory.hsds import extensions as ext
from directory.hsds import serialize
from directory.hsds.problems import Report, row_label, row_order
from directory.hsds.selectors import organization_prefetches, service_prefetches
from directory.models import Location, OrganizationPage, ServicePage
from directory.spreadsheet import closures, hours_text, values
from directory.spreadsheet.closures import attribute as _attribute
from directory.spreadsheet.columns import BY_KEY, COLUMNS, Level
from directory.spreadsheet.reader import Row

ADDRESS_KEYS = ("postal_code", "prefecture", "city", "street", "building")
# Extension attributes the template's columns decide; the others of an existing service stay.
COLUMN_EXTENSIONS = {
    "target_group": "target_groups",
    "delivery_mode": "delivery_modes",
    "cost_category": "cost_category",
    "hours_note": "hours_notes",
}


def _id(*parts: object) -> str:
    return ext.derived_id("spreadsheet", *parts)


@dataclass
class Converted:
    """The services to import and, for each, where its parts came from in the sheet."""

    services: list[dict[str, Any]] = field(default_factory=list)
    # per service: JSON pointer below the service → (sheet row, column key)
    sources: list[dict[str, tuple[int, str]]] = field(default_factory=list)

    def locate(self, pointer: str) -> tuple[int, str] | None:
        """The sheet row and column of an importer message about ``/3/phones/0/number``."""
        parts = pointer.split("/")
        if len(parts) < 2 or not parts[1].isdigit() or int(parts[1]) >= len(self.sources):
            return None
        rest = "/" + "/".join(parts[2:]) if len(parts) > 2 else ""
        sources = self.sources[int(parts[1])]
        best = max(
            (p for p in sources if rest == p or rest.startswith(p + "/") or p == ""),
            key=len,
        )
        return sources[best]


@dataclass
class _Parsed:
    row: Row
    cells: dict[str, Any]
    place: values.Place | None = None
    hours: hours_text.ParsedHours | None = None


class Converter:
    def __init__(self, rows: list[Row], *, filename: str, report: Report) -> None:
        self.rows = rows
        self.filename = filename
        self.report = report
        self.categories = values.Categories()

    def error(self, row: Row, key: str, message: str) -> None:
        self.report.error(
            file=self.filename,
            where=row_label(row.number),
            field=BY_KEY[key].header if key else "",
            message=message,
        )

    # --- 1. every cell ------------------------------------------------------------------

    def parse(self, row: Row) -> _Parsed:
        parsed = _Parsed(row=row, cells={})
        for column in COLUMNS:
            text = row.get(column.key)
            if not text:
                if column.required:
                    self.error(row, column.key, _("必須です。空欄にはできません"))
                continue
            try:
                parsed.cells[column.key] = self._cell(column.key, text, parsed)
            except (values.CellError, hours_text.HoursError) as error:
                self.error(row, column.key, str(error))
        for key in ("organization_name", "service_name", "location_name"):
            if len(row.get(key)) > 255:
                self.error(row, key, _("255文字以内にしてください"))
        self._place(parsed)
        return parsed

    def _cell(self, key: str, text: str, parsed: _Parsed) -> Any:
        readers = {
            "provider_type": values.provider_type,
            "organization_phone": values.phone,
            "phone": values.phone,
            "categories": self.categories.parse,
            "target_groups": values.target_groups,
            "delivery_modes": values.delivery_modes,
            "cost_category": values.cost_category,
            "languages": values.languages,
            "documents": values.split,
            "postal_code": values.postal_code,
            "email": values.email,
            "website": values.url,
            "id": values.service_id,
            "closures": closures.parse,
        }
        if key == "hours":
            parsed.hours = hours_text.parse(text)
            return parsed.hours
        reader = readers.get(key)
        return reader(text) if reader else " ".join(text.split()) if key.endswith("name") else text

    def _place(self, parsed: _Parsed) -> None:
        row = parsed.row
        if not any(row.get(key) for key in ADDRESS_KEYS):
            return
        prefecture, city = row.get("prefecture"), row.get("city")
        postal = parsed.cells.get("postal_code", "")
        missing = _("住所を書く行では必須です")
        if postal and not (prefecture and city):
            found = geocoding.lookup_postal_code(postal)
            if found is not None:
                prefecture, city = prefecture or found.prefecture, city or found.city
            else:
                missing = _("郵便番号から分からなかったため、書いてください")
        # A postal code that could not be read has its own error; the prefecture and city it
        # would have filled are not reported missing as well.
        postal_unreadable = bool(row.get("postal_code")) and not postal
        ok = not postal_unreadable
        for key, value in (
            ("prefecture", prefecture),
            ("city", city),
            ("street", row.get("street")),
        ):
            if value or (postal_unreadable and key in ("prefecture", "city")):
                continue
            self.error(row, key, missing if key != "street" else _("住所を書く行では必須です"))
            ok = False
        if not ok:
            return
        try:
            municipality = values.municipality(prefecture, city)
        except values.CellError as error:
            self.error(row, "city", str(error))
            return
        parsed.place = values.Place(
            postal_code=postal,
            prefecture=prefecture,
            city=city,
            street=row.get("street"),
            building=row.get("building"),
            municipality=municipality,
        )

    # --- 2. who is who ------------------------------------------------------------------

    def run(self) -> Converted | None:
        self.columns = {key for row in self.rows for key in row.cells}
        parsed = [self.parse(row) for row in self.rows]
        # Rows that name their organization and service are grouped even when other cells
        # are wrong, so that contradictions are reported together with everything else.
        named = [p for p in parsed if "organization_name" in p.cells and "service_name" in p.cells]
        organizations = self._organizations(named)
        groups = self._service_groups(named, organizations)
        if not self.report.ok:
            self.report.problems.sort(key=row_order)
            return None
        return self._build(groups, organizations)

    def _organizations(self, parsed: list[_Parsed]) -> dict[str, dict[str, Any]]:
        names = {p.cells["organization_name"] for p in parsed}
        existing: dict[str, list[OrganizationPage]] = defaultdict(list)
        for page in OrganizationPage.objects.filter(title__in=names).prefetch_related(
            *organization_prefetches()
        ):
            existing[page.title].append(page)
        organizations: dict[str, dict[str, Any]] = {}
        for item in parsed:
            name = item.cells["organization_name"]
            if name in organizations:
                self._same_values(item, organizations[name]["first"], Level.ORGANIZATION)
                continue
            pages = existing.get(name, [])
            if len(pages) > 1:
                self.error(
                    item.row,
                    "organization_name",
                    _(
                        "この名前の団体が %(count)s つ登録されています。管理画面で名前を区別してください"
                    )
                    % {"count": len(pages)},
                )
            page = pages[0] if len(pages) == 1 else None
            organizations[name] = {
                "first": item,
                "page": page,
                "id": str(page.hsds_id) if page else _id("organization", values.normalize(name)),
            }
        return organizations

    def _service_groups(
        self, parsed: list[_Parsed], organizations: dict[str, dict[str, Any]]
    ) -> dict[str, list[_Parsed]]:
        given = [p.cells["id"] for p in parsed if "id" in p.cells]
        by_id = {
            page.hsds_id: page
            for page in ServicePage.objects.filter(hsds_id__in=given).prefetch_related(
                *service_prefetches()
            )
        }
        org_pages = [o["page"] for o in organizations.values() if o["page"] is not None]
        by_name: dict[tuple[int, str], list[ServicePage]] = defaultdict(list)
        for org in org_pages:
            for page in ServicePage.objects.child_of(org).prefetch_related(*service_prefetches()):
                by_name[(org.pk, page.title)].append(page)
        self.existing_services: dict[str, ServicePage] = {}
        groups: dict[str, list[_Parsed]] = {}
        for item in parsed:
            organization = organizations[item.cells["organization_name"]]
            page: ServicePage | None = None
            if "id" in item.cells:
                page = by_id.get(item.cells["id"])
                service_id = str(item.cells["id"])
            else:
                org_page = organization["page"]
                matches = (
                    by_name.get((org_page.pk, item.cells["service_name"]), []) if org_page else []
                )
                if len(matches) > 1:
                    self.error(
                        item.row,
                        "service_name",
                        _(
                            "この団体に同じ名前のサービスが複数あります。「ID」の列で指定してください"
                        ),
                    )
                    continue
                page = matches[0] if matches else None
                service_id = (
                    str(page.hsds_id)
                    if page
                    else _id(
                        "service", organization["id"], values.normalize(item.cells["service_name"])
                    )
                )
            if page is not None:
                self.existing_services[service_id] = page
            if service_id in groups:
                self._same_values(item, groups[service_id][0], Level.SERVICE)
            groups.setdefault(service_id, []).append(item)
        return groups

    def _same_values(self, item: _Parsed, first: _Parsed, level: Level) -> None:
        """Rows of one organization or service must not contradict each other."""
        for column in COLUMNS:
            if column.level != level or column.key == "id":
                continue
            mine, theirs = item.row.get(column.key), first.row.get(column.key)
            if mine and theirs and mine != theirs:
                self.error(
                    item.row,
                    column.key,
                    _("同じ%(what)sの %(row)s 行目と値が違います。同じ値にするか空欄にしてください")
                    % {
                        "what": _("団体") if level == Level.ORGANIZATION else _("サービス"),
                        "row": first.row.number,
                    },
                )

    # --- 3. HSDS objects ----------------------------------------------------------------

    def _build(
        self, groups: dict[str, list[_Parsed]], organizations: dict[str, dict[str, Any]]
    ) -> Converted:
        converted = Converted()
        org_json = {name: self._organization(org, groups) for name, org in organizations.items()}
        self.known_locations = self._organization_locations(organizations)
        for service_id, items in groups.items():
            name = items[0].cells["organization_name"]
            service, sources = self._service(
                service_id, items, organizations[name]["id"], org_json[name]
            )
            converted.services.append(service)
            converted.sources.append(sources)
        return converted

    def _merged(self, items: list[_Parsed]) -> dict[str, Any]:
        """The cells of a group: the first non-blank value of each column."""
        cells: dict[str, Any] = {}
        for item in items:
            for key, value in item.cells.items():
                cells.setdefault(key, value)
        return cells

    def _organization(
        self, org: dict[str, Any], groups: dict[str, list[_Parsed]]
    ) -> dict[str, Any]:
        name = org["first"].cells["organization_name"]
        items = [i for g in groups.values() for i in g if i.cells["organization_name"] == name]
        cells = self._merged(items)
        page = org["page"]
        if page is not None:
            data = serialize.organization_full(organization=page)
            # Its locations are planned from the services' rows, not from their stored form.
            data.pop("locations", None)
        else:
            data = {"id": org["id"], "name": name, "description": ""}
        if "provider_type" in cells:
            data["attributes"] = [
                a for a in data.get("attributes", []) if a.get("link_type") != "provider_type"
            ] + [_attribute(org["id"], "organization", "provider_type", cells["provider_type"])]
        if "organization_phone" in cells:
            phones = data.get("phones") or [{"id": _id("organization-phone", org["id"])}]
            phones[0] = {
                "id": phones[0]["id"],
                "organization_id": org["id"],
                "number": cells["organization_phone"],
            }
            data["phones"] = phones
        return data

    def _organization_locations(self, organizations: dict[str, dict[str, Any]]) -> dict:
        pages = [o["page"] for o in organizations.values() if o["page"] is not None]
        known: dict[tuple[str, str], Location] = {}
        for location in Location.objects.filter(organization__in=pages).prefetch_related(
            "addresses"
        ):
            key = values.location_key(location)
            if key:
                known.setdefault((str(location.organization.hsds_id), key), location)
        return known

    def _service(
        self, service_id: str, items: list[_Parsed], org_id: str, organization: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, tuple[int, str]]]:
        first = items[0].row.number
        cells = self._merged(items)
        page = self.existing_services.get(service_id)
        if page is not None:
            data = serialize.service_full(
                service=page, organization=page.get_parent().specific, with_organization=False
            )
        else:
            data = {"id": service_id, "status": "active"}
        sources: dict[str, tuple[int, str]] = {"": (first, "")}
        for path, key in (
            ("/organization", "organization_name"),
            ("/organization/attributes", "provider_type"),
            ("/organization/phones", "organization_phone"),
            ("/organization_id", "organization_name"),
            ("/name", "service_name"),
            ("/description", "description"),
            ("/url", "website"),
            ("/email", "email"),
            ("/fees_description", "fees_description"),
            ("/application_process", "application_process"),
            ("/phones", "phone"),
            ("/schedules", "hours"),
            ("/languages", "languages"),
            ("/required_documents", "documents"),
        ):
            sources[path] = (first, key)
        old_phones = data.get("phones") or []
        old_docs = {d["document"]: d["id"] for d in data.get("required_documents") or []}
        data |= {
            "organization_id": org_id,
            "organization": organization,
            "name": cells["service_name"],
            "description": cells["description"],
            "url": cells.get("website"),
            "email": cells.get("email"),
            "fees_description": cells.get("fees_description"),
            "application_process": cells.get("application_process"),
            "phones": [],
            "languages": [
                {"id": _id("language", service_id, code), "service_id": service_id, "code": code}
                for code in cells.get("languages", [])
            ],
            "required_documents": [
                {
                    "id": old_docs.get(doc) or _id("document", service_id, doc),
                    "service_id": service_id,
                    "document": doc,
                }
                for doc in cells.get("documents", [])
            ],
        }
        if "phone" in cells:  # the stored first phone keeps its id, extension and type
            first = old_phones[0] if old_phones else {"id": _id("phone", service_id)}
            data["phones"] = [{**first, "service_id": service_id, "number": cells["phone"]}]
        hours, old = cells.get("hours"), [s["id"] for s in data.get("schedules") or []]
        data["schedules"] = [
            {
                "id": old[index] if index < len(old) else _id("schedule", service_id, index),
                "service_id": service_id,
                **schedule,
            }
            for index, schedule in enumerate(hours.schedules if hours else [])
        ]
        data["attributes"] = self._service_attributes(data, service_id, cells, first, sources)
        links = self._links(service_id, items, org_id, page, sources)
        if links is not None:
            data["service_at_locations"] = links
        return {k: v for k, v in data.items() if v not in (None, "")}, sources

    def _service_attributes(
        self,
        data: dict[str, Any],
        service_id: str,
        cells: dict[str, Any],
        first: int,
        sources: dict[str, tuple[int, str]],
    ) -> list[dict[str, Any]]:
        hours = cells.get("hours")
        decided = set(COLUMN_EXTENSIONS)
        if hours is not None and hours.closed_on_public_holidays is not None:
            decided.add("closed_on_public_holidays")
        if "closures" in self.columns:  # an older sheet without 休業期間 keeps the stored ones
            decided.add("closure")
        kept = [
            a
            for a in data.get("attributes", [])
            if a.get("link_type") != ext.CATEGORY_LINK_TYPE and a.get("link_type") not in decided
        ]
        attributes: list[tuple[dict[str, Any], str]] = [(a, "") for a in kept]
        for term in cells.get("categories", []):
            attributes.append(
                (
                    {
                        "id": _id("category", service_id, term.hsds_id),
                        "link_id": service_id,
                        "link_type": ext.CATEGORY_LINK_TYPE,
                        "link_entity": "service",
                        "taxonomy_term_id": str(term.hsds_id),
                    },
                    "categories",
                )
            )
        for code, key in COLUMN_EXTENSIONS.items():
            value = cells.get(key)
            for item in value if isinstance(value, list) else [value] if value else []:
                attributes.append((_attribute(service_id, "service", code, item), key))
        for closure in cells.get("closures", []) if "closure" in decided else []:
            value = json.dumps(closure, ensure_ascii=False)
            attributes.append((_attribute(service_id, "service", "closure", value), "closures"))
        if "closed_on_public_holidays" in decided:
            flag = ext.TRUE if hours.closed_on_public_holidays else ext.FALSE
            attributes.append(
                (_attribute(service_id, "service", "closed_on_public_holidays", flag), "hours")
            )
        for index, (_attr, key) in enumerate(attributes):
            sources[f"/attributes/{index}"] = (first, key)
        return [attribute for attribute, _key in attributes]

    def _links(
        self,
        service_id: str,
        items: list[_Parsed],
        org_id: str,
        page: ServicePage | None,
        sources: dict[str, tuple[int, str]],
    ) -> list[dict[str, Any]] | None:
        placed = [item for item in items if item.place is not None]
        if not placed:
            return None if page is not None else []
        old_links = list(page.service_at_locations.all()) if page is not None else []
        links: list[dict[str, Any]] = []
        seen: set[str] = set()
        for item in placed:
            place = item.place
            assert place is not None
            location = self._location_for(place, org_id, old_links, single=len(placed) == 1)
            location_id = str(location.hsds_id) if location else _id("location", org_id, place.key)
            if location_id in seen:
                continue
            seen.add(location_id)
            old_link = next(
                (lk for lk in old_links if str(lk.location.hsds_id) == location_id), None
            )
            index = len(links)
            links.append(
                {
                    "id": str(old_link.hsds_id)
                    if old_link
                    else _id("link", service_id, location_id),
                    "service_id": service_id,
                    "location_id": location_id,
                    "location": self._location(location_id, location, place, item, org_id),
                }
            )
            prefix = f"/service_at_locations/{index}"
            row = item.row.number
            sources[prefix] = (row, "street")
            sources[f"{prefix}/location/name"] = (row, "location_name")
            address = f"{prefix}/location/addresses/0"
            for field_name, key in (
                ("postal_code", "postal_code"),
                ("state_province", "prefecture"),
                ("city", "city"),
                ("address_1", "street"),
                ("address_2", "building"),
            ):
                sources[f"{address}/{field_name}"] = (row, key)
        return links

    def _location_for(
        self, place: values.Place, org_id: str, old_links: list[Any], *, single: bool
    ) -> Location | None:
        for link in old_links:
            if values.location_key(link.location) == place.key:
                return link.location
        if single and len(old_links) == 1:
            return old_links[0].location  # the service moved: the same place, a new address
        return self.known_locations.get((org_id, place.key))

    def _location(
        self,
        location_id: str,
        stored: Location | None,
        place: values.Place,
        item: _Parsed,
        org_id: str,
    ) -> dict[str, Any]:
        data = serialize.location(location=stored) if stored else {"id": location_id}
        data.setdefault("location_type", "physical")
        data["organization_id"] = org_id
        name = item.cells.get("location_name") or data.get("name") or place.building
        data["name"] = name or f"{place.city}{place.street}"
        old_address = (data.get("addresses") or [{}])[0]
        data["addresses"] = [
            {
                "id": old_address.get("id") or _id("address", location_id),
                "location_id": location_id,
                "address_1": place.street,
                "address_2": place.building,
                "city": place.city,
                "state_province": place.prefecture,
                "postal_code": place.postal_code,
                "country": "JP",
                "address_type": "physical",
            }
        ]
        if not place.building:
            data["addresses"][0].pop("address_2")
        if data.get("external_identifier_type") in (None, ext.LG_CODE_TYPE):
            data["external_identifier"] = place.municipality.code
            data["external_identifier_type"] = ext.LG_CODE_TYPE
        moved = stored is None or values.location_key(stored) != place.key
        hidden = stored is not None and stored.hide_address
        if (moved or data.get("latitude") is None) and not hidden:
            point = geocoding.geocode(
                f"〒{place.postal_code} {place.prefecture}{place.city}{place.street}"
                if place.postal_code
                else f"{place.prefecture}{place.city}",
                mode="offline",
            )
            if point is not None:
                data["latitude"], data["longitude"] = point.latitude, point.longitude
        return data


def convert_rows(rows: list[Row], *, filename: str, report: Report) -> Converted | None:
    """HSDS services for ``rows``, or None when ``report`` has errors."""
    return Converter(rows, filename=filename, report=report).run()
