"""The coordinator's dashboard in a real Chromium (``-m browser``): the panels arrive by
``static/js/dashboard.js``, the 豊島区・住まい filter, the trend chart with its table, the gap map,
and the CSV and XLSX downloads; every page checked with axe like the other browser tests.

A small demo (``demo_referrals_bulk(count=400)``) on top of the demo directory keeps it quick.
Map tiles never leave the machine: the browser answers them with an empty response.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from dashboard.demo import demo_referrals_bulk
from tests.browser.conftest import DESK

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TOSHIMA = "131164"


@pytest.fixture
def coordinator(visit):
    """The demo coordinator (``moderator``, past two-factor sign-in) with a small demo."""
    assert demo_referrals_bulk(count=400, seed=7) == 400
    tab = visit(viewport=DESK)
    origin = "/".join(settings.MAP_TILE_URL.split("/")[:3])
    tab.page.route(f"{origin}/**", lambda route: route.fulfill(status=204, body=b""))
    tab.login("moderator")
    return tab


def _panels_loaded(page) -> None:
    """dashboard.js replaced the link with the panels and drew the monthly chart."""
    page.wait_for_selector("#dashboard-panels #chart-monthly", state="attached")
    page.wait_for_function(
        "() => !document.getElementById('dashboard-panels').hasAttribute('aria-busy')"
    )


def _filter_toshima_housing(page) -> None:
    page.get_by_role("combobox", name="市区町村", exact=True).select_option(value=TOSHIMA)
    page.get_by_role("combobox", name="分野", exact=True).select_option(value="housing")
    with page.expect_navigation():
        page.get_by_role("button", name="絞り込む").click()


def test_the_panels_arrive_and_filter_to_toshima_and_housing(coordinator):
    page = coordinator.page
    coordinator.goto("/dashboard/")
    assert page.get_by_role("heading", name="ダッシュボード", level=1).is_visible()
    _panels_loaded(page)
    coordinator.check("dashboard-all")

    _filter_toshima_housing(page)
    _panels_loaded(page)
    assert f"municipality={TOSHIMA}" in page.url and "category=housing" in page.url
    assert (
        "住まい"
        in page.get_by_role("combobox", name="分野", exact=True)
        .locator("option:checked")
        .inner_text()
    )
    sent = page.locator(".d-figure", has_text="送った紹介").first.locator("strong")
    assert sent.inner_text() not in {"", "—", "0"}
    # The trend: a chart Chart.js has drawn (it sizes the canvas) and the same numbers as a table.
    page.wait_for_function("() => document.getElementById('chart-monthly').width > 0")
    assert page.locator("#chart-monthly").is_visible()
    monthly = page.locator("#table-monthly table")
    # Every month of the default period (December 2025 to the frozen November 2026), none skipped.
    assert monthly.locator("tbody tr").count() == 12
    assert page.get_by_text("2025年12月1日〜2026年11月7日").is_visible()
    coordinator.check("dashboard-toshima-housing")
    coordinator.assert_no_third_party_requests()


def test_the_gap_map_shows_a_gap_in_toshima_for_housing(coordinator):
    page = coordinator.page
    coordinator.goto(f"/dashboard/gaps/?municipality={TOSHIMA}&category=housing")
    page.wait_for_selector("#gap-map path.leaflet-interactive")
    # Red rectangles are the gaps (dashboard-map.js: #b91c1c).
    assert page.locator('#gap-map path[stroke="#b91c1c"]').count() >= 1
    assert page.get_by_text("不足").first.is_visible()
    coordinator.check("dashboard-gaps")


@pytest.mark.parametrize("kind", ["CSV", "XLSX"])
def test_the_exports_download_files(coordinator, kind, tmp_path):
    page = coordinator.page
    coordinator.goto(f"/dashboard/?municipality={TOSHIMA}&category=housing")
    _panels_loaded(page)
    with page.expect_download() as all_tables:
        page.get_by_role("link", name=f"すべての表を{kind}で").click()
    with page.expect_download() as one_table:
        page.locator("#table-monthly").get_by_role("link", name=kind, exact=True).click()
    for download in (all_tables.value, one_table.value):
        assert download.suggested_filename.endswith(f".{kind.lower()}")
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        data = saved.read_bytes()
        if kind == "XLSX":
            assert data[:4] == b"PK\x03\x04"  # a zip, as every XLSX is
        else:
            assert "豊島区" in data.decode("utf-8-sig") or len(data.splitlines()) > 2
