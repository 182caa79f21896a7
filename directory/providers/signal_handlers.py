"""Wiring only: memberships and publications → the provider services. No rules live here.

Connected by ``register()`` (idempotent, ``dispatch_uid``), called from
``directory/wagtail_hooks.py`` and, preferably, from ``DirectoryConfig.ready()``.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from directory.models import OrganizationPage, ServicePage
from directory.providers.rights import provider_permissions_sync
from directory.providers.services import service_confirm_on_publish
from referrals.models import ProviderMembership


def _membership_changed(sender, instance, **kwargs):
    organization = OrganizationPage.objects.filter(pk=instance.organization_id).first()
    if organization is not None:
        provider_permissions_sync(organization=organization)


def _organization_published(sender, instance, **kwargs):
    # is_trusted or the title may have changed: the group's rights and name follow.
    if instance.provider_memberships.exists() or hasattr(instance, "provider_group"):
        provider_permissions_sync(organization=instance)


def _service_published(sender, instance, revision=None, **kwargs):
    service_confirm_on_publish(page=instance, revision=revision)


def register() -> None:
    post_save.connect(
        _membership_changed, sender=ProviderMembership, dispatch_uid="providers-member-saved"
    )
    post_delete.connect(
        _membership_changed, sender=ProviderMembership, dispatch_uid="providers-member-deleted"
    )
    page_published.connect(
        _organization_published, sender=OrganizationPage, dispatch_uid="providers-org-published"
    )
    page_published.connect(
        _service_published, sender=ServicePage, dispatch_uid="providers-service-published"
    )
