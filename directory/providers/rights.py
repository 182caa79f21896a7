"""Provider rights: one Wagtail group per organization, synced from ``ProviderMembership``.

Each organization gets a group 「提供者: 団体名」 with page permissions on the organization's page
(Wagtail permissions cover the whole subtree: the organization and its services) and
``wagtailadmin.access_admin``. The group can add and change pages there, never publish, so
every edit goes through the 「コーディネーター承認」 workflow (``workflow.py``). A trusted
organization (``OrganizationPage.is_trusted``) also gets ``publish_page`` on its subtree: its
edits publish directly, the Wagtail-native way (docs/providers.md says why this and not a hook).
Membership is the ``referrals.ProviderMembership`` row; the group's users are set from it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission

from directory.models import OrganizationPage, ProviderGroup
from referrals.models import ProviderMembership

GROUP_PREFIX = "提供者: "
EDIT_CODENAMES = ("add_page", "change_page")
TRUSTED_CODENAMES = ("publish_page",)


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _group_name(organization: OrganizationPage, *, taken_by_other: bool) -> str:
    name = f"{GROUP_PREFIX}{organization.title}"[:130]
    return f"{name} (#{organization.pk})" if taken_by_other else name


def page_codenames_for(organization: OrganizationPage) -> tuple[str, ...]:
    return EDIT_CODENAMES + (TRUSTED_CODENAMES if organization.is_trusted else ())


@transaction.atomic
def provider_permissions_sync(*, organization: OrganizationPage) -> Group:
    """Make the organization's provider group match its memberships and trust (idempotent)."""
    link = ProviderGroup.objects.select_related("group").filter(organization=organization).first()
    name = _group_name(organization, taken_by_other=False)
    clash = Group.objects.filter(name=name)
    if link is not None:
        clash = clash.exclude(pk=link.group_id)
    if clash.exists():
        name = _group_name(organization, taken_by_other=True)
    if link is None:
        group = Group.objects.create(name=name)
        link = ProviderGroup.objects.create(organization=organization, group=group)
    group = link.group
    if group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    group.permissions.add(_permission("wagtailadmin", "access_admin"))

    wanted = {_permission("wagtailcore", codename) for codename in page_codenames_for(organization)}
    held = GroupPagePermission.objects.filter(group=group)
    held.exclude(page=organization, permission__in=wanted).delete()
    have = set(held.filter(page=organization).values_list("permission_id", flat=True))
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page=organization, permission=permission)
        for permission in wanted
        if permission.pk not in have
    )

    members = ProviderMembership.objects.filter(organization=organization).values_list(
        "user_id", flat=True
    )
    group.user_set.set(list(members))
    return group


@transaction.atomic
def provider_membership_add(*, organization: OrganizationPage, user: Any) -> ProviderMembership:
    membership, _ = ProviderMembership.objects.get_or_create(organization=organization, user=user)
    provider_permissions_sync(organization=organization)
    return membership


@transaction.atomic
def provider_membership_remove(*, organization: OrganizationPage, user: Any) -> None:
    ProviderMembership.objects.filter(organization=organization, user=user).delete()
    provider_permissions_sync(organization=organization)


def provider_permissions_sync_all() -> int:
    """Sync every organization that has staff or a group already; returns how many."""
    ids = set(ProviderMembership.objects.values_list("organization_id", flat=True))
    ids |= set(ProviderGroup.objects.values_list("organization_id", flat=True))
    for organization in OrganizationPage.objects.filter(pk__in=ids):
        provider_permissions_sync(organization=organization)
    return len(ids)
