"""Ids that must exist in the file or in the database; a dangling id is an error.

Optional links (a location's organization, a term's parent) to nothing are errors too, unless
the import is lenient (``Report.lenient_links``): then warnings, the link left empty.
"""

from __future__ import annotations

import uuid

from directory.hsds.importer.plan import Plan
from directory.hsds.problems import Report, msg_dangling, msg_dangling_dropped
from directory.hsds.tabular import SOURCE
from directory.models import Location, OrganizationPage, TaxonomyTerm


def check_references(plan: Plan, *, report: Report, default_file: str = "") -> None:
    """Report every id that neither the file nor the database has."""

    def dangling(source: tuple[str, str], name: str, kind: str, value: uuid.UUID) -> None:
        _dangling(report, default_file, source, name, kind, value, optional=False)

    def unlinked(source: tuple[str, str], name: str, kind: str, value: uuid.UUID) -> None:
        _dangling(report, default_file, source, name, kind, value, optional=True)

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
            dangling(
                service.source, "organization_id", "organization", service.links["organization"]
            )
        for link in service.children["service_at_locations"]:
            if link["location"] not in known_locations:
                source = link["_source"].get(SOURCE, service.source)
                dangling(source, "location_id", "location", link["location"])
        for term_id in service.links["categories"]:
            if term_id not in known_terms:
                dangling(service.source, "attributes", "taxonomy_term", term_id)
    for location in plan.locations.values():
        org_id = location.links["organization"]
        if org_id and org_id not in known_orgs:
            # Optional in HSDS: the location is imported without its organization.
            unlinked(location.source, "organization_id", "organization", org_id)
            location.links["organization"] = None
    for term in plan.terms.values():
        parent = term.links["parent"]
        if parent and parent not in known_terms:
            # Optional in HSDS: the term is imported as a top-level term.
            unlinked(term.source, "parent_id", "taxonomy_term", parent)
            term.links["parent"] = None


def _dangling(
    report: Report,
    default_file: str,
    source: tuple[str, str],
    name: str,
    kind: str,
    value: uuid.UUID,
    *,
    optional: bool,
) -> None:
    """A required link to nothing is an error; an optional one ``Report.dangling``."""
    file, where = source
    if where.startswith("/") or where == "":
        where = f"{where}/{name}"
    if optional:
        report.dangling(
            file=file or default_file,
            where=where,
            field=name,
            message=msg_dangling_dropped(kind, str(value)),
        )
        return
    report.error(
        file=file or default_file,
        where=where,
        field=name,
        message=msg_dangling(kind, str(value)),
    )
