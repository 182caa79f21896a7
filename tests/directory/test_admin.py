"""The Wagtail admin works in Japanese for the people who keep the directory."""

import pytest

from directory.forms import LocationAdminForm
from directory.services import location_geocode
from tests.factories import AddressFactory, LocationFactory, ServicePageFactory
from tests.otp import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_ja(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.jp", "x")
    login_verified(client, user)
    return client


def test_admin_dashboard_is_in_japanese(admin_client_ja, directory_index):
    response = admin_client_ja.get("/admin/")
    assert response.status_code == 200
    assert 'lang="ja"' in response.content.decode()


def test_service_edit_view_opens_with_tabs(admin_client_ja, directory_index):
    service = ServicePageFactory()
    response = admin_client_ja.get(f"/admin/pages/{service.pk}/edit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "開所時間" in body
    assert "対象と利用方法" in body


def test_taxonomy_terms_are_editable_snippets(admin_client_ja, directory_index):
    response = admin_client_ja.get("/admin/snippets/directory/taxonomyterm/")
    assert response.status_code == 200
    assert "食料支援" in response.content.decode()


def test_location_add_form_opens(admin_client_ja, directory_index):
    assert admin_client_ja.get("/admin/snippets/directory/location/add/").status_code == 200


def test_location_editor_uses_the_form_that_geocodes_on_save(admin_client_ja, directory_index):
    location = LocationFactory()
    response = admin_client_ja.get(f"/admin/snippets/directory/location/edit/{location.pk}/")
    assert isinstance(response.context["form"], LocationAdminForm)


def test_location_without_coordinates_is_geocoded_from_postal_code():
    location = LocationFactory(latitude=None, longitude=None, municipality_code="")
    AddressFactory(location=location, postal_code="170-0013")
    assert location_geocode(location=location)
    location.refresh_from_db()
    assert location.municipality_code == "131164"
    assert 35.70 < location.latitude < 35.76
    assert 139.69 < location.longitude < 139.75


def test_hand_corrected_coordinates_are_kept():
    location = LocationFactory(latitude=35.0, longitude=139.0)
    AddressFactory(location=location, postal_code="170-0013")
    location_geocode(location=location)
    location.refresh_from_db()
    assert (location.latitude, location.longitude) == (35.0, 139.0)


def test_location_with_unknown_address_stays_without_coordinates():
    location = LocationFactory(latitude=None, longitude=None)
    AddressFactory(location=location, postal_code="000-0000", city="どこか", address_1="不明")
    assert not location_geocode(location=location)
