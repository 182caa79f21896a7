"""Creating many new pages and locations at once: the HSDS importer and the demo directory.

Saving a Wagtail page one by one costs tens of queries (tree insert, validation, children,
revision, search index, reference index, signals); 10,000 services would take an hour and the
100,000-service demo far longer. New records are therefore inserted in batches. Wagtail pages
are treebeard materialised-path nodes with multi-table inheritance, so tree paths are computed as
treebeard would (``MP_Node._get_path``), the base ``Page`` rows go in with ``bulk_create`` and
the specific rows with ``Model._base_manager._insert`` (Django's ``bulk_create`` refuses
multi-table inheritance; ``Model.save`` itself inserts an inherited table this way), and the
in-memory children (modelcluster) follow with ``bulk_create``.

With ``history`` each page also gets its revision, live revision and a publish log entry, as if
published in the admin; without it a page has none and Wagtail edits it from its live fields.
With ``index`` Wagtail's own (admin) search index is filled with ``add_bulk``. Signals are never
sent: callers index the services for the site's search once, after the commit.

This is the one place that knows these internals; do not write pages in bulk elsewhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Max, Model
from django.db.models.functions import Substr
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backends

BATCH = 500

# The in-memory children of new objects: (relation, children of each object), read while the
# objects are unsaved, when modelcluster answers from memory instead of querying.
_Children = tuple[list[tuple[Any, list[list[Model]]]], list[tuple[Any, list[list[Model]]]]]


def create_pages(
    *, pages: Sequence[tuple[Page, Page]], live: bool, history: bool, index: bool
) -> None:
    """Insert new specific pages (unsaved, children assigned in memory) under their parents.

    ``pages`` are (parent, page) pairs; every page must be of one model. New pages go after
    the parents' last children. A page that already says when it was first published (dated
    demo content) keeps that date; otherwise a live page is published now.
    """
    if not pages:
        return
    model = type(pages[0][1])
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(model)
    specific = [page for _parent, page in pages]
    for page in specific:
        page.wagtail_admin_comments = []  # in memory, so that nothing below queries for them
    children = _children_in_memory(specific)
    _place(pages)
    for page in specific:
        page.content_type = content_type
        page.draft_title = page.title
        page.live = live
        page.has_unpublished_changes = not live
        published = page.first_published_at or now
        page.first_published_at = page.last_published_at = published if live else None
        page.latest_revision_created_at = now if history else None
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    base_rows = [
        Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in specific
    ]
    Page.objects.bulk_create(base_rows, batch_size=BATCH)
    for page, row in zip(specific, base_rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
        page._state.adding = False
    _insert_specific(model, specific)
    _create_children(specific, children)
    if history:
        _create_history(model=model, pages=specific, base_rows=base_rows, live=live, now=now)
    if index:
        index_bulk(model=model, objects=specific)


def _place(pages: Sequence[tuple[Page, Page]]) -> None:
    """Give new pages their tree fields after their parents' last children, as treebeard would."""
    by_parent: dict[str, list[Page]] = defaultdict(list)
    parents: dict[str, Page] = {}
    for parent, page in pages:
        by_parent[parent.path].append(page)
        parents[parent.path] = parent
    last = _last_steps(list(parents.values()))
    by_count: dict[int, list[int]] = defaultdict(list)
    for path, children in by_parent.items():
        parent = parents[path]
        step = last.get(path, 0)
        for page in children:
            step += 1
            page.path = Page._get_path(parent.path, parent.depth + 1, step)
            page.depth = parent.depth + 1
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.locale_id = parent.locale_id
        parent.numchild += len(children)
        by_count[len(children)].append(parent.pk)
    for count, pks in by_count.items():
        for start in range(0, len(pks), BATCH):
            Page.objects.filter(pk__in=pks[start : start + BATCH]).update(
                numchild=F("numchild") + count
            )


