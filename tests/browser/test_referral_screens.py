"""The worker refers, the provider answers: the staff screens in a real Chromium (``-m browser``).

Each page is screenshotted and checked with axe-core (WCAG 2.2 A/AA, no serious or critical
violation; see ``conftest.py``). The form is submitted with a mistake first: the error must be
tied to its field (``aria-invalid`` + ``aria-describedby``) and announced (an error summary with
``role="alert"`` that receives focus), as a screen reader user meets it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from directory.demo import demo_provider_organization
from directory.models import ServicePage
from referrals.models import Referral
from tests.browser.conftest import DESK, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CODE = re.compile(r"/referrals/(TSN-[A-Z0-9-]+)/$")


def _food_bank_service() -> ServicePage:
    """A live service of the demo provider's organization (the ``provider`` account's)."""
    organization = demo_provider_organization()
    return ServicePage.objects.child_of(organization).live().order_by("path").first()


def _accessible_description(page, selector: str) -> str:
    """The text of the elements an ``aria-describedby`` points to, as assistive tech reads it."""
    return page.evaluate(
        """(selector) => {
            const el = document.querySelector(selector);
            const ids = (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
            return ids.map((id) => document.getElementById(id)?.textContent.trim() || '').join(' ');
        }""",
        selector,
    )


def _worker_refers(visit, service: ServicePage) -> str:
    visit.login("worker")
    page = visit.page
    visit.goto(service.get_url())
    visit.check("service")
    page.get_by_role("link", name="この支援へ紹介する").click()
    page.wait_for_url("**/referrals/new/**")
    assert page.get_by_role("heading", name="紹介を作る", level=1).is_visible()
    # The three legal bases for sharing, consent first and chosen.
    consent = page.get_by_role("radio", name="本人同意", exact=True)
    assert consent.is_checked()
    assert page.get_by_role("radio", name="支援会議（法第9条）").is_visible()
    assert page.get_by_role("radio", name="根拠なし（依頼内容だけを伝える）").is_visible()
    assert page.get_by_role("group", name="共有する項目").is_visible()
    visit.check("referral-form")

    # A mistake first: a new client without a name.
    page.get_by_role("radio", name="新しく登録する").check()
    page.get_by_role("textbox", name=re.compile("^依頼内容")).fill(
        "今週分の食料品の支援をお願いします。"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="紹介を送信する").click()
    summary = page.get_by_role("alert")
    assert "氏名を入力してください。" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('r-error-summary')")
    assert page.title().startswith("入力エラー")
    name = page.get_by_role("textbox", name="氏名", exact=True)
    assert name.get_attribute("aria-invalid") == "true"
    assert "氏名を入力してください。" in _accessible_description(page, "#id_name")
    # The summary links to the field.
    page.get_by_role("link", name=re.compile("氏名: 氏名を入力してください")).click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    visit.check("referral-form-error")

    name.fill("目白 はな")
    # The demo food pantry is wait-listed: sending asks the worker to confirm they read its note.
    assert page.get_by_role("note").get_by_text("受付状況: 順番待ち").is_visible()
    page.get_by_role("checkbox", name=re.compile("^受付状況とメモを確認しました")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="紹介を送信する").click()
    match = CODE.search(urlsplit(page.url).path)
    assert match, page.url
    assert page.get_by_role("status").get_by_text("紹介を送信しました").is_visible()
    visit.check("referral-sent")
    return match.group(1)


def test_worker_refers_and_the_provider_answers(visit):
    service = _food_bank_service()
    worker = visit(viewport=DESK, name="referral-worker")
    code = _worker_refers(worker, service)
    referral = Referral.objects.get(code=code)
    assert referral.status == "sent" and referral.service_id == service.pk

    # The same worker, in English: "my referrals" reads as an English page.
    page = worker.page
    worker.goto("/referrals/")
    page.get_by_label("言語 / Language").select_option("en")
    page.get_by_role("button", name="切り替え").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="My referrals", level=1).is_visible()
    assert page.get_by_role("link", name=code).is_visible()
    worker.check("referral-list-english")
    worker.goto(f"/referrals/{code}/")
    assert page.get_by_role("heading", name="What you can do").is_visible()
    worker.check("referral-detail-english")
    worker.assert_no_third_party_requests()

    provider = visit(viewport=PHONE, name="referral-provider")
    provider.login("provider")
    page = provider.page
    provider.goto("/referrals/inbox/")
    assert page.get_by_role("heading", name="受け取った紹介", level=1).is_visible()
    provider.check("inbox")
    page.get_by_role("link", name=code).first.click()
    page.wait_for_url(f"**/referrals/{code}/")
    assert page.get_by_text("今週分の食料品の支援をお願いします。").is_visible()
    # Consent covered name and phone: the provider sees the name.
    assert page.get_by_text("目白 はな").is_visible()
    provider.check("provider-referral")
    with page.expect_navigation():
        page.get_by_role("button", name="受け入れる").last.click()
    assert page.get_by_role("status").get_by_text("受け入れ").first.is_visible()
    provider.check("provider-accepted")
    referral.refresh_from_db()
    assert referral.status == "accepted"

    provider.goto("/providers/")
    assert page.get_by_role("heading", name="掲載の管理", level=1).is_visible()
    provider.check("provider-dashboard")
    card = page.locator(f"#service-{service.pk}")
    with page.expect_navigation():
        card.get_by_role("button", name="順番待ち").click()
    card = page.locator(f"#service-{service.pk}")
    assert card.get_by_role("button", name="順番待ち").get_attribute("aria-pressed") == "true"
    assert card.get_by_role("status").is_visible()
    provider.check("provider-quick-update")
    provider.assert_no_third_party_requests()
