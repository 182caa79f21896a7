"""English and やさしい日本語 pages of the demo, without standard-Japanese leftovers in its content.

What "leftover" means here, for the demo content a page shows (service name, description,
category labels, eligibility, application, fees, 持ち物, お知らせ, 受付状況のメモ, the hours
with closure reasons and 開所時間の補足, place names and access notes, phone notes, authorities; on the search
page the hits' names, descriptions, category badges, place names and 受付状況のメモ, the
category facet, and the same names and notes in the map's data):

- English: no kana or kanji once the demo's proper nouns are taken out (ward, town and station
  names, organisation names, the invented words organisations are named with, and
  ``PROPER_NOUNS``), as docs/i18n.md keeps 豊島区 as it is written on the street.
- やさしい日本語: no text is the standard-Japanese value of its field (where that value has
  kanji: katakana names such as フードバンク are the same in both).

Every page is also checked with axe (conftest ``Visit.check``).
"""

from __future__ import annotations

import re

import pytest

from directory.demo import EXTRA_WARDS, MAIN_WARDS
from directory.demo.catalogue import WORDS
from directory.models import Closure, Location, OrganizationPage, ServicePage, TaxonomyTerm

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Names of real bodies the demo text refers to, kept in Japanese in English text.
PROPER_NOUNS = ("法テラス", "東京都社会福祉協議会", "えんがわ")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]+")
KANJI = re.compile(r"[\u3400-\u9fff]")
SERVICE_CONTENT = (
    "h1",
    ".service header .badges a",
    "section[aria-labelledby=about-heading] p",
    ".eligibility",
    ".application",
    ".fees",
    ".documents li",
    ".service-alert",
    ".capacity-note",
    ".hours li",
    ".place h3",
    ".transportation",
    ".phone-note",
    ".authority",
)
HIT_CONTENT = (
    ".search-hit .card-title",
    ".search-hit .card-desc",
    ".search-hit .badges .badge",
    ".search-hit .hit-place",
    ".search-hit .hit-availability",
)
# Names, place names and 受付状況のメモ of the map's hits (its popups are drawn from these).
MAP_CONTENT = (
    "JSON.parse(document.getElementById('search-map-data').textContent).hits"
    ".flatMap(h => [h.name, h.location, (h.availability || {}).note || ''])"
)
CATEGORY_FACET = (
    "Array.from(document.querySelectorAll('.facet-option input[name=category]'))"
    ".map(i => i.nextSibling.textContent.trim())"
)


def _proper_nouns() -> list[str]:
    wards = MAIN_WARDS + EXTRA_WARDS
    nouns = {w.name for w in wards} | {t.name for w in wards for t in w.towns}
    nouns |= {t.station for w in wards for t in w.towns}
    for title, short in OrganizationPage.objects.values_list("title", "alternate_name"):
        nouns |= {title, short} - {""}
    return sorted(nouns | set(WORDS) | set(PROPER_NOUNS), key=len, reverse=True)


def _english_leftovers(texts: list[str]) -> list[str]:
    """Japanese runs left in ``texts`` after the proper nouns; a noun cut by "…" is let go."""
    nouns = _proper_nouns()
    leftovers = []
    for text in texts:
        for noun in nouns:
            text = text.replace(noun, " ")
        cut = re.search(r"[\u3040-\u30ff\u3400-\u9fff]+…$", text)
        if cut and any(noun.startswith(cut.group()[:-1]) for noun in nouns):
            text = text[: cut.start()]
        leftovers += JAPANESE.findall(text)
    return leftovers


def _standard_japanese() -> set[str]:
    """Every standard-Japanese value of the demo content shown on these pages (with kanji)."""
    values: set[str] = set()
    services = ServicePage.objects.live().prefetch_related(
        "required_documents", "phones", "certifications"
    )
    for service in services:
        values |= {
            service.title,
            service.description,
            service.eligibility_description,
            service.application_process,
            service.fees_description,
            service.capacity_note,
            service.alert,
            service.hours_notes,
        }
        values |= {d.document for d in service.required_documents.all()}
        values |= {p.description for p in service.phones.all()}
        values |= {c.authority for c in service.certifications.all()}
    values |= set(TaxonomyTerm.objects.values_list("name", flat=True))
    values |= set(Closure.objects.values_list("description", flat=True))
    for name, transportation in Location.objects.values_list("name", "transportation"):
        values |= {name, transportation}
    return {v.strip() for v in values if KANJI.search(v)}