def _last_steps(parents: Sequence[Page]) -> dict[str, int]:
    """The step of each parent's last child (absent: none), one query per depth and batch."""
    paths_by_depth: dict[int, list[str]] = defaultdict(list)
    for parent in parents:
        paths_by_depth[parent.depth].append(parent.path)
    steps: dict[str, int] = {}
    for depth, paths in paths_by_depth.items():
        for start in range(0, len(paths), BATCH):
            rows = (
                Page.objects.filter(depth=depth + 1)
                .annotate(parent_path=Substr("path", 1, depth * Page.steplen))
                .filter(parent_path__in=paths[start : start + BATCH])
                .order_by()
                .values("parent_path")
                .annotate(last=Max("path"))
                .values_list("parent_path", "last")
            )
            for parent_path, last in rows:
                steps[parent_path] = Page._str2int(last[-Page.steplen :])
    return steps


def _insert_specific(model: type[Page], pages: list[Page]) -> None:
    """Insert the subclass rows of pages whose base rows exist (what ``Model.save`` does)."""
    fields = list(model._meta.local_concrete_fields)
    size = min(BATCH, max(1, connection.ops.bulk_batch_size(fields, pages)))
    for start in range(0, len(pages), size):
        model._base_manager._insert(
            pages[start : start + size], fields=fields, using=connection.alias
        )


def _create_history(
    *, model: type[Page], pages: list[Page], base_rows: list[Page], live: bool, now: Any
) -> None:
    """A revision (also the live one) and a log entry for each page, as the admin would write."""
    content_type = ContentType.objects.get_for_model(model)
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type_id=ContentType.objects.get_for_model(Page).pk,
            object_id=str(page.pk),
            created_at=now,
            object_str=str(page),
            content=page.serializable_data(),
        )
        for page in pages
    ]
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    for row, revision in zip(base_rows, revisions, strict=True):
        row.latest_revision_id = revision.pk
        row.live_revision_id = revision.pk if live else None
    for page, row in zip(pages, base_rows, strict=True):
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
            for page in pages
        ],
        batch_size=BATCH,
    )


def _children_in_memory(objects: Sequence[Model]) -> _Children:
    """Read the children of unsaved objects, before they get keys (so without queries)."""
    model = type(objects[0])
    rows = [
        (relation, [list(getattr(obj, relation.get_accessor_name()).all()) for obj in objects])
        for relation in get_all_child_relations(model)
    ]
    links = [
        (field, [list(getattr(obj, field.name).all()) for obj in objects])
        for field in get_all_child_m2m_relations(model)
    ]
    return rows, links


def _create_children(objects: Sequence[Model], children: _Children) -> None:
    """Insert the children (and parental many-to-many links) read before the objects had keys."""
    rows, links = children
    for relation, per_object in rows:
        field_name = relation.field.attname
        batch = []
        for obj, kids in zip(objects, per_object, strict=True):
            for order, child in enumerate(kids):
                setattr(child, field_name, obj.pk)
                if hasattr(child, "sort_order"):
                    child.sort_order = order
                batch.append(child)
        if batch:
            relation.related_model.objects.bulk_create(batch, batch_size=BATCH)
    for field, per_object in links:
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        through_rows = [
            through(**{f"{source}_id": obj.pk, f"{target}_id": other.pk})
            for obj, others in zip(objects, per_object, strict=True)
            for other in others
        ]
        if through_rows:
            through.objects.bulk_create(through_rows, batch_size=BATCH, ignore_conflicts=True)


def create_clusters(objects: Sequence[Model], *, index: bool) -> None:
    """Insert new non-page cluster objects (locations) with their children, in batches."""
    if not objects:
        return
    model = type(objects[0])
    children = _children_in_memory(objects)
    model.objects.bulk_create(objects, batch_size=BATCH)
    _create_children(objects, children)
    if index:
        index_bulk(model=model, objects=objects)


def index_bulk(*, model: type[Model], objects: Sequence[Any]) -> None:
    """Wagtail's admin search index for new objects, which bulk inserts did not signal."""
    for backend in get_search_backends():
        for start in range(0, len(objects), BATCH):
            backend.add_bulk(model, list(objects[start : start + BATCH]))
