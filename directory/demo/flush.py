"""Deleting the demo directory in bulk."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models, router, transaction
from django.db.models import Q
from django.db.models.deletion import get_candidate_relations_to_delete
from django.db.models.functions import Substr
from wagtail.models import Page

from directory.demo.selectors import DEMO_LOCATION_MARK, demo_organizations
from directory.models import DirectoryIndexPage, Location

FLUSH_BATCH = 5000  # rows per DELETE, under SQLite's 32,766 bound parameters


@transaction.atomic
def demo_data_flush() -> int:
    """Delete demo organizations, their services and locations; returns organizations deleted.

    ``Page.delete`` unpublishes, logs, unindexes and reindexes one page at a time (minutes for
    the default 440 pages, hours for 100,000), so this follows the same cascades as Django's
    ``Collector`` (``on_delete`` of every relation, generic relations such as revisions) with
    one query per table and no per-row signals. Run ``rebuild_search_index`` after a flush.
    """
    index = DirectoryIndexPage.objects.first()
    organizations = demo_organizations(index=index)
    org_paths = list(organizations.values_list("path", flat=True))
    if not org_paths:
        return 0
    depth = index.depth + 1
    width = depth * Page.steplen
    page_ids = list(
        Page.objects.filter(path__startswith=index.path, depth__gt=index.depth)
        .annotate(org_path=Substr("path", 1, width))
        .filter(org_path__in=organizations.values("path"))
        .values_list("pk", flat=True)
    )
    location_ids = list(
        Location.objects.filter(
            Q(organization_id__in=organizations.values("pk"))
            | Q(external_identifier_type=DEMO_LOCATION_MARK)
        ).values_list("pk", flat=True)
    )
    _delete_cascading(Location, location_ids)
    _delete_cascading(Page, page_ids)
    Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())
    return len(org_paths)


def _delete_cascading(model: type[models.Model], pks: Sequence) -> None:
    """Delete rows and, first, what ``on_delete`` says must go or change with them."""
    for start in range(0, len(pks), FLUSH_BATCH):
        chunk = list(pks[start : start + FLUSH_BATCH])
        for relation in get_candidate_relations_to_delete(model._meta):
            related = relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": chunk}
            )
            on_delete = relation.field.remote_field.on_delete
            if on_delete is models.DO_NOTHING:
                continue
            if on_delete is models.CASCADE:
                _delete_cascading(
                    relation.related_model, list(related.values_list("pk", flat=True))
                )
            elif on_delete is models.SET_NULL:
                related.update(**{relation.field.name: None})
            elif related.exists():  # PROTECT, RESTRICT, SET_DEFAULT: let Django decide
                related.delete()
        for generic in model._meta.private_fields:
            if isinstance(generic, GenericRelation):  # revisions, workflow states
                related = generic.bulk_related_objects([model(pk=pk) for pk in chunk])
                _delete_cascading(generic.related_model, list(related.values_list("pk", flat=True)))
        model._base_manager.filter(pk__in=chunk)._raw_delete(using=router.db_for_write(model))
