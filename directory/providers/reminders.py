"""Stale listings: reminders to the provider, flags to the coordinator (``send_listing_reminders``).

A listing's unconfirmed period starts on its last confirmation (``assured_date``), or on its
first publication if it was never confirmed. After ``LISTING_STALE_AFTER_DAYS`` (183) the
provider staff get one email per period with a one-click confirm link per service; after
``LISTING_FLAG_AFTER_DAYS`` (365) the listing is flagged: the coordinators get one email and the
public page says 「情報が古い可能性があります」 until someone confirms. Expired certifications
(認定就労訓練事業所 …) are flagged to the coordinators once per expiry.

``ListingReminder`` rows (unique per service, kind and period) make every run idempotent: run it
daily from cron; a second run the same day sends nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import (
    Certification,
    ListingReminder,
    OrganizationPage,
    ServicePage,
    StaleListingFlag,
)
from directory.providers import access, emails, links


def stale_after() -> timedelta:
    return timedelta(days=getattr(settings, "LISTING_STALE_AFTER_DAYS", 183))


def flag_after() -> timedelta:
    return timedelta(days=getattr(settings, "LISTING_FLAG_AFTER_DAYS", 365))


def unconfirmed_since(service: ServicePage) -> date | None:
    if service.assured_date is not None:
        return service.assured_date
    if service.first_published_at is not None:
        return timezone.localdate(service.first_published_at)
    return None


def unconfirmed_since_by(*, cutoff: date) -> QuerySet[ServicePage]:
    """Live services whose unconfirmed period started on or before ``cutoff``."""
    return ServicePage.objects.live().filter(
        Q(assured_date__lte=cutoff)
        | Q(assured_date__isnull=True, first_published_at__date__lte=cutoff)
    )


@dataclass
class ReminderRun:
    reminded: int = 0  # services in a reminder email
    emails: int = 0
    no_recipient: int = 0  # stale services whose organization has no staff email
    flagged: int = 0
    unflagged: int = 0
    certifications: int = 0


def _claim(*, service: ServicePage, kind: str, since: date, recipients: list[str]) -> bool:
    """Record that this period's notice goes out; False if an earlier run already sent it."""
    try:
        with transaction.atomic():
            ListingReminder.objects.create(
                service=service,
                kind=kind,
                since=since,
                sent_at=timezone.now(),
                recipients=", ".join(recipients),
            )
    except IntegrityError:
        return False
    return True


def _remind(*, today: date, run: ReminderRun) -> None:
    due = unconfirmed_since_by(cutoff=today - stale_after())
    by_organization: dict[int, list[ServicePage]] = defaultdict(list)
    for service in due.order_by("path"):
        by_organization[service.get_parent().pk].append(service)
    for organization in OrganizationPage.objects.filter(pk__in=by_organization):
        recipients = access.staff_emails(organization=organization)
        if not recipients:
            run.no_recipient += len(by_organization[organization.pk])
            continue
        claimed = []
        for service in by_organization[organization.pk]:
            since = unconfirmed_since(service)
            already = ListingReminder.objects.filter(
                service=service, kind=ListingReminder.Kind.REMINDER, since=since
            ).exists()
            if since is not None and not already:
                claimed.append((service, since))
        if not claimed:
            continue
        for service, since in claimed:
            _claim(
                service=service,
                kind=ListingReminder.Kind.REMINDER,
                since=since,
                recipients=recipients,
            )
        run.reminded += len(claimed)
        run.emails += _send_reminder(
            organization=organization, claimed=claimed, recipients=recipients
        )


def _send_reminder(
    *,
    organization: OrganizationPage,
    claimed: list[tuple[ServicePage, date]],
    recipients: list[str],
) -> int:
    """One email per staff address with a one-click confirm link per service; the count sent."""
    for address in recipients:
        emails.send_later(
            to=[address],
            subject=_("掲載内容の確認のお願い（%(organization)s）")
            % {"organization": organization.title},
            template="providers/email/reminder.txt",
            context={
                "organization": organization,
                "items": [
                    {
                        "service": service,
                        "since": since,
                        "url": links.confirm_url(service=service, email=address, since=since),
                    }
                    for service, since in claimed
                ],
                "days": links.confirm_link_max_age().days,
                "dashboard_url": emails.admin_url(reverse("providers:dashboard")),
            },
        )
    return len(recipients)


@transaction.atomic
def listing_reminder_send_now(*, service: ServicePage) -> int:
    """A coordinator's one-click reminder for one listing, whatever the schedule says.

    The same email as the daily run's; it counts as this period's reminder, so the daily run
    does not send it again. Returns how many emails went out (0: no staff email on file).
    """
    organization = service.get_parent().specific
    recipients = access.staff_emails(organization=organization)
    since = unconfirmed_since(service)
    if not recipients or since is None:
        return 0
    ListingReminder.objects.update_or_create(
        service=service,
        kind=ListingReminder.Kind.REMINDER,
        since=since,
        defaults={"sent_at": timezone.now(), "recipients": ", ".join(recipients)},
    )
    return _send_reminder(
        organization=organization, claimed=[(service, since)], recipients=recipients
    )


def _flag(*, today: date, run: ReminderRun) -> None:
    cutoff = today - flag_after()
    # A flag whose listing was confirmed since (on the dashboard, by link or in the editor) goes.
    for flag in StaleListingFlag.objects.select_related("service"):
        since = unconfirmed_since(flag.service)
        if not flag.service.live or since is None or since > cutoff:
            flag.delete()
            run.unflagged += 1
    newly = []
    for service in (
        unconfirmed_since_by(cutoff=cutoff).filter(stale_flag__isnull=True).order_by("path")
    ):
        since = unconfirmed_since(service)
        StaleListingFlag.objects.create(service=service, since=since, flagged_at=timezone.now())
        if _claim(service=service, kind=ListingReminder.Kind.FLAG, since=since, recipients=[]):
            newly.append(service)
        run.flagged += 1
    expired = []
    certifications = Certification.objects.filter(
        valid_until__lt=today, service__live=True
    ).select_related("service")
    for certification in certifications.order_by("valid_until"):
        if _claim(
            service=certification.service,
            kind=ListingReminder.Kind.CERTIFICATION,
            since=certification.valid_until,
            recipients=[],
        ):
            expired.append(certification)
    run.certifications = len(expired)
    if newly or expired:
        emails.send_later(
            to=access.coordinator_emails(),
            subject=_("古い可能性のある掲載と、期限切れの認定"),
            template="providers/email/flagged.txt",
            context={
                "services": newly,
                "certifications": expired,
                "report_url": emails.admin_url(reverse("providers_admin:stale")),
            },
        )


@transaction.atomic
def listing_reminders_send(*, today: date | None = None) -> ReminderRun:
    """Remind providers, flag old listings and expired certifications; safe to run again."""
    today = today or timezone.localdate()
    run = ReminderRun()
    _flag(today=today, run=run)
    _remind(today=today, run=run)
    return run
