"""受付状況のメモ, お知らせ, closure reasons, phone notes, places and authorities translated."""

from datetime import timedelta

from django.utils import timezone

from directory.demo.catalogue_texts import access_note, closure_notice, place_name
from directory.models import Certification, Closure, ServicePage, ServicePhone
from search.backends import get_backend
from search.documents import build_documents
from tests.factories import LocationFactory, ServicePageFactory, add_schedule, service_at


def _switch(client, language: str) -> None:
    client.post("/i18n/setlang/", {"language": language, "next": "/"})


def _page(client, service: ServicePage, language: str) -> str:
    _switch(client, language)
    return client.get(service.url).content.decode()


def test_service_page_shows_the_capacity_note_in_english(client, directory_index):
    service = ServicePageFactory(
        availability="waitlist",
        capacity_note="今月の受付はあと3件です",
        capacity_note_en="We can take 3 more people this month",
    )
    body = _page(client, service, "en")
    assert "We can take 3 more people this month" in body
    assert "今月の受付はあと3件です" not in body


def test_service_page_shows_the_alert_in_easy_japanese(client, directory_index):
    service = ServicePageFactory(
        alert="12月1日から施設点検のため臨時休業します。",
        alert_easy="12月1日から、たてものの てんけんの ため お休みします。",
    )
    body = _page(client, service, "ja-easy")
    assert "たてものの てんけんの ため お休みします" in body
    assert "施設点検のため臨時休業します" not in body


def test_service_page_shows_the_closure_reason_in_english(client, directory_index):
    service = ServicePageFactory()
    add_schedule(service)
    start = timezone.localdate() + timedelta(days=10)
    Closure.objects.create(
        service=service,
        start_date=start,
        end_date=start + timedelta(days=2),
        description="年末年始",
        description_en="New Year holidays",
    )
    body = _page(client, service, "en")
    assert "New Year holidays" in body
    assert "年末年始" not in body


def test_service_page_shows_the_place_name_and_access_in_english(client, directory_index):
    service = ServicePageFactory()
    location = LocationFactory(
        name="テスト団体 事務所",
        name_en="テスト団体 office",
        transportation="池袋駅東口から徒歩5分",
        transportation_en="5 min walk from 池袋駅東口",
    )
    service_at(service, location)
    body = _page(client, service, "en")
    assert "テスト団体 office" in body
    assert "5 min walk from 池袋駅東口" in body
    assert "徒歩5分" not in body


def test_service_page_shows_the_phone_note_and_authority_in_english(client, directory_index):
    service = ServicePageFactory()
    ServicePhone.objects.create(
        page=service, number="03-1234-5678", description="相談専用", description_en="Advice line"
    )
    Certification.objects.create(
        service=service,
        kind="work_training",
        authority="東京都",
        authority_en="Tokyo Metropolitan Government",
    )
    body = _page(client, service, "en")
    assert "Advice line" in body
    assert "Tokyo Metropolitan Government" in body
    assert "相談専用" not in body


def test_an_untranslated_note_falls_back_to_japanese(client, directory_index):
    service = ServicePageFactory(availability="waitlist", capacity_note="今月の受付はあと3件です")
    body = _page(client, service, "en")
    assert "今月の受付はあと3件です" in body


def test_search_card_shows_the_capacity_note_and_place_in_english(client, directory_index):
    service = ServicePageFactory(
        title="フードパントリー",
        availability="waitlist",
        capacity_note="今月の受付はあと3件です",
        capacity_note_en="We can take 3 more people this month",
    )
    location = LocationFactory(name="テスト 事務所", name_en="テスト office")
    service_at(service, location)
    get_backend("database").index(build_documents(ServicePage.objects.filter(pk=service.pk)))
    _switch(client, "en")
    body = client.get("/search/?q=%E3%83%95%E3%83%BC%E3%83%89").content.decode()
    assert "We can take 3 more people this month" in body
    assert "テスト office" in body
    assert "今月の受付はあと3件です" not in body


def test_handout_shows_the_capacity_note_and_access_in_easy_japanese(client, directory_index):
    service = ServicePageFactory(
        availability="waitlist",
        capacity_note="今月の受付はあと3件です",
        capacity_note_easy="今月は あと 3人 うけつけ できます",
    )
    location = LocationFactory(
        transportation="池袋駅東口から徒歩5分", transportation_easy="池袋駅東口から あるいて 5分"
    )
    service_at(service, location)
    body = client.get(f"/handout/new?service={service.hsds_id}&lang=ja-easy").content.decode()
    assert "今月は あと 3人 うけつけ できます" in body
    assert "池袋駅東口から あるいて 5分" in body
    assert "徒歩5分" not in body


def test_demo_access_note_keeps_the_station_and_translates_the_walk():
    assert access_note(station="大塚駅", minutes=4) == (
        "大塚駅から徒歩4分",
        "4 min walk from 大塚駅",
        "大塚駅から あるいて 4分",
    )


def test_demo_branch_name_keeps_the_organisation_and_town():
    assert place_name(organization="えがお", kind="{town}分室", town="巣鴨") == (
        "えがお 巣鴨分室",
        "えがお 巣鴨 branch",
        "えがお 巣鴨 ぶんしつ",
    )


def test_demo_closure_notice_names_the_month_in_english():
    assert (
        closure_notice(month=11, day=20)[1] == "Closed from 20 November for a building inspection."
    )


def test_service_page_shows_the_hours_note_in_english(client, directory_index):
    service = ServicePageFactory(
        hours_notes="夜22時から翌朝6時まで入れます。",
        hours_notes_en="You can come in from 22:00 until 6:00 the next morning.",
    )
    add_schedule(service)
    body = _page(client, service, "en")
    assert "You can come in from 22:00 until 6:00 the next morning." in body
    assert "夜22時から翌朝6時まで入れます。" not in body


def test_handout_shows_the_hours_note_in_easy_japanese(client, directory_index):
    service = ServicePageFactory(
        hours_notes="日中の相談は事務所で受けます。",
        hours_notes_easy="ひるまの そうだんは じむしょで うけます。",
    )
    add_schedule(service)
    body = client.get(f"/handout/new?service={service.hsds_id}&lang=ja-easy").content.decode()
    assert "ひるまの そうだんは じむしょで うけます。" in body
    assert "日中の相談は事務所で受けます。" not in body


def test_an_untranslated_hours_note_falls_back_to_japanese(client, directory_index):
    service = ServicePageFactory(hours_notes="予約制です", hours_notes_en="")
    add_schedule(service)
    body = _page(client, service, "en")
    assert "予約制です" in body
