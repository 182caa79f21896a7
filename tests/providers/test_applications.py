"""「掲載を申し込む」: a draft organization and a task (and an email) for the coordinators."""

import pytest
from django.core import mail

from directory.models import ListingApplication, OrganizationPage
from tests.otp import login_verified

pytestmark = pytest.mark.django_db

FORM = {
    "organization_name": "一般社団法人 あたらしい居場所",
    "provider_type": "general_association",
    "contact_name": "山田 花子",
    "email": "yamada@example.jp",
    "phone": "０３－０１２３－４５６７",
    "description": "ひきこもりの若者の居場所を週3回開いています。",
}


def test_an_application_creates_a_draft_and_a_task(
    world, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/providers/apply/", FORM)
    assert response.status_code == 302
    application = ListingApplication.objects.get()
    assert application.status == "new"
    organization = OrganizationPage.objects.get(pk=application.organization_id)
    assert not organization.live
    assert organization.title == FORM["organization_name"]
    assert organization.get_parent().specific_class.__name__ == "DirectoryIndexPage"
    assert organization.phones.get().number == "03-0123-4567"
    assert mail.outbox and mail.outbox[-1].to == ["coordinator@example.jp"]
    # Not on the public site before a coordinator publishes it.
    assert client.get(organization.url or "/directory/nothing/").status_code == 404

    login_verified(client, world.coordinator)
    listing = client.get("/admin/listings/applications/")
    assert listing.status_code == 200
    assert FORM["organization_name"] in listing.content.decode()
    detail = client.get(f"/admin/listings/applications/{application.pk}/")
    assert detail.status_code == 200
    response = client.post(
        f"/admin/listings/applications/{application.pk}/", {"status": "accepted", "note": "公開"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "accepted" and application.decided_by == world.coordinator


def test_the_list_is_for_coordinators_only(world, client):
    login_verified(client, world.staff)
    assert client.get("/admin/listings/applications/").status_code in (302, 403)


def test_honeypot_drops_the_application_quietly(world, client):
    response = client.post("/providers/apply/", {**FORM, "homepage": "http://spam.example"})
    assert response.status_code == 302
    assert not ListingApplication.objects.exists()


def test_a_bad_phone_number_is_explained(world, client):
    response = client.post("/providers/apply/", {**FORM, "phone": "12345"})
    assert response.status_code == 200
    assert "電話番号は0から始まる" in response.content.decode()
