"""The referral screens through the test client: the happy path, the access matrix, the log.

The world (tests/referrals/conftest.py): 「豊島区 くらし・しごと相談支援センター」 with ``worker``
and ``lead``, another agency's ``other_worker``, the food bank 「としまフードバンク」 and its
``provider_staff``, another organization's ``other_staff``, a ``coordinator`` and ``anonymous``.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from referrals import links, services
from referrals.choices import ClientField, Status
from referrals.models import AccessLog, Client, Notification, Referral
from tests.otp import login_verified

pytestmark = pytest.mark.django_db

NAME, READING, PHONE, EMAIL = "豊島 花子", "としま はなこ", "090-1234-5678", "hanako@example.jp"
PERSONAL = (NAME, READING, PHONE, EMAIL, "家賃の滞納")
ROLES = ("worker", "lead", "other_worker", "provider_staff", "other_staff", "coordinator")


def login(client, user):
    login_verified(client, user)
    return client


def refer_data(world, **overrides):
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "service": str(world.service.hsds_id),
        "client_mode": "new",
        "name": "目白 太郎",
        "name_reading": "めじろ たろう",
        "phone": "080-1111-2222",
        "email": "taro@example.jp",
        "household_type": "single",
        "needs_summary": "失業して食費が足りない",
        "basis": "consent",
        "method": "written",
        "consent_given_on": timezone.localdate().isoformat(),
        "scope": ["name", "phone"],
        "organizations": [str(world.provider_org.pk)],
        "expires_on": (timezone.localdate() + timedelta(days=180)).isoformat(),
        "need": "今週分の食料品をお願いします。",
        "urgency": "normal",
        "support_plan_reference": "PLAN-2026-001",
        "note": "午前中なら電話がつながります。",
        "submit": "send",
    }
    data.update(overrides)
    return data


def detail_url(referral):
    return reverse("referrals:detail", kwargs={"code": referral.code})


def act(client, referral, action, seen=None, **fields):
    data = {"action": action, "seen_status": seen or referral.status, **fields}
    return client.post(reverse("referrals:act", kwargs={"code": referral.code}), data)


# ---------------------------------------------------------------------------------------------
# The happy path (issue 4, "Done when")


def test_worker_refers_provider_sees_scope_and_accepts_worker_sees_timeline(world, client):
    login(client, world.worker)
    new_url = reverse("referrals:new") + f"?service={world.service.hsds_id}"
    page = client.get(new_url)
    assert page.status_code == 200
    assert world.service.title in page.content.decode()
    # The service's organization is offered and ticked as the consent's recipient.
    assert f'value="{world.provider_org.pk}"' in page.content.decode()

    response = client.post(new_url, refer_data(world))
    assert response.status_code == 302, response.content.decode()[:2000]
    referral = Referral.objects.get(idempotency_key=response.wsgi_request.POST["idempotency_key"])
    assert response["Location"] == detail_url(referral)
    assert referral.status == Status.SENT
    assert referral.consent.scope == ["name", "phone"]
    assert list(referral.consent.organizations.all()) == [world.provider_org]
    assert referral.support_plan_reference == "PLAN-2026-001"
    assert "目白" not in response["Location"]

    # The food bank's staff sees exactly the name and the phone, and the read is logged.
    login(client, world.provider_staff)
    inbox = client.get(reverse("referrals:inbox"))
    assert referral.code in inbox.content.decode()
    assert "目白 太郎" not in inbox.content.decode()
    before = AccessLog.objects.count()
    page = client.get(detail_url(referral)).content.decode()
    assert "目白 太郎" in page and "080-1111-2222" in page
    for hidden in ("めじろ たろう", "taro@example.jp", "失業して食費が足りない"):
        assert hidden not in page
    assert "今週分の食料品をお願いします。" in page
    log = AccessLog.objects.order_by("-pk").first()
    assert AccessLog.objects.count() == before + 1
    assert (log.user, log.purpose, log.fields) == (
        world.provider_staff,
        "provider.referral.detail",
        ["name", "phone"],
    )

    response = act(client, referral, "accept", note="来週の月曜に来てください。")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Status.ACCEPTED

    # The worker sees the timeline: who, when, from, to, note.
    login(client, world.worker)
    page = client.get(detail_url(referral)).content.decode()
    assert "送信する" in page and "受け入れる" in page
    assert "foodbank" in page  # the provider staff's username
    assert "来週の月曜に来てください。" in page
    assert "午前中なら電話がつながります。" in page
    assert Notification.objects.filter(user=world.worker, referral=referral).exists()


def test_no_basis_shows_what_the_provider_will_see_before_sending(world, client):
    login(client, world.worker)
    data = refer_data(world, client_mode="existing", client=str(world.client.pk), basis="none")

    page = client.post(reverse("referrals:new"), data).content.decode()

    assert not Referral.objects.filter(idempotency_key=data["idempotency_key"]).exists()
    assert "今週分の食料品をお願いします。" in page
    assert "本人同意または支援会議の記録がない" in page
    assert 'name="previewed" value="1"' in page


def test_no_basis_preview_can_go_back_to_the_form(world, client):
    login(client, world.worker)
    data = refer_data(
        world, client_mode="existing", client=str(world.client.pk), basis="none", submit="edit"
    )

    response = client.post(reverse("referrals:new"), data)

    assert not Referral.objects.filter(idempotency_key=data["idempotency_key"]).exists()
    assert 'name="need"' in response.content.decode()


def test_refer_with_existing_client_and_no_basis_shows_provider_only_the_need(world, client):
    login(client, world.worker)
    data = refer_data(
        world, client_mode="existing", client=str(world.client.pk), basis="none", previewed="1"
    )
    response = client.post(reverse("referrals:new"), data)
    assert response.status_code == 302
    referral = Referral.objects.get(idempotency_key=data["idempotency_key"])
    assert referral.client == world.client and referral.consent is None
    login(client, world.provider_staff)
    before = AccessLog.objects.count()
    page = client.get(detail_url(referral)).content.decode()
    assert "今週分の食料品をお願いします。" in page
    assert not any(value in page for value in PERSONAL)
    assert "本人同意または支援会議の記録がない" in page
    assert AccessLog.objects.count() == before  # nothing personal read, nothing logged


def test_refer_form_errors_are_shown_and_nothing_is_created(world, client):
    login(client, world.worker)
    clients_before = Client.objects.count()
    data = refer_data(world, name="", need="", scope=[], method="")
    response = client.post(reverse("referrals:new"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "氏名を入力してください。" in page
    assert "共有する項目を一つ以上選んでください。" in page
    assert "同意の方法を選んでください。" in page
    assert Client.objects.count() == clients_before
    assert not Referral.objects.filter(idempotency_key=data["idempotency_key"]).exists()


def test_save_as_draft_then_send_from_detail(world, client):
    login(client, world.worker)
    data = refer_data(world, submit="draft")
    client.post(reverse("referrals:new"), data)
    referral = Referral.objects.get(idempotency_key=data["idempotency_key"])
    assert referral.status == Status.DRAFT
    # The provider cannot see a draft at all.
    login(client, world.provider_staff)
    assert client.get(detail_url(referral)).status_code == 404
    login(client, world.worker)
    assert act(client, referral, "send").status_code == 302
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_double_submit_creates_one_referral_and_one_client(world, client):
    login(client, world.worker)
    data = refer_data(world)
    clients_before = Client.objects.count()
    first = client.post(reverse("referrals:new"), data)
    second = client.post(reverse("referrals:new"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Referral.objects.filter(idempotency_key=data["idempotency_key"]).count() == 1
    assert Client.objects.count() == clients_before + 1


def test_unknown_or_missing_service_is_404(world, client):
    login(client, world.worker)
    assert client.get(reverse("referrals:new")).status_code == 404
    assert client.get(reverse("referrals:new") + "?service=not-a-uuid").status_code == 404
    assert client.get(reverse("referrals:new") + f"?service={uuid.uuid4()}").status_code == 404


# ---------------------------------------------------------------------------------------------
# Actions: invalid transitions, stale pages, the wrong side


def test_invalid_transition_shows_a_clear_message(world, client):
    referral = world.sent()
    login(client, world.provider_staff)
    response = act(client, referral, "complete", outcome="need_met")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "「送信済み」の紹介は「完了にする」ことができません。" in page
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_stale_page_gets_the_conflict_message(world, client):
    referral = world.sent()
    services.referral_accept(referral=referral, by=world.provider_staff)
    login(client, world.provider_staff)
    response = act(client, referral, "decline", seen="sent", reason="no_capacity")
    page = client.get(response["Location"]).content.decode()
    assert "この紹介は先に他の方が対応しました" in page
    referral.refresh_from_db()
    assert referral.status == Status.ACCEPTED


def test_sender_cannot_accept_and_provider_cannot_cancel(world, client):
    referral = world.sent()
    login(client, world.worker)
    page = client.get(act(client, referral, "accept")["Location"]).content.decode()
    assert "権限がありません" in page
    login(client, world.provider_staff)
    page = client.get(act(client, referral, "cancel")["Location"]).content.decode()
    assert "権限がありません" in page
    referral.refresh_from_db()
    assert referral.status == Status.SENT


def test_decline_needs_a_reason_code(world, client):
    referral = world.sent()
    login(client, world.provider_staff)
    page = client.get(act(client, referral, "decline")["Location"]).content.decode()
    assert "選択肢から選んでください。" in page
    page = client.get(act(client, referral, "decline", reason="bogus")["Location"]).content.decode()
    assert "理由を選択肢から選んでください。" in page
    act(client, referral, "decline", reason="no_capacity")
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == (Status.DECLINED, "no_capacity")


def test_provider_walks_start_and_complete(world, client):
    referral = world.sent()
    login(client, world.provider_staff)
    act(client, referral, "accept")
    referral.refresh_from_db()
    act(client, referral, "start", appointment_at="2026-12-01T10:00")
    referral.refresh_from_db()
    assert referral.status == Status.IN_PROGRESS and referral.appointment_at is not None
    act(client, referral, "complete", outcome="need_met", note="お渡ししました")
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == (Status.COMPLETED, "need_met")


def test_detail_offers_only_the_actions_can_allows(world, client):
    referral = world.sent()
    login(client, world.provider_staff)
    page = client.get(detail_url(referral)).content.decode()
    assert 'value="accept"' in page and 'value="decline"' in page
    assert 'value="cancel"' not in page and 'value="complete"' not in page
    login(client, world.worker)
    page = client.get(detail_url(referral)).content.decode()
    assert 'value="cancel"' in page and 'value="accept"' not in page


def test_next_redirect_stays_on_site(world, client):
    referral = world.sent()
    login(client, world.provider_staff)
    response = act(client, referral, "accept", next="https://evil.example/")
    assert response["Location"] == detail_url(referral)


# ---------------------------------------------------------------------------------------------
# The access matrix: every screen × every role, and no leak


def _matrix_urls(world, referral):
    return {
        "list": reverse("referrals:list"),
        "inbox": reverse("referrals:inbox"),
        "new": reverse("referrals:new") + f"?service={world.service.hsds_id}",
        "detail": detail_url(referral),
        "slip": reverse("referrals:slip", kwargs={"code": referral.code}),
        "client": reverse("referrals:client", kwargs={"client_id": referral.client_id}),
        "notifications": reverse("referrals:notifications"),
        "dashboard": reverse("dashboard:index"),
        "access_log": reverse("referrals:access_log"),
        "access_log_csv": reverse("referrals:access_log") + "?format=csv",
    }


# Expected status per screen and role; 302 = redirected to the role's own landing page.
EXPECTED = {
    "list": {"worker": 200, "lead": 200, "other_worker": 200, "provider_staff": 302,
             "other_staff": 302, "coordinator": 302},
    "inbox": {"worker": 404, "lead": 404, "other_worker": 404, "provider_staff": 200,
              "other_staff": 200, "coordinator": 404},
    "new": {"worker": 200, "lead": 200, "other_worker": 200, "provider_staff": 404,
            "other_staff": 404, "coordinator": 404},
    "detail": {"worker": 200, "lead": 200, "other_worker": 404, "provider_staff": 200,
               "other_staff": 404, "coordinator": 404},
    "slip": {"worker": 200, "lead": 200, "other_worker": 404, "provider_staff": 200,
             "other_staff": 404, "coordinator": 404},
    "client": {"worker": 200, "lead": 200, "other_worker": 404, "provider_staff": 404,
               "other_staff": 404, "coordinator": 404},
    "notifications": dict.fromkeys(ROLES, 200),
    "dashboard": {**dict.fromkeys(ROLES, 404), "coordinator": 200, "lead": 200},
    "access_log": {**dict.fromkeys(ROLES, 404), "coordinator": 200},
    "access_log_csv": {**dict.fromkeys(ROLES, 404), "coordinator": 200},
}  # fmt: skip
# Who may see the client's name on which screen (the consent shares name and phone).
SEES_NAME = {
    "detail": {"worker", "lead", "provider_staff"},
    "client": {"worker", "lead"},
    "new": {"worker", "lead"},  # the client chooser of the worker's own agency
}
# Who may see the referral code at all on which list.
SEES_CODE = {
    "list": {"worker"},  # "my referrals" = the ones I made
    "inbox": {"provider_staff"},
    "notifications": {"provider_staff"},
    "detail": {"worker", "lead", "provider_staff"},
    "slip": {"worker", "lead", "provider_staff"},
    "client": {"worker", "lead"},
}


def test_every_screen_by_every_role_has_no_leak(world, client):
    consent = world.consent(scope=[ClientField.NAME, ClientField.PHONE])
    referral = world.sent(consent=consent)
    urls = _matrix_urls(world, referral)
    for role in ROLES:
        login(client, getattr(world, role))
        for screen, url in urls.items():
            response = client.get(url)
            expected = EXPECTED[screen][role]
            assert response.status_code == expected, (screen, role, response.status_code)
            if response.status_code != 200:
                continue
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8-sig")
            if role not in SEES_NAME.get(screen, set()):
                assert NAME not in text, (screen, role)
            if role not in {"worker", "lead"}:
                for value in (READING, EMAIL, "家賃の滞納"):
                    assert value not in text, (screen, role, value)
            if screen in SEES_CODE and role not in SEES_CODE[screen]:
                assert referral.code not in text, (screen, role)
        client.logout()

    # Anonymous: every screen sends them to the login page, with nothing of the referral.
    for screen, url in urls.items():
        response = client.get(url)
        assert response.status_code == 302, screen
        assert "/accounts/login/" in response["Location"]
        assert referral.code not in response["Location"] or screen in {"detail", "slip"}


def test_actions_by_every_role(world, client):
    referral = world.sent()
    for role in ("other_worker", "other_staff", "coordinator"):
        login(client, getattr(world, role))
        assert act(client, referral, "accept").status_code == 404, role
        assert act(client, referral, "cancel").status_code == 404, role
    client.logout()
    response = act(client, referral, "accept")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    referral.refresh_from_db()
    assert referral.status == Status.SENT
    login(client, world.provider_staff)
    act(client, referral, "accept")
    referral.refresh_from_db()
    assert referral.status == Status.ACCEPTED


def test_second_provider_gets_404_everywhere(world, client):
    consent = world.consent()
    referral = world.sent(consent=consent)
    login(client, world.other_staff)
    for url in (
        detail_url(referral),
        reverse("referrals:slip", kwargs={"code": referral.code}),
        reverse("referrals:client", kwargs={"client_id": referral.client_id}),
    ):
        assert client.get(url).status_code == 404, url
    assert act(client, referral, "accept").status_code == 404
    assert client.get(f"/api/v1/referrals/{referral.code}").status_code == 404
    response = client.post(
        f"/api/v1/referrals/{referral.code}/actions/accept", {}, content_type="application/json"
    )
    assert response.status_code == 404
    listed = client.get("/api/v1/referrals").json()
    assert referral.code not in {r["code"] for r in listed["results"]}


def test_other_agency_cannot_refer_our_client(world, client):
    login(client, world.other_worker)
    data = refer_data(world, client_mode="existing", client=str(world.client.pk))
    response = client.post(reverse("referrals:new"), data)
    assert response.status_code == 400  # not among their choices
    assert not Referral.objects.filter(idempotency_key=data["idempotency_key"]).exists()


# ---------------------------------------------------------------------------------------------
# The access log through the screens


def test_each_personal_read_on_a_screen_writes_a_log_row(world, client):
    referral = world.sent(consent=world.consent())
    login(client, world.worker)
    for url, purpose in (
        (detail_url(referral), "worker.referral.detail"),
        (
            reverse("referrals:client", kwargs={"client_id": world.client.pk}),
            "worker.client.detail",
        ),
    ):
        before = AccessLog.objects.filter(purpose=purpose, user=world.worker).count()
        client.get(url)
        assert AccessLog.objects.filter(purpose=purpose, user=world.worker).count() == before + 1
    before = AccessLog.objects.filter(purpose="worker.referral.new.client_choice").count()
    client.get(reverse("referrals:new") + f"?service={world.service.hsds_id}")
    assert AccessLog.objects.filter(purpose="worker.referral.new.client_choice").count() > before
    # The slip has nothing personal: no log.
    before = AccessLog.objects.count()
    client.get(reverse("referrals:slip", kwargs={"code": referral.code}))
    assert AccessLog.objects.count() == before


def test_withdrawn_consent_hides_the_data_from_the_provider_at_once(world, client):
    consent = world.consent()
    referral = world.sent(consent=consent)
    login(client, world.worker)
    url = reverse(
        "referrals:consent_withdraw",
        kwargs={"client_id": world.client.pk, "consent_id": consent.pk},
    )
    assert client.post(url).status_code == 302
    login(client, world.provider_staff)
    page = client.get(detail_url(referral)).content.decode()
    assert NAME not in page and PHONE not in page
    assert "本人が同意を撤回したため" in page
    login(client, world.other_worker)
    assert client.post(url).status_code == 404


# ---------------------------------------------------------------------------------------------
# Slip, provider link, notifications, coordinators


def test_slip_has_the_code_and_the_service_but_nothing_personal(world, client):
    referral = world.sent(consent=world.consent())
    login(client, world.worker)
    page = client.get(reverse("referrals:slip", kwargs={"code": referral.code})).content.decode()
    assert referral.code in page and world.service.title in page
    assert "@page" not in page  # the print layout is in site.css
    assert not any(value in page for value in PERSONAL)
    assert "食料の支援をお願いします" not in page  # the need stays between the agencies


def test_provider_link_acknowledges_without_personal_data(world, client):
    referral = world.sent(consent=world.consent())
    token = links.provider_link_token(referral=referral)
    url = reverse("referrals:provider_link", kwargs={"token": token})
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert referral.code in text and not any(value in text for value in PERSONAL)
    response = client.post(url, {"action": "accept", "seen_status": "sent", "note": "了解です"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Status.ACCEPTED
    event = referral.events.order_by("-pk").first()
    assert event.actor is None and event.actor_kind == "provider_link"
    # A link cannot take the sender's moves.
    text = client.get(client.post(url, {"action": "cancel", "seen_status": "accepted"})["Location"])
    assert "権限がありません" in text.content.decode()


def test_provider_link_tampered_or_expired_is_a_clear_page(world, client, settings):
    referral = world.sent()
    token = links.provider_link_token(referral=referral)
    tampered = client.get(reverse("referrals:provider_link", kwargs={"token": token[:-2] + "xx"}))
    assert tampered.status_code == 400
    assert "このリンクは正しくありません" in tampered.content.decode()
    garbage = client.post(reverse("referrals:provider_link", kwargs={"token": "nonsense"}), {})
    assert garbage.status_code == 400
    settings.REFERRAL_LINK_MAX_AGE_DAYS = -1
    expired = client.get(reverse("referrals:provider_link", kwargs={"token": token}))
    assert expired.status_code == 410
    assert "有効期限が切れています" in expired.content.decode()
    forged = signing.dumps({"r": referral.pk, "o": world.other_org.pk}, salt=links.SALT)
    settings.REFERRAL_LINK_MAX_AGE_DAYS = 14
    assert (
        client.get(reverse("referrals:provider_link", kwargs={"token": forged})).status_code == 400
    )


def test_notifications_count_in_nav_and_mark_read(world, client):
    referral = world.sent()
    login(client, world.provider_staff)
    unread = Notification.objects.filter(user=world.provider_staff, read_at__isnull=True).count()
    assert unread >= 1
    page = client.get(reverse("referrals:notifications")).content.decode()
    assert referral.code in page
    assert (
        f'<span class="nav-count"><span class="visually-hidden">未読 </span>{unread}</span>' in page
    )
    notification = Notification.objects.filter(user=world.provider_staff, referral=referral).get()
    client.post(reverse("referrals:notification_read", kwargs={"pk": notification.pk}))
    notification.refresh_from_db()
    assert notification.read_at is not None
    # Someone else's notification is a 404.
    login(client, world.other_staff)
    url = reverse("referrals:notification_read", kwargs={"pk": notification.pk})
    assert client.post(url).status_code == 404
    login(client, world.provider_staff)
    client.post(reverse("referrals:notifications_read_all"))
    assert not Notification.objects.filter(user=world.provider_staff, read_at__isnull=True).exists()


def test_old_statistics_address_redirects_to_the_dashboard(world, client):
    login(client, world.coordinator)
    response = client.get(reverse("referrals:stats") + "?since=2026-01-01")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:index") + "?since=2026-01-01"


def test_access_log_list_and_csv(world, client):
    referral = world.sent(consent=world.consent())
    login(client, world.provider_staff)
    client.get(detail_url(referral))
    login(client, world.coordinator)
    page = client.get(reverse("referrals:access_log")).content.decode()
    assert "provider.referral.detail" in page and referral.code in page
    assert NAME not in page
    response = client.get(
        reverse("referrals:access_log") + f"?format=csv&user_id={world.provider_staff.pk}"
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].startswith("日時,ユーザー名")
    assert len(rows) >= 2 and all("foodbank" in row for row in rows[1:])
    assert NAME not in "\n".join(rows)
    bad = client.get(reverse("referrals:access_log") + "?since=0001-01-01&client_id=abc")
    assert bad.status_code == 200
