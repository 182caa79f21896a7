"""Provider rights: each organization's staff edit only its own pages (admin and by URL)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from directory.providers import rights
from referrals.models import ProviderMembership

pytestmark = pytest.mark.django_db


def test_staff_get_a_group_with_edit_but_not_publish_rights(world):
    group = Group.objects.get(name="提供者: NPO法人 フードバンクテスト")
    assert world.staff in group.user_set.all()
    codenames = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}
    assert world.staff.has_perm("wagtailadmin.access_admin")
    permissions = world.service.permissions_for_user(world.staff)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_staff_cannot_edit_another_organizations_service(world, client):
    assert not world.other_service.permissions_for_user(world.staff).can_edit()
    assert not world.other_organization.permissions_for_user(world.staff).can_edit()
    client.force_login(world.staff)
    assert client.get(f"/admin/pages/{world.service.pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{world.other_service.pk}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(f"/admin/pages/{world.other_service.pk}/edit/", {"title": "乗っ取り"})
    assert response.status_code in (302, 403)
    world.other_service.refresh_from_db()
    assert world.other_service.title == "学習支援教室"


def test_staff_cannot_add_pages_under_another_organization(world, client):
    client.force_login(world.staff)
    url = f"/admin/pages/add/directory/servicepage/{world.other_organization.pk}/"
    assert client.get(url).status_code in (302, 403)


def test_removing_a_membership_removes_the_rights(world):
    ProviderMembership.objects.filter(user=world.staff).delete()
    staff = type(world.staff).objects.get(pk=world.staff.pk)
    assert not world.service.permissions_for_user(staff).can_edit()
    assert not Group.objects.get(name="提供者: NPO法人 フードバンクテスト").user_set.exists()


def test_removing_through_the_service_removes_the_rights(world):
    rights.provider_membership_remove(organization=world.organization, user=world.staff)
    staff = type(world.staff).objects.get(pk=world.staff.pk)
    assert not world.service.permissions_for_user(staff).can_edit()


def test_a_trusted_organization_may_publish_and_loses_it_when_untrusted(world, django_user_model):
    def staff():  # a fresh user: Wagtail caches page permissions on the user object
        return django_user_model.objects.get(pk=world.staff.pk)

    world.organization.is_trusted = True
    world.organization.save_revision().publish()
    assert world.service.permissions_for_user(staff()).can_publish()
    world.organization.is_trusted = False
    world.organization.save_revision().publish()
    assert not world.service.permissions_for_user(staff()).can_publish()


def test_sync_is_idempotent_and_follows_a_rename(world):
    world.organization.title = "NPO法人 フードバンク新名称"
    world.organization.save_revision().publish()
    rights.provider_permissions_sync(organization=world.organization)
    group = Group.objects.get(name="提供者: NPO法人 フードバンク新名称")
    assert GroupPagePermission.objects.filter(group=group).count() == 2
    assert not Group.objects.filter(name="提供者: NPO法人 フードバンクテスト").exists()


def test_staff_edit_form_offers_the_hours_note_in_english_and_easy_japanese(world, client):
    client.force_login(world.staff)
    body = client.get(f"/admin/pages/{world.service.pk}/edit/").content.decode()
    for field in ("alert_en", "alert_easy", "hours_notes_en", "hours_notes_easy"):
        assert f'name="{field}"' in body, field