def _easy_leftovers(texts: list[str], standard: set[str]) -> list[str]:
    """Texts that are, or hold, a standard-Japanese value (a closure reason sits in its line)."""
    found = []
    for text in texts:
        shown = text.strip().removesuffix("…")
        if (
            shown in standard
            or (text.endswith("…") and any(v.startswith(shown) for v in standard))
            or any(f"（{v}）" in shown for v in standard)
        ):
            found.append(text)
    return found


def _sample_services() -> list[ServicePage]:
    """Demo services covering the translated fields: 持ち物, fees, eligibility, notes, places,
    and 開所時間の補足 (``hours_notes``)."""
    live = ServicePage.objects.live().order_by("slug")
    picks = [
        live.filter(categories__code="food-bank").first(),
        live.filter(categories__code="money").exclude(required_documents=None).first(),
        live.exclude(fees_description="").first(),
        live.filter(categories__code="legal").exclude(required_documents=None).first(),
        live.filter(categories__code="older-people").first(),
        live.exclude(capacity_note="").first(),
        live.exclude(alert="").first(),
        live.exclude(certifications=None).first(),
        live.exclude(closures=None).first(),
        live.exclude(hours_notes="").first(),
    ]
    services = list({p.pk: p for p in picks if p is not None}.values())
    assert len(services) >= 4
    assert any(s.hours_notes for s in services), "the sample must show a 開所時間の補足"
    return services


def _texts(page, selectors: tuple[str, ...]) -> list[str]:
    return [t.strip() for s in selectors for t in page.locator(s).all_text_contents() if t.strip()]


def _switch(visit, language: str) -> None:
    visit.goto("/")
    visit.page.get_by_label("言語 / Language").select_option(language)
    visit.page.get_by_role("button", name="切り替え").click()
    visit.page.wait_for_load_state("load")


def test_english_pages_show_no_standard_japanese_in_the_demo_content(visit):
    visit = visit(viewport={"width": 1280, "height": 900})
    page = visit.page
    _switch(visit, "en")
    seen = dict.fromkeys(("documents li", "fees", "service-alert", "capacity-note", "authority"), 0)
    seen |= dict.fromkeys(("transportation", "phone-note"), 0)
    for service in _sample_services():
        visit.goto(service.url)
        assert page.locator("html").get_attribute("lang") == "en"
        for selector in seen:
            seen[selector] += page.locator(f".{selector}").count()
        texts = _texts(page, SERVICE_CONTENT)
        assert page.locator(".eligibility").count() == 1
        assert not _english_leftovers(texts), (service.url, _english_leftovers(texts))
        assert page.get_by_text("This information is only available in Japanese").count() == 0
        visit.check(f"service-{service.slug}-en")
    assert all(seen.values()), f"the sample must show each translated field: {seen}"

    visit.goto("/search/?q=%E7%9B%B8%E8%AB%87")  # 相談: hits from many categories
    assert page.locator(".search-hit").count() > 0
    facet = page.evaluate(CATEGORY_FACET)
    assert facet
    assert page.locator(".search-hit .hit-place").count() > 0
    texts = _texts(page, HIT_CONTENT) + facet + page.evaluate(MAP_CONTENT)
    assert not _english_leftovers(texts), _english_leftovers(texts)
    visit.check("search-en")
    visit.assert_no_third_party_requests()


def test_easy_japanese_pages_show_no_standard_japanese_in_the_demo_content(visit):
    visit = visit(viewport={"width": 1280, "height": 900})
    page = visit.page
    standard = _standard_japanese()
    _switch(visit, "ja-easy")
    for service in _sample_services():
        visit.goto(service.url)
        texts = _texts(page, SERVICE_CONTENT)
        assert page.locator(".eligibility").count() == 1
        assert not _easy_leftovers(texts, standard), (service.url, _easy_leftovers(texts, standard))
        visit.check(f"service-{service.slug}-easy")

    visit.goto("/search/?q=%E7%9B%B8%E8%AB%87")
    assert page.locator(".search-hit").count() > 0
    texts = _texts(page, HIT_CONTENT) + page.evaluate(CATEGORY_FACET) + page.evaluate(MAP_CONTENT)
    assert not _easy_leftovers(texts, standard), _easy_leftovers(texts, standard)
    visit.check("search-easy")
    visit.assert_no_third_party_requests()
