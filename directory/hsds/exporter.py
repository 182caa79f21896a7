"""Export everything published as HSDS 3.0: JSON (``service_full`` list) or a tabular package.

Services are serialized in batches, each with a fixed number of queries, so memory stays flat
on a large directory. The output is checked against the schemas before it is reported done.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from directory.hsds import extensions as ext
from directory.hsds import selectors, serialize
from directory.hsds.tabular import TableWriter
from directory.hsds.validation import SchemaError, schema_errors
from directory.models import TaxonomyTerm

BATCH = 500

Progress = Callable[[Iterable[Any], str, int], Iterable[Any]]


def _no_progress(iterable: Iterable[Any], _desc: str, _total: int) -> Iterable[Any]:
    return iterable


def services_full(*, progress: Progress = _no_progress) -> Iterator[dict[str, Any]]:
    """Every public service as ``service_full``, in tree order."""
    ids = list(selectors.public_services().order_by("path").values_list("pk", flat=True))
    batches = [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]
    for batch in progress(batches, "services", len(batches)):
        services = selectors.public_services_full().filter(pk__in=batch)
        for service, organization in selectors.services_with_organizations(services=services):
            yield serialize.service_full(service=service, organization=organization)


def organizations_without_services() -> list[dict[str, Any]]:
    """Published organizations that have no published service (a service list misses them)."""
    with_services = selectors.public_services().values("parent_path")
    organizations = (
        selectors.public_organizations()
        .exclude(path__in=with_services)
        .prefetch_related(*selectors.organization_prefetches())
        .order_by("path")
    )
    return [serialize.organization_full(organization=o) for o in organizations]


def export_json(path: Path, *, progress: Progress = _no_progress) -> int:
    """Write a JSON array of ``service_full``; returns how many services."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for item in services_full(progress=progress):
            handle.write(",\n" if count else "\n")
            handle.write(json.dumps(item, ensure_ascii=False, indent=1))
            count += 1
        handle.write("\n]\n")
    return count


def export_tabular(folder: Path, *, progress: Progress = _no_progress) -> int:
    """Write the CSV files and datapackage.json of the HSDS tabular format."""
    writer = TableWriter()
    count = 0
    for item in services_full(progress=progress):
        writer.add("service", item)
        count += 1
    for organization in organizations_without_services():
        writer.add("organization", organization)
    terms = TaxonomyTerm.objects.select_related("taxonomy", "parent").order_by("pk")
    for term in terms:
        writer.add("taxonomy_term", serialize.taxonomy_term(term=term, with_taxonomy=True))
    writer.add("taxonomy", ext.taxonomy_object())
    for extension in ext.EXTENSIONS:
        writer.add("taxonomy_term", ext.term_object(extension))
    writer.write(folder)
    return count


def check_json(path: Path) -> list[SchemaError]:
    """Schema violations in an exported JSON file (empty when it is valid HSDS)."""
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    return [
        error
        for index, item in enumerate(data)
        for error in schema_errors(item, kind="service", pointer=f"/{index}")
    ]
