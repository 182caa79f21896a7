"""Creating many new pages and locations at once, for imports of thousands of records.

Saving a Wagtail page one by one costs tens of queries (tree insert, validation, children,
revision, search index, reference index, signals); 10,000 services would take an hour. New
records are therefore inserted in batches: tree paths are computed as treebeard would
(``_get_path``), the ``Page`` rows and the specific rows are inserted with bulk inserts (Django's
``bulk_create`` refuses multi-table inheritance, so the specific table gets a raw insert, as
fixtures do), children and revisions follow with ``bulk_create``, and Wagtail's own search
index is filled with ``add_bulk``. Each page still gets its revision, live revision and a
publish log entry, as if published in the admin. Signals are not sent: the importer indexes
the services for search once, after the commit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Model
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backends

BATCH = 500


def create_pages(*, pages: Sequence[tuple[Page, Page]], live: bool) -> None:
    """Insert new specific pages (unsaved, children assigned in memory) under their parents.

    ``pages`` are (parent, page) pairs; every page must be of one model.
    """
    if not pages:
        return
    model = type(pages[0][1])
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(model)
    by_parent: dict[int, list[Page]] = defaultdict(list)
    parents: dict[int, Page] = {}
    for parent, page in pages:
        by_parent[parent.pk].append(page)
        parents[parent.pk] = parent
    for parent_pk, children in by_parent.items():
        parent = parents[parent_pk]
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        step = Page._str2int(last[-Page.steplen :]) if last else 0
        for page in children:
            step += 1
            page.path = Page._get_path(parent.path, parent.depth + 1, step)
            page.depth = parent.depth + 1
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.locale_id = parent.locale_id
            page.content_type = content_type
            page.draft_title = page.title
            page.live = live
            page.has_unpublished_changes = not live
            page.first_published_at = page.last_published_at = now if live else None
            page.latest_revision_created_at = now
        Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + len(children))
        parent.numchild += len(children)
    specific = [page for _parent, page in pages]
    for page in specific:
        page.wagtail_admin_comments = []  # in memory, so that nothing below queries for them
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    base_rows = [
        Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in specific
    ]
    Page.objects.bulk_create(base_rows, batch_size=BATCH)
    for page, row in zip(specific, base_rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
        page._state.adding = False
    local_fields = list(model._meta.local_concrete_fields)
    for start in range(0, len(specific), BATCH):
        model._base_manager._insert(
            specific[start : start + BATCH], fields=local_fields, using=connection.alias
        )
    _create_children(specific)
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type_id=ContentType.objects.get_for_model(Page).pk,
            object_id=str(page.pk),
            created_at=now,
            object_str=str(page),
            content=page.serializable_data(),
        )
        for page in specific
    ]
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    for row, revision in zip(base_rows, revisions, strict=True):
        row.latest_revision_id = revision.pk
        row.live_revision_id = revision.pk if live else None
    for page, row in zip(specific, base_rows, strict=True):
        page.latest_revision_id, page.live_revision_id = (
            row.latest_revision_id,
            row.live_revision_id,
        )
    Page.objects.bulk_update(base_rows, ["latest_revision", "live_revision"], batch_size=BATCH)
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                content_type=content_type,
                page_id=page.pk,
                label=str(page)[:255],
                action="wagtail.publish" if live else "wagtail.create",
                data={},
                timestamp=now,
                revision_id=page.latest_revision_id,
                content_changed=True,
            )
            for page in specific
        ],
        batch_size=BATCH,
    )
    index_bulk(model=model, objects=specific)


def _create_children(objects: Sequence[Model]) -> None:
    """Insert the in-memory children (and parental many-to-many links) of new objects."""
    model = type(objects[0])
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        field_name = relation.field.attname
        rows = []
        for obj in objects:
            children = list(getattr(obj, name).all())
            for order, child in enumerate(children):
                setattr(child, field_name, obj.pk)
                if hasattr(child, "sort_order"):
                    child.sort_order = order
                rows.append(child)
        if rows:
            relation.related_model.objects.bulk_create(rows, batch_size=BATCH)
    for field in get_all_child_m2m_relations(model):
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        links = [
            through(**{f"{source}_id": obj.pk, f"{target}_id": other.pk})
            for obj in objects
            for other in getattr(obj, field.name).all()
        ]
        if links:
            through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)


def create_clusters(objects: Sequence[Model]) -> None:
    """Insert new non-page cluster objects (locations) with their children, in batches."""
    if not objects:
        return
    model = type(objects[0])
    model.objects.bulk_create(objects, batch_size=BATCH)
    _create_children(objects)
    index_bulk(model=model, objects=objects)


def index_bulk(*, model: type[Model], objects: Sequence[Any]) -> None:
    """Wagtail's admin search index for new objects, which bulk inserts did not signal."""
    for backend in get_search_backends():
        for start in range(0, len(objects), BATCH):
            backend.add_bulk(model, list(objects[start : start + BATCH]))
