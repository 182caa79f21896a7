"""Wiring only: content changes → ``public_cache.public_pages_invalidate``. No rules live here."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from platform_site.public_cache import public_pages_invalidate


def _content_changed(sender, **kwargs):
    public_pages_invalidate()


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        public_pages_invalidate()


def register() -> None:
    from directory.models import Location, TaxonomyTerm

    page_published.connect(_content_changed, dispatch_uid="public-cache-published")
    page_unpublished.connect(_content_changed, dispatch_uid="public-cache-unpublished")
    post_page_move.connect(_content_changed, dispatch_uid="public-cache-moved")
    post_delete.connect(_page_deleted, dispatch_uid="public-cache-page-deleted")
    # Category names are facet labels; locations are shown on service pages.
    for model in (TaxonomyTerm, Location):
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"public-cache-{model}")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"public-cache-d-{model}")
