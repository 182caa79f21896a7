"""The 場所 box (``near``) on the page and in the API: 町域, stations, addresses, choices."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from search.forms import SearchForm

API = "/api/v1/search"
PAGE = "/search/"


def parse(query_string: str) -> SearchForm:
    form = SearchForm(QueryDict(query_string))
    form.is_valid()
    return form


@pytest.mark.parametrize("near", ["東池袋", "池袋駅", "池袋本町", "東京都豊島区東池袋1-2-3"])
def test_town_station_and_address_are_accepted(near):
    form = parse(f"near={near}")
    assert form.is_valid()
    assert form.query.point is not None


def test_ambiguous_place_is_an_error_listing_the_candidates():
    form = parse("near=大塚")
    assert form.errors["near"][0].count("大塚") >= 2
    assert "東京都文京区大塚" in form.errors["near"][0]


def test_api_answers_400_with_the_candidates_for_an_ambiguous_place(client, db):
    response = client.get(API, {"near": "大塚"})
    assert response.status_code == 400
    (error,) = response.json()["detail"]
    assert error["field"] == "near"
    labels = [c["label"] for c in error["candidates"]]
    assert "東京都文京区大塚" in labels
    assert all({"latitude", "longitude"} <= set(c) for c in error["candidates"])


def test_page_offers_the_candidates_as_links(client, db):
    html = client.get(PAGE, {"near": "大塚"}).content.decode()
    assert 'class="place-choices"' in html
    assert "near=%E6%9D%B1%E4%BA%AC%E9%83%BD%E6%96%87%E4%BA%AC%E5%8C%BA%E5%A4%A7%E5%A1%9A" in html


@pytest.fixture
def fake(db, monkeypatch, settings):
    from tests.search.search_fakes import FakeBackend, install

    settings.SEARCH_BACKEND = "fake"
    return install(monkeypatch, FakeBackend("fake"), FakeBackend("database", total=2))["fake"]


def test_page_says_when_the_place_is_a_towns_centre(client, fake):
    html = client.get(PAGE, {"near": "東京都豊島区東池袋1-2-3"}).content.decode()
    assert "東京都豊島区東池袋の近く" in html
    assert "町域の中心で探しています" in html


def test_page_says_when_only_the_ward_could_be_placed(client, fake):
    html = client.get(PAGE, {"near": "豊島区どこでもない町1-2"}).content.decode()
    assert "市区町村の中心で探しています" in html
