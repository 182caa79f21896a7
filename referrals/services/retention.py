"""Retention: the personal data of finished referrals goes after a configurable period."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from referrals.models import Client, Referral, ReferralEvent


def clients_anonymise(*, older_than: timedelta, now: datetime | None = None) -> list[int]:
    """Remove the personal data of clients whose referrals all ended before the retention period.

    Referral rows, statuses, timestamps, reasons, outcomes, services and municipality stay for
    the statistics; the client's personal fields, the referral's need and the event notes go.
    A client with an open referral (including a draft) is kept whole.
    """
    now = now or timezone.now()
    cutoff = now - older_than
    recent_or_open = Referral.objects.filter(
        Q(finished_at__isnull=True) | Q(finished_at__gt=cutoff)
    ).values("client_id")
    client_ids = list(
        Client.objects.filter(anonymised_at__isnull=True, created_at__lt=cutoff)
        .exclude(pk__in=recent_or_open)
        .values_list("pk", flat=True)
    )
    for start in range(0, len(client_ids), 500):
        chunk = client_ids[start : start + 500]
        with transaction.atomic():
            Client.objects.filter(pk__in=chunk).update(
                name="",
                name_reading="",
                phone="",
                email="",
                date_of_birth=None,
                household_type="",
                languages=[],
                needs_summary="",
                anonymised_at=now,
            )
            Referral.objects.filter(client_id__in=chunk).update(need="")
            ReferralEvent.objects.filter(referral__client_id__in=chunk).redact(note="")
    return client_ids
