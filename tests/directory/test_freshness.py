"""「○年○月○日時点の情報です」: the last confirmed date on public pages and hand-outs."""

from datetime import date

import pytest

from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db


def test_service_page_says_as_of_when_confirmed(client, directory_index):
    service = ServicePageFactory(assured_date=date(2025, 4, 1))
    assert "2025年4月1日時点の情報です" in client.get(service.url).content.decode()


def test_handout_says_as_of_for_each_confirmed_service(client, directory_index):
    service = ServicePageFactory(assured_date=date(2025, 4, 1))
    body = client.get(f"/handout/new?service={service.hsds_id}").content.decode()
    assert "2025年4月1日時点の情報です" in body
