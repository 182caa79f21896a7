"""Reminders after N business days (weekends and Japan's public holidays excluded), a fixed clock."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from referrals import selectors, services
from referrals.business_days import business_days_between, is_business_day
from referrals.choices import NotificationKind
from referrals.models import Notification, Referral, ReferralReminder

TOKYO = ZoneInfo("Asia/Tokyo")


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=TOKYO)


def test_business_days_skip_weekends_and_labour_thanksgiving_day():
    assert not is_business_day(date(2026, 11, 23))  # 勤労感謝の日 (Monday)
    assert not is_business_day(date(2026, 11, 21))  # Saturday
    assert is_business_day(date(2026, 11, 24))
    # Sent Friday 20th: Mon 23 is a holiday, so Thursday 26th is the third business day.
    assert business_days_between(date(2026, 11, 20), date(2026, 11, 25)) == 2
    assert business_days_between(date(2026, 11, 20), date(2026, 11, 26)) == 3


def sent_on(world, when: datetime) -> Referral:
    referral = world.sent()
    Referral.objects.filter(pk=referral.pk).update(sent_at=when)
    referral.refresh_from_db()
    return referral


@pytest.mark.django_db
@override_settings(REFERRAL_REMINDER_BUSINESS_DAYS=3)
def test_reminder_across_a_public_holiday(world, django_capture_on_commit_callbacks):
    referral = sent_on(world, at(20, 15))  # Friday afternoon
    Notification.objects.all().delete()

    run = services.referral_reminders_send(now=at(25, 9))  # Wednesday: only 2 business days
    assert run.reminded == [] and run.escalated == []
    assert referral not in selectors.inbox_for(user=world.provider_staff, now=at(25, 9)).overdue

    with django_capture_on_commit_callbacks(execute=True):
        run = services.referral_reminders_send(now=at(26, 9))  # Thursday: 3 business days
    assert run.reminded == [referral.code] and run.escalated == []
    assert Notification.objects.filter(
        user=world.provider_staff, referral=referral, kind=NotificationKind.REMINDER
    ).exists()
    assert mail.outbox and referral.code in mail.outbox[0].subject
    assert referral in selectors.inbox_for(user=world.provider_staff, now=at(26, 9)).overdue
    assert referral in selectors.referrals_sent_by(user=world.worker, overdue=True, now=at(26, 9))

    # Idempotent: the same day again sends nothing.
    run = services.referral_reminders_send(now=at(26, 17))
    assert run.reminded == [] and run.escalated == []
    assert ReferralReminder.objects.filter(referral=referral).count() == 1

    # 2N = 6 business days (24, 25, 26, 27, 30 Nov, 1 Dec) → escalation to sender and lead.
    run = services.referral_reminders_send(now=at(30, 9))
    assert run.escalated == []
    run = services.referral_reminders_send(now=datetime(2026, 12, 1, 9, tzinfo=TOKYO))
    assert run.escalated == [referral.code] and run.reminded == []
    escalated = set(
        Notification.objects.filter(kind=NotificationKind.ESCALATION).values_list(
            "user__username", flat=True
        )
    )
    assert escalated == {"worker", "lead"}


@pytest.mark.django_db
def test_answered_referrals_are_not_reminded(world):
    referral = sent_on(world, at(2))
    services.referral_accept(referral=referral, by=world.provider_staff)
    run = services.referral_reminders_send(now=at(26))
    assert referral.code not in run.reminded


@pytest.mark.django_db
def test_command_runs_with_a_fixed_clock(world):
    referral = sent_on(world, at(20, 15))
    out = StringIO()
    call_command("send_referral_reminders", "--now", "2026-11-26T09:00:00+09:00", stdout=out)
    assert referral.code in out.getvalue()
    assert "豊島" not in out.getvalue()
    out = StringIO()
    call_command("send_referral_reminders", "--now", "2026-11-26T10:00:00+09:00", stdout=out)
    assert "reminded: 0" in out.getvalue()
