"""Wiring only: directory changes → ``search.indexing``. No rules live here."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from directory.models import Location, OrganizationPage, ServicePage, TaxonomyTerm
from search import indexing


def _page_changed(sender, instance, **kwargs):
    if isinstance(instance, ServicePage):
        indexing.services_index_later(service_ids=[instance.pk])
    elif isinstance(instance, OrganizationPage):
        indexing.services_index_later(
            service_ids=indexing.services_of_organization(organization_id=instance.pk)
        )


def _page_moved(sender, instance, **kwargs):
    _page_changed(sender, instance.specific, **kwargs)


def _service_deleted(sender, instance, **kwargs):
    indexing.services_index_later(service_ids=[instance.pk])


def _location_saved(sender, instance, **kwargs):
    indexing.services_index_later(
        service_ids=indexing.services_at_location(location_id=instance.pk)
    )


def _term_saved(sender, instance, **kwargs):
    indexing.services_index_later(service_ids=indexing.services_in_category(term_id=instance.pk))


def register() -> None:
    for model in (ServicePage, OrganizationPage):
        page_published.connect(_page_changed, sender=model, dispatch_uid=f"search-pub-{model}")
        page_unpublished.connect(_page_changed, sender=model, dispatch_uid=f"search-unpub-{model}")
    post_page_move.connect(_page_moved, dispatch_uid="search-move")
    post_delete.connect(_service_deleted, sender=ServicePage, dispatch_uid="search-delete")
    post_save.connect(_location_saved, sender=Location, dispatch_uid="search-location")
    post_save.connect(_term_saved, sender=TaxonomyTerm, dispatch_uid="search-term")
