"""Repair drift between the directory and a search index (and roll the hours window forward)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from search.backends import get_backend
from search.documents import indexable_services, iter_documents
from search.indexing import DATABASE, queue_drain


@dataclass(frozen=True)
class ReconcileReport:
    backend: str
    missing: int
    stale: int
    extra: int
    queued_applied: int


def index_reconcile(*, backend_name: str | None = None, fix: bool = True) -> ReconcileReport:
    """Compare each published service's document version with what the index holds."""
    name = backend_name or settings.SEARCH_BACKEND
    backend = get_backend(name)
    applied = queue_drain(backend_name=name) if fix and name != DATABASE else 0
    indexed = backend.indexed_versions()
    live_ids = set(indexable_services().values_list("pk", flat=True))
    missing = stale = 0
    for batch in iter_documents():
        to_index = []
        for document in batch:
            version = indexed.get(document.service_id)
            if version is None:
                missing += 1
                to_index.append(document)
            elif version != document.version:
                stale += 1
                to_index.append(document)
        if fix and to_index:
            backend.index(to_index)
    extra_ids = sorted(set(indexed) - live_ids)
    if fix and extra_ids:
        backend.delete(extra_ids)
    return ReconcileReport(
        backend=name, missing=missing, stale=stale, extra=len(extra_ids), queued_applied=applied
    )
