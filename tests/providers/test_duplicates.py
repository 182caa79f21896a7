"""Duplicate detection (phone, address, close name in the same municipality) and the merge."""

import pytest
from django.contrib.messages import get_messages

from directory.models import ServicePage, ServicePhone
from directory.providers.duplicates import (
    address_text_key,
    duplicate_service_pairs,
    duplicates_for_service,
    names_close,
    services_merge,
)
from referrals.models import Referral
from tests.factories import (
    AddressFactory,
    LocationFactory,
    OrganizationPageFactory,
    ServicePageFactory,
    service_at,
)
from tests.otp import login_verified
from tests.providers.conftest import edit_form_data

pytestmark = pytest.mark.django_db


def located(service, *, address_1="東池袋1-2-3", postal_code="170-0013", code="131164"):
    location = LocationFactory(municipality_code=code)
    AddressFactory(location=location, address_1=address_1, postal_code=postal_code)
    service_at(service, location)
    return service


def reasons_between(a, b) -> list[str]:
    a = ServicePage.objects.get(pk=a.pk)
    for match in duplicates_for_service(service=a):
        if match.page.pk == b.pk:
            return match.reasons
    return []


def test_normalisers():
    assert address_text_key("東池袋１丁目２番３号") == address_text_key("東池袋1-2-3")
    assert names_close("フードバンク豊島 食品の無料配布", "フードバンク豊島　食品の無料配布会")
    assert not names_close("子ども食堂 みんなのごはん", "学習支援教室")


def test_same_phone_in_another_organization(world):
    ServicePhone.objects.create(page=world.service, number="03-0123-4567")
    ServicePhone.objects.create(page=world.other_service, number="03(0123)4567")
    assert reasons_between(world.service, world.other_service) == ["電話番号が同じ"]


def test_same_normalised_address(world):
    located(world.service, address_1="東池袋1丁目2番3号")
    located(world.other_service, address_1="東池袋１－２－３")
    assert "住所が同じ" in reasons_between(world.service, world.other_service)


def test_close_name_in_the_same_municipality_only(world):
    first = located(ServicePageFactory(parent=world.organization, title="食品の無料配布（東池袋）"))
    near_copy = located(
        ServicePageFactory(parent=world.other_organization, title="食品の無料配布 東池袋"),
        address_1="南池袋2-1",
    )
    elsewhere = located(
        ServicePageFactory(parent=world.other_organization, title="食品の無料配布（東池袋）"),
        address_1="本郷1-1",
        postal_code="113-0033",
        code="131059",
    )
    assert reasons_between(first, near_copy) == ["名前が似ていて、同じ市区町村"]
    assert reasons_between(first, elsewhere) == []


def test_services_of_one_organization_sharing_its_phone_are_not_duplicates(world):
    sibling = ServicePageFactory(parent=world.organization, title="家計の相談")
    ServicePhone.objects.create(page=world.service, number="03-0123-4567")
    ServicePhone.objects.create(page=sibling, number="03-0123-4567")
    assert reasons_between(world.service, sibling) == []


def test_the_editor_is_warned_when_creating_a_near_copy(world, client):
    located(world.service)
    ServicePhone.objects.create(page=world.service, number="03-0123-4567")
    copy = ServicePageFactory(parent=world.other_organization, title="食品の無料配布 ")
    ServicePhone.objects.create(page=copy, number="03-0123-4567")
    login_verified(client, world.other_staff)
    data = edit_form_data(client, copy.pk)
    response = client.post(f"/admin/pages/{copy.pk}/edit/", data)
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("重複しているかもしれません" in w and "食品の無料配布" in w for w in warnings)
    assert any(f"/admin/pages/{world.service.pk}/edit/" in w for w in warnings)


def test_the_coordinators_list_shows_the_pair(world, client):
    ServicePhone.objects.create(page=world.service, number="03-0123-4567")
    ServicePhone.objects.create(page=world.other_service, number="03-0123-4567")
    pairs = duplicate_service_pairs()
    assert [(p.first.pk, p.second.pk) for p in pairs] == [
        (world.service.pk, world.other_service.pk)
    ]
    login_verified(client, world.coordinator)
    assert "学習支援教室" in client.get("/admin/listings/duplicates/").content.decode()


def test_merge_moves_referrals_redirects_and_unpublishes(world, client, django_user_model):
    from referrals import services as referral_services
    from tests.referrals.factories import AgencyMembershipFactory, ClientFactory, UserFactory

    worker = AgencyMembershipFactory(user=UserFactory(username="worker")).user
    duplicate = ServicePageFactory(parent=world.organization, title="食品の無料配布（重複）")
    referral = referral_services.referral_create_and_send(
        client=ClientFactory(agency=worker.agency_memberships.get().agency, created_by=worker),
        service=duplicate,
        by=worker,
        need="食料の支援をお願いします",
    )
    receiving = referral.organization_id
    old_url = duplicate.url

    login_verified(client, world.coordinator)
    confirm = client.get(
        "/admin/listings/duplicates/merge/", {"keep": world.service.pk, "duplicate": duplicate.pk}
    )
    assert confirm.status_code == 200 and "紹介 1 件" in confirm.content.decode()
    response = client.post(
        "/admin/listings/duplicates/merge/", {"keep": world.service.pk, "duplicate": duplicate.pk}
    )
    assert response.status_code == 302

    referral = Referral.objects.get(pk=referral.pk)
    assert referral.service_id == world.service.pk
    assert referral.organization_id == receiving  # who received it (and its consent) is kept
    assert not ServicePage.objects.get(pk=duplicate.pk).live
    client.logout()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(world.service.url)
    response = client.get(f"/services/{duplicate.hsds_id}/")
    assert response.status_code in (301, 302)


def test_merge_refuses_the_same_service(world):
    from directory.providers.duplicates import MergeError

    with pytest.raises(MergeError):
        services_merge(keep=world.service, duplicate=world.service, by=world.coordinator)


def test_an_organization_with_the_same_phone_is_found(world):
    from directory.models import OrganizationPhone
    from directory.providers.duplicates import duplicates_for_organization

    OrganizationPhone.objects.create(page=world.organization, number="03-0999-0000")
    twin = OrganizationPageFactory(title="まったく別の名前")
    OrganizationPhone.objects.create(page=twin, number="0309990000")
    matches = duplicates_for_organization(organization=twin)
    assert [m.page.pk for m in matches] == [world.organization.pk]
