"""Confirmation, reminders with a fixed clock (idempotent), flags on the public page."""

import re
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from directory.models import Certification, ListingReminder, ServicePage, StaleListingFlag
from directory.providers.reminders import listing_reminders_send
from tests.otp import login_verified

pytestmark = pytest.mark.django_db


def set_confirmed(service, day):
    ServicePage.objects.filter(pk=service.pk).update(assured_date=day)


def test_confirm_button_sets_last_confirmed(world, client, clock):
    clock.set(2026, 11, 2)
    login_verified(client, world.staff)
    response = client.post(f"/providers/services/{world.service.pk}/confirm/")
    assert response.status_code == 302
    service = ServicePage.objects.get(pk=world.service.pk)
    assert service.assured_date == date(2026, 11, 2)
    assert service.assurer_email == "info@foodbank.example.jp"  # public, not the login
    assert "2026年11月2日" in client.get(service.url).content.decode()


def test_reminders_go_once_per_period_with_a_working_link(
    world, client, clock, django_capture_on_commit_callbacks
):
    set_confirmed(world.service, date(2026, 1, 1))
    set_confirmed(world.other_service, date(2026, 10, 1))  # recent: no reminder
    clock.set(2026, 7, 2)  # 182 days after 1 January: not yet
    with django_capture_on_commit_callbacks(execute=True):
        assert listing_reminders_send().reminded == 0

    clock.set(2026, 7, 3)  # 183 days
    with django_capture_on_commit_callbacks(execute=True):
        run = listing_reminders_send()
    assert (run.reminded, run.emails) == (1, 1)
    reminder = mail.outbox[-1]
    assert reminder.to == ["staff@example.jp"]
    assert "食品の無料配布" in reminder.body and "学習支援教室" not in reminder.body

    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert listing_reminders_send().reminded == 0  # the same day again: nothing
        clock.set(2026, 8, 1)
        assert listing_reminders_send().reminded == 0  # a month later: same period, nothing
    assert len(mail.outbox) == sent

    path = re.search(r"http://testserver(/providers/confirm/[^\s]+/)", reminder.body).group(1)
    page = client.get(path)  # no login needed; GET only shows the page
    assert page.status_code == 200 and "変更なし・確認しました" in page.content.decode()
    assert ServicePage.objects.get(pk=world.service.pk).assured_date == date(2026, 1, 1)
    assert client.post(path).status_code == 200
    service = ServicePage.objects.get(pk=world.service.pk)
    assert service.assured_date == date(2026, 8, 1)
    assert service.assurer_email == "info@foodbank.example.jp"  # public, not the login
    assert "すでに確認済み" in client.get(path).content.decode()

    # The next period (183 days after this confirmation) brings a new reminder.
    clock.set(2027, 2, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert listing_reminders_send().reminded == 1
    assert ListingReminder.objects.filter(service=world.service, kind="reminder").count() == 2


def test_a_forged_confirm_link_is_refused(world, client):
    assert client.get("/providers/confirm/not-a-token/").status_code == 400


def test_flag_after_the_longer_period_shows_on_the_public_page(
    world, client, clock, django_capture_on_commit_callbacks
):
    set_confirmed(world.service, date(2025, 10, 1))
    clock.set(2026, 9, 30)  # 364 days
    with django_capture_on_commit_callbacks(execute=True):
        listing_reminders_send()
    assert "情報が古い可能性があります" not in client.get(world.service.url).content.decode()

    clock.set(2026, 10, 2)  # 366 days
    with django_capture_on_commit_callbacks(execute=True):
        run = listing_reminders_send()
    assert run.flagged == 1
    assert "情報が古い可能性があります" in client.get(world.service.url).content.decode()
    assert any(m.to == ["coordinator@example.jp"] for m in mail.outbox)
    coordinator_mails = [m for m in mail.outbox if m.to == ["coordinator@example.jp"]]
    with django_capture_on_commit_callbacks(execute=True):
        listing_reminders_send()  # idempotent: no second flag email
    assert len([m for m in mail.outbox if m.to == ["coordinator@example.jp"]]) == len(
        coordinator_mails
    )

    login_verified(client, world.coordinator)
    report = client.get("/admin/listings/stale/").content.decode()
    assert "食品の無料配布" in report and "NPO法人 フードバンクテスト" in report

    login_verified(client, world.staff)
    client.post(f"/providers/services/{world.service.pk}/confirm/")
    assert not StaleListingFlag.objects.exists()
    client.logout()
    assert "情報が古い可能性があります" not in client.get(world.service.url).content.decode()


def test_expired_certifications_are_flagged_once_and_listed(
    world, client, clock, django_capture_on_commit_callbacks
):
    set_confirmed(world.service, date(2026, 10, 1))
    Certification.objects.create(
        service=world.service,
        kind=Certification._meta.get_field("kind").choices[0][0],
        authority="東京都",
        valid_until=date(2026, 10, 31),
    )
    clock.set(2026, 11, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert listing_reminders_send().certifications == 1
        assert listing_reminders_send().certifications == 0
    login_verified(client, world.coordinator)
    assert "東京都" in client.get("/admin/listings/stale/").content.decode()


def test_the_command_runs_as_of_a_day(world, clock, capsys):
    set_confirmed(world.service, date(2026, 1, 1))
    call_command("send_listing_reminders", "--today", "2026-07-03")
    assert "確認のお願い: サービス 1 件" in capsys.readouterr().out
    call_command("send_listing_reminders", "--today", "2026-07-03")
    assert "確認のお願い: サービス 0 件" in capsys.readouterr().out


def test_the_confirming_staffs_login_email_is_not_published_in_hsds(world, client, clock):
    clock.set(2026, 11, 2)
    client.force_login(world.staff)
    client.post(f"/providers/services/{world.service.pk}/confirm/")
    client.logout()
    service = ServicePage.objects.get(pk=world.service.pk)
    body = client.get(f"/api/hsds/services/{service.hsds_id}").content.decode()
    assert "staff@example.jp" not in body
    assert "info@foodbank.example.jp" in body  # the organization's public contact instead
