"""Reminders and escalation of unanswered referrals (counted in business days)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from referrals.business_days import reminder_business_days, sent_before_for_overdue
from referrals.choices import NotificationKind, Status
from referrals.models import Referral, ReferralReminder
from referrals.services.notifications import _notify


@dataclass
class ReminderRun:
    reminded: list[str] = field(default_factory=list)  # referral codes
    escalated: list[str] = field(default_factory=list)


def referral_reminders_send(*, now: datetime | None = None) -> ReminderRun:
    """Sent referrals unanswered for N business days: remind the provider; after 2N: tell the
    sender. Each at most once per referral, so running it again the same day sends nothing."""
    now = now or timezone.now()
    days = reminder_business_days()
    remind_before = sent_before_for_overdue(now, days)
    escalate_before = sent_before_for_overdue(now, days * 2)
    run = ReminderRun()
    due = (
        Referral.objects.filter(status=Status.SENT, sent_at__lt=remind_before)
        .select_related("service", "organization", "agency", "created_by")
        .order_by("sent_at", "pk")
    )
    for referral in due:
        steps = [(ReferralReminder.Kind.REMINDER, NotificationKind.REMINDER, run.reminded)]
        if referral.sent_at is not None and referral.sent_at < escalate_before:
            steps.append(
                (ReferralReminder.Kind.ESCALATION, NotificationKind.ESCALATION, run.escalated)
            )
        for reminder_kind, notification_kind, bucket in steps:
            with transaction.atomic():
                _, created = ReferralReminder.objects.get_or_create(
                    referral=referral,
                    kind=reminder_kind,
                    defaults={"sent_on": timezone.localdate(now)},
                )
                if created:
                    _notify(referral=referral, kind=notification_kind)
                    bucket.append(referral.code)
    return run
