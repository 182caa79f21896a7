"""The public directory pages as a resident sees them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from directory.models import Certification, Closure
from tests.factories import (
    AddressFactory,
    LocationFactory,
    OrganizationPageFactory,
    ServicePageFactory,
    add_schedule,
    category,
    service_at,
)

TOKYO = ZoneInfo("Asia/Tokyo")
pytestmark = pytest.mark.django_db


def test_home_page_lists_categories_in_japanese(client, directory_index):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="ja"' in body
    assert "食料支援" in body
    assert "住まい・居住支援" in body


def test_home_page_counts_only_published_services(client, directory_index):
    ServicePageFactory()
    ServicePageFactory(publish=False)
    response = client.get("/")
    assert response.context["service_count"] == 1


def test_category_page_lists_services_in_subcategories(client, directory_index):
    service = ServicePageFactory(title="みんなのごはん")
    service.categories.add(category("kodomo-shokudo"))
    service.save_revision().publish()
    response = client.get("/categories/food/")
    assert response.status_code == 200
    assert "みんなのごはん" in response.content.decode()


def test_unknown_category_is_404(client, directory_index):
    assert client.get("/categories/no-such-thing/").status_code == 404


def test_organization_page_lists_its_published_services(client, directory_index):
    organization = OrganizationPageFactory(title="社会福祉法人 みどりの杜")
    ServicePageFactory(parent=organization, title="学習支援教室")
    response = client.get(organization.url)
    assert response.status_code == 200
    assert "学習支援教室" in response.content.decode()


def test_service_page_shows_open_now_during_hours(client, directory_index, monkeypatch):
    service = ServicePageFactory()
    add_schedule(service, byday="MO,TU,WE,TH,FR", opens=(9, 0), closes=(17, 0))
    monday_noon = datetime(2026, 11, 16, 12, 0, tzinfo=TOKYO)
    monkeypatch.setattr("django.utils.timezone.now", lambda: monday_noon)
    body = client.get(service.url).content.decode()
    assert "今、開いています" in body
    assert "月・火・水・木・金 9:00〜17:00" in body


def test_service_page_shows_closed_on_public_holiday(client, directory_index, monkeypatch):
    service = ServicePageFactory()
    add_schedule(service, byday="MO,TU,WE,TH,FR", opens=(9, 0), closes=(17, 0))
    labour_thanksgiving_day = datetime(2026, 11, 23, 12, 0, tzinfo=TOKYO)  # 勤労感謝の日
    monkeypatch.setattr("django.utils.timezone.now", lambda: labour_thanksgiving_day)
    body = client.get(service.url).content.decode()
    assert "今は閉まっています" in body


def test_service_page_shows_overnight_shelter_open_after_midnight(
    client, directory_index, monkeypatch
):
    service = ServicePageFactory()
    add_schedule(service, byday="FR", opens=(22, 0), closes=(6, 0), closes_next_day=True)
    saturday_2am = datetime(2026, 11, 21, 2, 0, tzinfo=TOKYO)
    monkeypatch.setattr("django.utils.timezone.now", lambda: saturday_2am)
    body = client.get(service.url).content.decode()
    assert "今、開いています" in body


def test_service_page_shows_closed_during_new_year_closure(client, directory_index, monkeypatch):
    service = ServicePageFactory()
    add_schedule(service, byday="MO,TU,WE,TH,FR,SA,SU", opens=(9, 0), closes=(17, 0))
    Closure.objects.create(
        service=service,
        start_date=datetime(2026, 12, 29).date(),
        end_date=datetime(2027, 1, 3).date(),
    )
    new_year_noon = datetime(2026, 12, 30, 12, 0, tzinfo=TOKYO)
    monkeypatch.setattr("django.utils.timezone.now", lambda: new_year_noon)
    body = client.get(service.url).content.decode()
    assert "今は閉まっています" in body


def test_service_page_shows_address_with_map_link(client, directory_index):
    service = ServicePageFactory()
    address = AddressFactory()
    service_at(service, address.location)
    body = client.get(service.url).content.decode()
    assert "〒170-0013 東京都豊島区東池袋1-2-3" in body
    assert "openstreetmap.org" in body


def test_hidden_address_is_not_shown_to_the_public(client, directory_index):
    service = ServicePageFactory()
    address = AddressFactory(location=LocationFactory(hide_address=True))
    service_at(service, address.location)
    body = client.get(service.url).content.decode()
    assert "東池袋1-2-3" not in body
    assert "住所は公開していません" in body


def test_location_without_coordinates_is_said_so(client, directory_index):
    service = ServicePageFactory()
    address = AddressFactory(location=LocationFactory(latitude=None, longitude=None))
    service_at(service, address.location)
    body = client.get(service.url).content.decode()
    assert "地図上の位置はまだ登録されていません" in body


def test_service_page_says_when_listing_was_never_confirmed(client, directory_index):
    service = ServicePageFactory(assured_date=None)
    body = client.get(service.url).content.decode()
    assert "まだ提供者による確認がされていません" in body


def test_service_page_flags_expired_certification(client, directory_index):
    service = ServicePageFactory()
    Certification.objects.create(
        service=service,
        kind="work_training",
        authority="東京都",
        valid_from=datetime(2020, 4, 1).date(),
        valid_until=datetime(2023, 3, 31).date(),
    )
    body = client.get(service.url).content.decode()
    assert "有効期限切れ" in body


def test_service_link_by_hsds_id_redirects_to_page(client, directory_index):
    service = ServicePageFactory()
    response = client.get(f"/services/{service.hsds_id}/")
    assert response.status_code == 302
    assert response["Location"] == service.url


def test_page_switches_to_english(client, directory_index):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert 'lang="en"' in body


def test_header_offers_the_admin_only_to_those_who_may_enter_it(client, directory_index):
    from django.contrib.auth.models import Permission

    from tests.referrals.factories import UserFactory

    worker = UserFactory()
    client.force_login(worker)
    assert 'href="/admin/"' not in client.get("/").content.decode()
    worker.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(worker)
    assert 'href="/admin/"' in client.get("/").content.decode()


def test_service_page_reads_each_related_list_once(
    client, directory_index, django_assert_max_num_queries
):
    # Routing (site, each page on the path, view restrictions) takes 10 queries of these; the
    # hours, closures and phones are read once for the page, template and closure list alike.
    service = ServicePageFactory()
    add_schedule(service, byday="MO,TU,WE,TH,FR", opens=(9, 0), closes=(17, 0))
    Closure.objects.create(service=service, start_date="2099-12-29", end_date="2100-01-03")
    service_at(service, AddressFactory().location)
    client.get(service.url)

    with django_assert_max_num_queries(20):
        response = client.get(service.url)

    assert response.status_code == 200
    assert len(response.context["upcoming_closures"]) == 1
    assert response.context["has_hours"]
