"""Reads for the referral screens and the coordinators' numbers.

Lists are scoped by the user's memberships here (the same rules as ``referrals.access``); a
single referral or client is fetched through ``referrals.access`` first. Nothing here reads a
client's personal fields: those go through ``access.client_view_for``, which logs the read.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet

from referrals.access import (
    Account,
    User,
    access_logs_visible_to,
    account_of,
    agency_ids_for,
    organization_ids_for,
)
from referrals.business_days import overdue_sent_before
from referrals.choices import Status
from referrals.models import AccessLog, Client, Notification, Referral, ReferralEvent

LIST_RELATED = ("service", "organization", "agency", "created_by")


def overdue_q(now: datetime | None = None) -> Q:
    """Sent and unanswered for ``REFERRAL_REMINDER_BUSINESS_DAYS`` business days."""
    return Q(status=Status.SENT, sent_at__lt=overdue_sent_before(now))


@dataclass(frozen=True)
class Inbox:
    new: QuerySet[Referral]
    in_progress: QuerySet[Referral]
    overdue: QuerySet[Referral]


def inbox_for(*, user: User, now: datetime | None = None) -> Inbox:
    """A provider's inbox: referrals to the user's organizations, by what they ask of them."""
    if account_of(user) is not None:
        received = Referral.objects.filter(organization_id__in=organization_ids_for(user))
    else:
        received = Referral.objects.none()
    received = received.exclude(status=Status.DRAFT).select_related(*LIST_RELATED)
    return Inbox(
        new=received.filter(status=Status.SENT).order_by("-urgency", "sent_at", "pk"),
        in_progress=received.filter(status__in=[Status.ACCEPTED, Status.IN_PROGRESS]).order_by(
            "accepted_at", "pk"
        ),
        overdue=received.filter(overdue_q(now)).order_by("sent_at", "pk"),
    )


def referrals_sent_by(
    *,
    user: User,
    status: str | None = None,
    overdue: bool | None = None,
    service: Any = None,
    category: str | None = None,
    whole_agency: bool = False,
    now: datetime | None = None,
) -> QuerySet[Referral]:
    """The "my referrals" list: the user's own (or, with ``whole_agency``, their agencies') referrals.

    ``category`` is a taxonomy code and matches its sub-categories too.
    """
    account = account_of(user)
    if account is None:
        return Referral.objects.none()
    referrals = Referral.objects.filter(agency_id__in=agency_ids_for(account))
    if not whole_agency:
        referrals = referrals.filter(created_by=account)
    if status:
        referrals = referrals.filter(status=status)
    if overdue is True:
        referrals = referrals.filter(overdue_q(now))
    elif overdue is False:
        referrals = referrals.exclude(overdue_q(now))
    if service is not None:
        referrals = referrals.filter(service=service)
    if category:
        referrals = referrals.filter(
            Q(service__categories__code=category) | Q(service__categories__parent__code=category)
        ).distinct()
    return referrals.select_related(*LIST_RELATED).order_by("-created_at", "-pk")


def client_referrals(*, client: Client) -> QuerySet[Referral]:
    """All of a client's referrals across providers (fetch the client via access first)."""
    return (
        Referral.objects.filter(client=client)
        .select_related(*LIST_RELATED)
        .order_by("-created_at", "-pk")
    )


def referral_timeline(*, referral: Referral) -> QuerySet[ReferralEvent]:
    return (
        ReferralEvent.objects.filter(referral=referral).select_related("actor").order_by("at", "pk")
    )


