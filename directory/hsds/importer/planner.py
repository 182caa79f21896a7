"""Stage 2, plan: every HSDS object of a package becomes a planned record (``plan.Plan``).

Values that are valid HSDS but unusable here become warnings (``values``); ids are resolved
against the file and the database (``references``), a dangling id being an error.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import gettext as _

from directory.hsds.importer.mapping_services import ServiceMapping
from directory.hsds.importer.plan import Plan
from directory.hsds.importer.references import check_references
from directory.hsds.problems import Report
from directory.hsds.tabular import Package


class Planner(ServiceMapping):
    """Turns HSDS objects into planned records, reporting what cannot be used."""

    def __init__(self, package: Package, *, report: Report, default_file: str = "") -> None:
        super().__init__(report=report, default_file=default_file)
        self.package = package
        self.plan = Plan()

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
        self.share_repeated_children()
        check_references(self.plan, report=self.report, default_file=self.default_file)
        return self.plan

    def share_repeated_children(self) -> None:
        """One child object (same id) listed in several places becomes one row per record.

        HSDS files repeat objects: Open Referral's service_full example gives the same phone
        to the organization, the location, the service and a contact, and the same schedule to
        the service and its service_at_location. Within one record the repeat is dropped; on
        another record it becomes a row of its own with a new id, since our ids are unique.
        """
        records = [
            *(("organization", p) for p in self.plan.organizations.values()),
            *(("location", p) for p in self.plan.locations.values()),
            *(("service", p) for p in self.plan.services.values()),
        ]
        seen: dict[tuple[str, str], set[uuid.UUID]] = {}
        for kind, planned in records:
            for name, rows in planned.children.items():
                taken = seen.setdefault((kind, name), set())
                mine: set[uuid.UUID] = set()
                kept = []
                for row in rows:
                    hsds_id = row.get("hsds_id")
                    if hsds_id is not None:
                        if hsds_id in mine:
                            continue
                        mine.add(hsds_id)
                        if hsds_id in taken:
                            row = {**row, "hsds_id": None}
                        taken.add(hsds_id)
                    kept.append(row)
                planned.children[name] = kept


def plan_import(package: Package, *, report: Report, default_file: str = "") -> Plan | None:
    plan = Planner(package, report=report, default_file=default_file).run()
    return plan if report.ok else None
