"""The search page's map in a real Chromium: clustered pins, and a refresh for the visible area.

Tile requests never leave the machine: the browser answers them itself with an empty image
response (``_no_tiles``), whatever ``MAP_TILE_URL`` says.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESK = {"width": 1280, "height": 900}


def _no_tiles(page) -> str:
    """Answer every tile request with an empty response; returns the tile server's origin."""
    origin = "/".join(settings.MAP_TILE_URL.split("/")[:3])
    page.route(f"{origin}/**", lambda route: route.fulfill(status=204, body=b""))
    return origin


def _open_map(visit, path: str):
    page = visit.page
    origin = _no_tiles(page)
    visit.goto(path)
    with page.expect_response(lambda r: "/api/v1/search" in r.url and "bbox=" in r.url):
        page.get_by_role("button", name="地図で表示").click()
    page.wait_for_selector("#search-map[data-refreshed]")
    return page, origin


def test_nearby_services_are_clustered_on_the_map(visit):
    visit = visit(viewport=DESK)
    page, origin = _open_map(visit, "/search/?near=豊島区&radius_km=20")

    clusters = page.locator("#search-map .marker-cluster")
    assert clusters.count() > 0
    first = clusters.first
    assert int(first.locator("span[aria-hidden]").inner_text()) > 1
    assert "件" in first.locator(".visually-hidden").inner_text()
    assert page.locator("#search-map-status").inner_text().startswith("地図の範囲に")
    visit.check("map-clusters")
    # Only tiles (answered by the browser itself) went elsewhere.
    assert all(url.startswith(origin) for url in visit.foreign_requests)


def test_moving_the_map_with_the_keyboard_refreshes_it_for_the_new_area(visit):
    visit = visit(viewport=DESK)
    page, _origin = _open_map(visit, "/search/?near=豊島区&radius_km=20")
    first_refresh = page.locator("#search-map").get_attribute("data-refreshed")

    page.locator("#search-map").focus()
    with page.expect_request(lambda r: "/api/v1/search" in r.url and "bbox=" in r.url) as moved:
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
    query = parse_qs(urlsplit(moved.value.url).query)
    assert "near" not in query and query["page_size"] == ["100"]
    page.wait_for_function(
        "(before) => document.querySelector('#search-map').dataset.refreshed !== before",
        arg=first_refresh,
    )
    visit.check("map-moved")