def notifications_for(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    if not isinstance(user, Account) or not user.is_authenticated:
        return Notification.objects.none()
    notifications = Notification.objects.filter(user=user).select_related("referral")
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


def access_log_list(
    *,
    user: User,
    client_id: int | None = None,
    user_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AccessLog]:
    """The access log as ``user`` may read it (``access.access_logs_visible_to``), newest first."""
    logs = access_logs_visible_to(user).select_related("user", "referral")
    if client_id is not None:
        logs = logs.filter(client_id=client_id)
    if user_id is not None:
        logs = logs.filter(user_id=user_id)
    if since is not None:
        logs = logs.filter(at__gte=since)
    if until is not None:
        logs = logs.filter(at__lt=until)
    return logs


# ---------------------------------------------------------------------------------------------
# Statistics (PRODUCT.md, "Numbers the municipality needs"): counts, never personal data.


@dataclass
class ProviderCount:
    organization_id: int | None
    name: str
    sent: int
    accepted: int
    completed: int


@dataclass
class ReferralStatistics:
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_outcome: dict[str, int] = field(default_factory=dict)
    # Top-level category code → counts by status (a referral counts once per top category).
    by_category: dict[str, dict[str, int]] = field(default_factory=dict)
    by_provider: list[ProviderCount] = field(default_factory=list)
    median_first_response: timedelta | None = None
    clients_referred: int = 0
    # 多機関連携による支援実施率: clients referred to two or more providers.
    clients_referred_to_two_or_more: int = 0

    @property
    def multi_provider_share(self) -> float | None:
        if not self.clients_referred:
            return None
        return self.clients_referred_to_two_or_more / self.clients_referred


def referral_statistics(
    *,
    municipality_code: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> ReferralStatistics:
    """Referrals sent (drafts excluded), by the referring agency's municipality and send date."""
    referrals = Referral.objects.exclude(status=Status.DRAFT)
    if municipality_code:
        referrals = referrals.filter(agency__municipality_code=municipality_code)
    if since is not None:
        referrals = referrals.filter(sent_at__gte=since)
    if until is not None:
        referrals = referrals.filter(sent_at__lt=until)
    stats = ReferralStatistics()
    stats.by_status = dict(
        referrals.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    stats.total = sum(stats.by_status.values())
    stats.by_outcome = dict(
        referrals.exclude(outcome="")
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .values_list("outcome", "n")
    )

    statuses: dict[int, str] = {}
    tops: dict[int, set[str]] = defaultdict(set)
    rows = referrals.order_by().values_list(
        "pk", "status", "service__categories__code", "service__categories__parent__code"
    )
    for pk, status, code, parent_code in rows:
        statuses[pk] = status
        if code:
            tops[pk].add(parent_code or code)
    by_category: dict[str, Counter] = defaultdict(Counter)
    for pk, codes in tops.items():
        for code in codes:
            by_category[code][statuses[pk]] += 1
    stats.by_category = {code: dict(counter) for code, counter in sorted(by_category.items())}

    accepted = Q(status__in=[Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED]) | Q(
        accepted_at__isnull=False
    )
    provider_rows = (
        referrals.order_by()
        .values("organization_id", "organization__title")
        .annotate(
            sent=Count("pk"),
            accepted=Count("pk", filter=accepted),
            completed=Count("pk", filter=Q(status=Status.COMPLETED)),
        )
        .order_by("-sent", "organization__title")
    )
    stats.by_provider = [
        ProviderCount(
            organization_id=row["organization_id"],
            name=row["organization__title"] or "",
            sent=row["sent"],
            accepted=row["accepted"],
            completed=row["completed"],
        )
        for row in provider_rows
    ]

    waits = [
        (answered - sent).total_seconds()
        for sent, answered in referrals.filter(
            sent_at__isnull=False, first_response_at__isnull=False
        ).values_list("sent_at", "first_response_at")
        if sent is not None and answered is not None
    ]
    if waits:
        stats.median_first_response = timedelta(seconds=statistics.median(waits))

    per_client = (
        referrals.order_by()
        .values("client_id")
        .annotate(providers=Count("organization_id", distinct=True))
        .values_list("providers", flat=True)
    )
    providers = list(per_client)
    stats.clients_referred = len(providers)
    stats.clients_referred_to_two_or_more = sum(1 for n in providers if n >= 2)
    return stats


# ---------------------------------------------------------------------------------------------
# The home page (/my/): counts, each in one query


@dataclass(frozen=True)
class WorkerCounts:
    drafts: int  # waiting for the worker: saved but not sent
    awaiting_reply: int  # sent, the provider has not answered yet
    overdue: int  # sent and unanswered past the reminder limit


def worker_counts(*, user: User, now: datetime | None = None) -> WorkerCounts:
    """The worker's own referrals by what they wait for; one aggregate query."""
    account = account_of(user)
    if account is None:
        return WorkerCounts(0, 0, 0)
    row = Referral.objects.filter(
        agency_id__in=agency_ids_for(account), created_by=account
    ).aggregate(
        drafts=Count("pk", filter=Q(status=Status.DRAFT)),
        awaiting_reply=Count("pk", filter=Q(status=Status.SENT)),
        overdue=Count("pk", filter=overdue_q(now)),
    )
    return WorkerCounts(**row)


@dataclass(frozen=True)
class ProviderCounts:
    new: int
    overdue: int
    in_progress: int


def provider_counts(*, user: User, now: datetime | None = None) -> ProviderCounts:
    """The inbox summary (the same buckets as ``inbox_for``); one aggregate query."""
    if account_of(user) is None:
        return ProviderCounts(0, 0, 0)
    row = Referral.objects.filter(organization_id__in=organization_ids_for(user)).aggregate(
        new=Count("pk", filter=Q(status=Status.SENT)),
        overdue=Count("pk", filter=overdue_q(now)),
        in_progress=Count("pk", filter=Q(status__in=[Status.ACCEPTED, Status.IN_PROGRESS])),
    )
    return ProviderCounts(**row)
