"""Freshness and order of public lists: 「○年○月○日時点の情報です」 and 50音順."""

from datetime import date

import pytest

from tests.factories import ServicePageFactory, category

pytestmark = pytest.mark.django_db


def test_service_page_says_as_of_when_confirmed(client, directory_index):
    service = ServicePageFactory(assured_date=date(2025, 4, 1))
    assert "2025年4月1日時点の情報です" in client.get(service.url).content.decode()


def test_handout_says_as_of_for_each_confirmed_service(client, directory_index):
    service = ServicePageFactory(assured_date=date(2025, 4, 1))
    body = client.get(f"/handout/new?service={service.hsds_id}").content.decode()
    assert "2025年4月1日時点の情報です" in body


def test_category_page_lists_services_in_gojuon_order(client, directory_index):
    for title, kana in [("三つ葉食堂", "ミツバショクドウ"), ("愛の食堂", "アイノショクドウ")]:
        service = ServicePageFactory(title=title, name_kana=kana)
        service.categories.add(category("kodomo-shokudo"))
        service.save_revision().publish()
    body = client.get("/categories/food/").content.decode()
    assert body.index("愛の食堂") < body.index("三つ葉食堂")
