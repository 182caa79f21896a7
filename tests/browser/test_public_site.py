"""A resident on a phone and a support worker at a desk, in a real Chromium (``pytest -m browser``).

Every page visited is screenshotted and checked with axe-core (WCAG 2.2 A/AA, no serious or
critical violation); see ``conftest.py`` for the frozen clock and the artifacts.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from directory.models import Handout

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEARCH_PAGE_BUDGET = 250 * 1024  # bytes, map tiles excluded (there are none until asked for)
PHONE = {"width": 360, "height": 740}


def pdf_page_count(pdf: bytes) -> int:
    """Pages of a PDF from Chromium (its page objects are not packed into object streams)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _search_from_home(visit) -> None:
    page = visit.page
    visit.goto("/")
    visit.check("home")
    page.get_by_label("キーワード").fill("食料")
    page.get_by_label("場所（郵便番号・市区町村）").fill("〒170-0013")
    page.get_by_role("button", name="検索", exact=True).click()
    page.wait_for_url("**/search/**")


def test_resident_on_a_phone_finds_food_open_now_and_reads_it_in_english(visit):
    visit = visit(viewport=PHONE)
    page = visit.page
    transferred: list[int] = []
    page.on("response", lambda response: transferred.append(len(response.body() or b"")))

    _search_from_home(visit)
    page.get_by_label("今開いている").check()
    page.get_by_role("button", name="検索", exact=True).click()
    page.wait_for_load_state("load")
    query = parse_qs(urlsplit(page.url).query)
    assert query["q"] == ["食料"] and query["open_now"] == ["1"]
    assert page.locator(".search-hit").count() > 0
    assert page.locator(".search-hit .badge-open").count() == page.locator(".search-hit").count()
    assert page.locator("html").get_attribute("lang") == "ja"
    # The search page as a phone loads it: HTML, CSS, JS; the map library only on request.
    assert sum(transferred) < SEARCH_PAGE_BUDGET, f"search page weighs {sum(transferred)} bytes"
    visit.check("search-open-now")

    page.locator(".search-hit .card-title a").first.click()
    page.wait_for_load_state("load")
    service_path = urlsplit(page.url).path
    japanese_name = page.locator("h1").inner_text()
    assert page.get_by_text("今、開いています").is_visible()
    assert page.get_by_role("link", name="手渡し用の案内に入れる").is_visible()
    visit.check("service")

    page.get_by_label("言語 / Language").select_option("en")
    page.get_by_role("button", name="切り替え").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == service_path
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Opening hours").is_visible()
    assert page.get_by_text("Open now").first.is_visible()
    # Demo services have English names and descriptions: shown, with no fallback notice.
    assert page.locator("h1").inner_text() != japanese_name
    assert page.get_by_text("This information is only available in Japanese").count() == 0
    visit.check("service-english")
    visit.assert_no_third_party_requests()


def test_resident_switches_the_search_to_easy_japanese_and_keeps_the_query(visit):
    visit = visit(viewport=PHONE)
    page = visit.page
    _search_from_home(visit)
    searched = visit.path()
    visit.check("search")

    page.get_by_label("言語 / Language").select_option("ja-easy")
    page.get_by_role("button", name="切り替え").click()
    page.wait_for_load_state("load")
    assert visit.path() == searched, "the language switcher must keep the page and the search"
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.get_by_role("heading", name="たすけを さがす").is_visible()
    assert page.get_by_label("さがす ことば").input_value() == "食料"
    assert page.locator(".search-hit").count() > 0
    visit.check("search-easy")

    page.locator(".search-hit .card-title a").first.click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name="あいている 時間").is_visible()
    visit.check("service-easy")

    visit.goto("/directory/")
    visit.check("directory-easy")
    visit.assert_no_third_party_requests()


def test_worker_builds_a_handout_of_three_services_and_prints_it(visit):
    visit = visit(viewport={"width": 1280, "height": 900})
    page = visit.page
    visit.goto("/search/?q=%E9%A3%9F%E6%96%99&near=170-0013")
    visit.check("search")

    picks = page.get_by_role("checkbox", name="手渡し用の案内に入れる")
    chosen = []
    for index in range(3):
        picks.nth(index).check()
        chosen.append(picks.nth(index).get_attribute("value"))
    page.get_by_role("button", name="選んだ支援で案内を作る").click()
    page.wait_for_url("**/handout/new?**")
    assert parse_qs(urlsplit(page.url).query)["service"] == chosen
    assert page.locator(".handout-item").count() == 3
    visit.check("handout")

    page.get_by_label("案内の言語 / Language").select_option("en")
    page.get_by_role("button", name="言語を変える").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Where to get help").is_visible()
    visit.check("handout-english")

    page.get_by_role("button", name="Create a link to share").click()
    page.wait_for_url("**/h/*")
    code = urlsplit(page.url).path.rsplit("/", 1)[-1]
    handout = Handout.objects.get(code=code)
    assert handout.language == "en"
    assert handout.service_ids == chosen
    assert page.get_by_label("Link to share").input_value().endswith(f"/h/{code}")
    visit.check("handout-shared")

    page.set_viewport_size(PHONE)
    visit.check("handout-phone")

    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi, for the screenshot
    page.emulate_media(media="print")
    visit.shot("handout-print")
    pdf = page.pdf(format="A4", print_background=True)
    (visit.directory / "handout.pdf").write_bytes(pdf)
    pages = pdf_page_count(pdf)
    assert 1 <= pages <= 2, f"three services should print on one or two A4 pages, not {pages}"
    visit.assert_no_third_party_requests()
