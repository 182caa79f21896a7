"""A day's work without the admin: the worker signs in, lands on 「わたしの仕事」, searches near
a station (池袋駅), refers one client to two services at once; the provider signs in, sees the
count on their home and accepts; a list of the agency made, renamed and deleted after a
confirmation (``-m browser``; every page checked with axe like the other tests)."""

from __future__ import annotations

import re

import pytest

from directory.demo import DEMO_PASSWORD, demo_provider_organization
from directory.models import ServicePage
from referrals.models import Referral
from referrals.selectors import provider_counts
from tests.browser.conftest import DESK, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in(visit, username: str) -> None:
    page = visit.page
    visit.goto("/accounts/login/")
    page.get_by_role("textbox", name=re.compile("^ユーザー名")).fill(username)
    page.get_by_label(re.compile("^パスワード")).fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="ログイン").click()
    page.wait_for_url("**/my/")
    assert page.get_by_role("heading", name="わたしの仕事", level=1).is_visible()


def test_worker_refers_to_two_services_and_the_provider_accepts(visit):
    organization = demo_provider_organization()
    first, second = ServicePage.objects.child_of(organization).live().order_by("path")[:2]
    provider_user = organization.provider_memberships.select_related("user").first().user
    new_before = provider_counts(user=provider_user).new
    existing = list(Referral.objects.values_list("pk", flat=True))  # the demo's own referrals

    worker = visit(viewport=DESK, name="my-work-worker")
    _sign_in(worker, "worker")
    page = worker.page
    worker.check("my-worker")
    page.get_by_role("searchbox", name="キーワード").fill(organization.title)
    page.get_by_role("textbox", name=re.compile("^場所")).fill("池袋駅")
    with page.expect_navigation():
        page.get_by_role("button", name="検索", exact=True).last.click()
    page.wait_for_url("**/search/**")
    worker.check("my-search-results")
    for service in (first, second):
        page.locator(f'input[name="service"][value="{service.hsds_id}"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="選んだ支援へ紹介する").click()
    page.wait_for_url("**/referrals/new/**")
    assert page.get_by_text(first.title).first.is_visible()
    assert page.get_by_text(second.title).first.is_visible()
    worker.check("my-referral-form")
    page.get_by_role("radio", name="新しく登録する").check()
    page.get_by_role("textbox", name="氏名", exact=True).fill("目白 はな")
    page.get_by_role("textbox", name=re.compile("^依頼内容")).fill(
        "食料品と生活の相談をお願いします。"
    )
    # One of the two is wait-listed: its note is shown and sending asks for a confirmation.
    assert page.get_by_role("note").first.is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="紹介を送信する").click()
    assert page.get_by_role("alert").is_visible()
    worker.check("my-referral-confirm-availability")
    page.get_by_role("checkbox", name=re.compile("^受付状況とメモを確認しました")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="紹介を送信する").click()
    assert page.get_by_role("status").get_by_text("2件の紹介を作りました").is_visible()
    worker.check("my-referrals-sent")
    made = Referral.objects.exclude(pk__in=existing).filter(service__in=[first, second])
    assert made.filter(status="sent").count() == 2 and len({r.consent_id for r in made}) == 1
    worker.assert_no_third_party_requests()

    provider = visit(viewport=PHONE, name="my-work-provider")
    _sign_in(provider, provider_user.username)
    page = provider.page
    count = page.locator('[data-count="new"]')
    assert count.inner_text().strip() == str(new_before + 2)
    provider.check("my-provider")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^新しい紹介")).click()
    code = made.first().code
    page.get_by_role("link", name=code).first.click()
    page.wait_for_url(f"**/referrals/{code}/")
    with page.expect_navigation():
        page.get_by_role("button", name="受け入れる").last.click()
    provider.check("my-provider-accepted")
    assert Referral.objects.get(code=code).status == "accepted"
    provider.assert_no_third_party_requests()


def test_worker_keeps_a_service_on_the_agencys_list_renames_and_deletes_it(visit):
    service = ServicePage.objects.child_of(demo_provider_organization()).live().first()

    worker = visit(viewport=PHONE, name="my-work-favourites")
    worker.login("worker")
    worker.goto("/my/")
    page = worker.page
    page.get_by_role("textbox", name="新しいリストの名前").fill("食料のとき")
    with page.expect_navigation():
        page.get_by_role("button", name="リストを作る").click()
    worker.goto(service.url)
    with page.expect_navigation():
        page.get_by_role("button", name="リストに入れる").click()
    worker.check("favourites-service-page")
    worker.goto("/my/")
    with page.expect_navigation():
        page.get_by_role("link", name="食料のとき").click()
    assert page.get_by_role("link", name=service.title).is_visible()
    worker.check("favourites-list")
    page.get_by_role("textbox", name="リストの名前").fill("食料と衣類のとき")
    with page.expect_navigation():
        page.get_by_role("button", name="名前を変える").click()
    assert page.get_by_role("heading", name="食料と衣類のとき", level=1).is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="このリストを削除する").click()
    worker.check("favourites-delete-confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="削除する").click()
    page.wait_for_url("**/my/")
    assert page.get_by_role("link", name="食料と衣類のとき").count() == 0
    worker.assert_no_third_party_requests()
