"""Keeping the search index in step with the directory, never losing an update.

Every change is applied after the transaction commits. The database backend is written at
once (it is local, and it is the fallback); other backends (Elasticsearch) only get durable
queue rows there, which the worker (``process_search_queue --loop``, started by ``make run``)
applies: a slow or hung node never holds up a publish. ``SEARCH_QUEUE_DRAIN_ON_COMMIT``
drains in the commit hook as well (the test suite, for fresh results at once). A backend that
is down keeps its rows until the worker, ``process_search_queue`` or
``reconcile_search_index`` replays them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import F
from wagtail.models import Page

from directory.models import ServicePage
from search.backends import BackendUnavailable, get_backend
from search.documents import build_documents, indexable_services
from search.models import IndexQueueEntry

logger = logging.getLogger(__name__)

DATABASE = "database"


def secondary_backends() -> list[str]:
    """Backends that are reached over the network and so go through the durable queue."""
    name = settings.SEARCH_BACKEND
    return [] if name == DATABASE else [name]


def services_index_later(*, service_ids: Iterable[int]) -> None:
    """Re-index (or remove) these services once the current transaction commits."""
    ids = sorted(set(service_ids))
    if ids:
        transaction.on_commit(lambda: services_index_now(service_ids=ids))


def services_index_now(*, service_ids: Sequence[int]) -> None:
    """Bring the given services up to date in every backend; unpublished ones are removed."""
    live = indexable_services().filter(pk__in=service_ids)
    documents = build_documents(live)
    gone = sorted(set(service_ids) - {d.service_id for d in documents})
    database = get_backend(DATABASE)
    if documents:
        database.index(documents)
    if gone:
        database.delete(gone)
    backends = secondary_backends()
    if not backends:
        return
    entries = [
        IndexQueueEntry(backend=name, service_id=d.service_id, action=IndexQueueEntry.Action.INDEX)
        for name in backends
        for d in documents
    ] + [
        IndexQueueEntry(backend=name, service_id=pk, action=IndexQueueEntry.Action.DELETE)
        for name in backends
        for pk in gone
    ]
    IndexQueueEntry.objects.bulk_create(entries)
    if settings.SEARCH_QUEUE_DRAIN_ON_COMMIT:
        for name in backends:
            queue_drain(backend_name=name)


def queue_drain_all() -> dict[str, int]:
    """One pass of the worker: apply what is queued for every secondary backend."""
    return {name: queue_drain(backend_name=name) for name in secondary_backends()}


def queue_drain(*, backend_name: str, batch_size: int = 500) -> int:
    """Apply queued changes in order; stop (keeping the rest) when the backend is down.

    Returns how many queue rows were applied.
    """
    backend = get_backend(backend_name)
    applied = 0
    while True:
        entries = list(IndexQueueEntry.objects.filter(backend=backend_name)[:batch_size])
        if not entries:
            return applied
        # The newest action per service wins; the document is rebuilt from the database now.
        latest: dict[int, str] = {}
        for entry in entries:
            latest[entry.service_id] = entry.action
        to_index = [pk for pk, action in latest.items() if action == IndexQueueEntry.Action.INDEX]
        documents = build_documents(indexable_services().filter(pk__in=to_index))
        to_delete = sorted(set(latest) - {d.service_id for d in documents})
        try:
            if documents:
                backend.index(documents)
            if to_delete:
                backend.delete(to_delete)
        except BackendUnavailable as error:
            IndexQueueEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
                attempts=F("attempts") + 1, last_error=str(error)[:500]
            )
            logger.warning(
                "search backend %s unavailable; %d queued updates kept", backend_name, len(entries)
            )
            return applied
        IndexQueueEntry.objects.filter(pk__in=[e.pk for e in entries]).delete()
        applied += len(entries)


def services_of_organization(*, organization_id: int) -> list[int]:
    organization = Page.objects.filter(pk=organization_id).first()
    if organization is None:
        return []
    return list(ServicePage.objects.descendant_of(organization).values_list("pk", flat=True))


def services_at_location(*, location_id: int) -> list[int]:
    return list(
        ServicePage.objects.filter(service_at_locations__location_id=location_id)
        .values_list("pk", flat=True)
        .distinct()
    )


def services_in_category(*, term_id: int) -> list[int]:
    return list(
        ServicePage.objects.filter(categories__id=term_id).values_list("pk", flat=True).distinct()
    )
