"""Issue 13, item 9: page choosers hide unapproved applications from other providers, and only
administrators delete pages (moderators and providers unpublish)."""

import pytest

from directory.models import OrganizationPage, ServicePage
from directory.providers import services
from tests.factories import ServicePageFactory
from tests.otp import login_verified

pytestmark = pytest.mark.django_db

SECRET_TITLE = "一般社団法人 まだ審査中の団体"


@pytest.fixture
def application(world):
    return services.application_submit(
        organization_name=SECRET_TITLE,
        provider_type="general_association",
        contact_name="山田 花子",
        email="yamada@example.jp",
        phone="03-0123-4567",
        description="審査中です。",
    )


def _chooser(client, user, path):
    login_verified(client, user)
    response = client.get(path)
    if response["Content-Type"] == "application/json":
        return response.status_code, response.json()["html"]  # its text is \u-escaped
    return response.status_code, response.content.decode()


def test_page_chooser_hides_an_unapproved_application_from_other_providers(
    world, client, application, directory_index
):
    for path in (
        f"/admin/choose-page/{directory_index.pk}/",
        "/admin/choose-page/search/?q=審査中",
    ):
        status, body = _chooser(client, world.other_staff, path)
        assert status == 200 and SECRET_TITLE not in body


def test_page_chooser_refuses_to_browse_into_an_unapproved_application(world, client, application):
    status, body = _chooser(
        client, world.other_staff, f"/admin/choose-page/{application.organization_id}/"
    )
    assert status == 404 and SECRET_TITLE not in body


def test_coordinators_still_see_applications_in_the_chooser(
    world, client, application, directory_index
):
    path = f"/admin/choose-page/{directory_index.pk}/"
    status, body = _chooser(client, world.coordinator, path)
    assert status == 200 and SECRET_TITLE in body


def test_a_provider_still_sees_its_own_draft_service_in_the_chooser(world, client):
    draft = ServicePageFactory(parent=world.organization, title="準備中の相談会", publish=False)
    status, body = _chooser(client, world.staff, f"/admin/choose-page/{world.organization.pk}/")
    assert status == 200 and draft.title in body


def test_the_moderator_cannot_delete_a_page(world, client):
    login_verified(client, world.coordinator)
    client.post(f"/admin/pages/{world.service.pk}/delete/")
    assert ServicePage.objects.filter(pk=world.service.pk).exists()


def test_the_moderator_cannot_bulk_delete_pages(world, client):
    login_verified(client, world.coordinator)
    parent = world.organization.pk
    client.post(f"/admin/bulk/wagtailcore/page/delete/?id={world.service.pk}&childOf={parent}", {})
    assert ServicePage.objects.filter(pk=world.service.pk).exists()


def test_an_administrator_can_delete_a_page(world, client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.jp", "x")
    login_verified(client, admin)
    client.post(f"/admin/pages/{world.other_service.pk}/delete/")
    assert not ServicePage.objects.filter(pk=world.other_service.pk).exists()
    assert OrganizationPage.objects.filter(pk=world.other_organization.pk).exists()
