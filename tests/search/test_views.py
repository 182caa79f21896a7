"""The search page ``/search/``: a GET form that works without JavaScript."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template.loader import render_to_string

from tests.search.search_fakes import FakeBackend, install

URL = "/search/"


@pytest.fixture
def fake(db, monkeypatch, settings):
    settings.SEARCH_BACKEND = "fake"
    return install(monkeypatch, FakeBackend("fake"), FakeBackend("database", total=0))["fake"]


def links(html: str, rel_or_text: str) -> list[str]:
    return [unescape(href) for href in re.findall(rf'href="([^"]*)"[^>]*{rel_or_text}', html)]


def test_page_without_parameters_shows_the_form_and_everything(client, fake):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="search-form" id="search-form" method="get" action="/search/"' in html
    assert '<label for="id_q">キーワード</label>' in html
    assert '<label for="id_near">場所（郵便番号・市区町村）</label>' in html
    assert 'name="radius_km"' in html and '<option value="5" selected>' in html
    for label in ("今開いている", "夜間", "土日祝"):
        assert label in html
    assert '<select name="sort" id="id_sort"' in html
    assert 'role="status" aria-live="polite"' in html and "45件見つかりました" in html
    assert fake.queries[-1].text == ""


def test_results_list(client, fake):
    html = client.get(URL, {"q": "食料", "near": "170-0013"}).content.decode()
    assert '<ol class="cards search-hits" start="1">' in html
    assert '<a href="/services/00000000-0000-0000-0000-000000000001/">フードバンク0</a>' in html
    assert "NPO法人 豊島フードネット" in html
    assert "開いています" in html and "閉まっています" in html
    assert "約0.1 km" in html  # distance of the second hit
    assert "<mark>食料</mark>品を無料でお渡しします。&lt;b&gt;" in html  # escaped apart from <mark>
    assert "〒170-0013 東京都豊島区東池袋の近く（5 km以内）" in html


def test_the_page_says_which_words_were_left_out(client, fake):
    fake.ignored_words = ("息子",)
    html = client.get(URL, {"q": "引きこもりの息子"}).content.decode()
    assert (
        "「息子」ということばを含む支援は見つからなかったため、このことばを除いて探しました。"
        in html
    )


def test_no_word_left_out_no_note(client, fake):
    html = client.get(URL, {"q": "食料"}).content.decode()
    assert "ということばを含む支援は見つからなかった" not in html


def test_facets_with_counts_in_fieldsets(client, fake, directory_index):
    html = client.get(URL, {"category": "food"}).content.decode()
    assert '<details class="facet" open>' in html  # the facet with a selection is open
    assert '<legend class="visually-hidden">分野</legend>' in html
    assert re.search(
        r'<input type="checkbox" name="category" value="food" checked> 食料支援 '
        r'<span class="facet-count">（30件）</span>',
        html,
    )
    assert 'name="category" value="housing">' in html
    assert '<legend class="visually-hidden">対象</legend>' in html
    assert "単身の方" in html and "東京都豊島区" in html
    assert "費用" not in html.split('id="search-facets"')[1]  # a facet without values is left out


def test_pagination_links_keep_every_parameter(client, fake):
    params = "q=食料&near=170-0013&radius_km=2&category=food&category=housing&open_now=1&page=2"
    html = client.get(f"{URL}?{params}").content.decode()
    next_links = links(html, 'rel="next"')
    assert len(next_links) == 1
    query = parse_qs(urlsplit(next_links[0]).query)
    assert query == {
        "q": ["食料"],
        "near": ["170-0013"],
        "radius_km": ["2"],
        "category": ["food", "housing"],
        "open_now": ["1"],
        "page": ["3"],
    }
    previous = parse_qs(urlsplit(links(html, 'rel="prev"')[0]).query)
    assert previous["page"] == ["1"] and previous["category"] == ["food", "housing"]
    assert 'aria-current="page">2</a>' in html
    assert '<ol class="cards search-hits" start="21">' in html


def test_no_pagination_for_one_page(client, fake):
    fake.total = 3
    html = client.get(URL).content.decode()
    assert 'rel="next"' not in html and "ページ送り" not in html


def test_degraded_notice(client, fake):
    fake.unavailable = True
    response = client.get(URL, {"q": "食料"})
    assert response.status_code == 200
    assert "結果が不完全な可能性があります" in response.content.decode()


def test_no_notice_normally(client, fake):
    assert "結果が不完全な可能性があります" not in client.get(URL).content.decode()


def test_empty_state_with_suggestions(client, fake):
    fake.total = 0
    html = client.get(
        URL, {"q": "食料", "near": "豊島区", "radius_km": "2", "weekends": "1"}
    ).content
    html = html.decode()
    assert "条件に合う支援が見つかりませんでした" in html
    assert "5 km以内に広げて探す" in html
    wider = [h for h in links(html, "") if "radius_km=5" in h]
    assert wider and "weekends=1" in wider[0]
    assert "絞り込みや時間の条件を外して探す" in html
    assert '<a href="/directory/">' in html


def test_unknown_place_is_a_field_error(client, fake):
    response = client.get(URL, {"q": "食料", "near": "どこでもない町"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'id="near-error"' in html and "見つかりませんでした" in html
    assert 'aria-invalid="true"' in html
    assert 'value="どこでもない町"' in html and 'value="食料"' in html  # the input is kept
    assert fake.queries == []


def test_distance_sort_without_a_place_is_a_field_error(client, fake):
    response = client.get(URL, {"sort": "distance"})
    assert response.status_code == 400
    assert 'id="sort-error"' in response.content.decode()


def test_map_is_an_enhancement_only(client, fake):
    html = client.get(URL, {"near": "170-0013"}).content.decode()
    assert 'id="search-map-panel" hidden' in html  # shown by JavaScript only
    assert 'id="use-location" hidden' in html
    assert '<script id="search-map-data" type="application/json">' in html
    assert "/static/js/search-map.js" in html
    # Leaflet and its cluster plugin are only named for the script to load on request.
    assert "leaflet" not in re.sub(r'data-(leaflet|cluster)[\w-]*="[^"]*"', "", html).lower()


def test_state_survives_in_the_form(client, fake):
    html = client.get(
        URL,
        {"bbox": "139.7,35.7,139.8,35.8", "evenings": "1", "sort": "name", "page_size": "50"},
    ).content.decode()
    assert 'name="bbox" id="id_bbox" value="139.7,35.7,139.8,35.8">' in html
    assert '<input type="checkbox" name="evenings" value="1" checked>' in html
    assert '<option value="name" selected>' in html
    assert '<input type="hidden" name="page_size" value="50">' in html
    assert "地図で選んだ範囲の中だけを表示しています" in html


def test_lat_lng_from_the_browser(client, fake):
    html = client.get(URL, {"lat": "35.729", "lng": "139.719"}).content.decode()
    assert "現在地の近くで探しています" in html
    assert 'name="lat" id="id_lat" value="35.729">' in html
    assert fake.queries[-1].point.latitude == 35.729


def test_nav_links_to_search(client, fake):
    assert '<a href="/search/">検索</a>' in client.get(URL).content.decode()


def test_home_search_box_include():
    html = render_to_string("search/includes/search_box.html")
    assert 'action="/search/"' in html and 'name="q"' in html and 'name="near"' in html


# --- on the real database backend -----------------------------------------------------------


def test_page_on_the_database_backend(client, directory_index, settings):
    from search.backends import get_backend
    from search.documents import build_documents, indexable_services
    from tests.factories import LocationFactory, ServicePageFactory, category, service_at

    settings.SEARCH_BACKEND = "database"
    for number in range(7):
        page = ServicePageFactory(title=f"食料の配布 {number:02d}", languages=["ja", "en"])
        page.categories.add(category("food-bank"))
        service_at(page, LocationFactory(latitude=35.7295 + number * 0.001, longitude=139.7190))
        page.save_revision().publish()
    get_backend("database").index(build_documents(indexable_services()))

    params = {
        "q": "食料",
        "lat": "35.7295",
        "lng": "139.719",
        "radius_km": "10",
        "sort": "distance",
        "page_size": "5",
    }
    response = client.get(URL, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "7件見つかりました" in html
    assert html.index("食料の配布 00") < html.index("食料の配布 01")
    assert 'name="language" value="en">' in html and "（7件）" in html
    next_url = links(html, 'rel="next"')[0]
    assert parse_qs(urlsplit(next_url).query) == {
        **{name: [value] for name, value in params.items()},
        "page": ["2"],
    }
    second = client.get(URL + next_url).content.decode()
    assert "食料の配布 06" in second and '<ol class="cards search-hits" start="6">' in second
    assert "食料の配布 04" not in second


def test_hit_card_and_map_data_show_availability_and_note(client, fake):
    html = client.get(URL, {"q": "食料", "near": "170-0013"}).content.decode()
    assert '<span class="badge badge-warn">順番待ち</span> 1か月ほど待ちます' in html
    data = re.search(
        r'<script id="search-map-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert '"availability": {"status": "accepting"' in data.group(1)
