"""The dashboard's figures, computed in the database (aggregate, annotate, month keys).

Raw counts here; ``dashboard.tables`` suppresses small numbers before anything is shown.
Percentiles use an ordered offset query (one row fetched per percentile), never all rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page

from dashboard.functions import MonthKey, SecondsBetween
from directory.models import Certification, ServicePage
from referrals.choices import Status
from referrals.models import Client, Referral
from referrals.selectors import overdue_q

# The top-level category of a referral's service (a subcategory counts for its parent).
TOP_CATEGORY = Coalesce("service__categories__parent__code", "service__categories__code")
STALE_AFTER = timedelta(days=183)  # 6 months without confirmation
EXPIRING_WITHIN = timedelta(days=90)

ACCEPTED = Q(accepted_at__isnull=False)
COUNTS = {
    "sent": Q(),
    "accepted": ACCEPTED,
    "declined": Q(status=Status.DECLINED),
    "completed": Q(status=Status.COMPLETED),
    "closed": Q(status=Status.CLOSED),
    "cancelled": Q(status=Status.CANCELLED),
    "in_progress": Q(status__in=[Status.ACCEPTED, Status.IN_PROGRESS]),
    "waiting": Q(status=Status.SENT),
}


@dataclass
class Durations:
    count: int = 0
    median: timedelta | None = None
    p90: timedelta | None = None


@dataclass
class ReferralFigures:
    counts: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    declined_by_reason: dict[str, int] = field(default_factory=dict)
    completed_by_outcome: dict[str, int] = field(default_factory=dict)
    closed_by_reason: dict[str, int] = field(default_factory=dict)
    by_category: list[dict] = field(default_factory=list)
    by_provider: list[dict] = field(default_factory=list)
    by_municipality: list[dict] = field(default_factory=list)
    first_answer: Durations = field(default_factory=Durations)
    completion: Durations = field(default_factory=Durations)
    clients_referred: int = 0
    clients_two_or_more_organizations: int = 0
    clients_two_or_more_categories: int = 0
    monthly: list[dict] = field(default_factory=list)


def sent_referrals() -> QuerySet[Referral]:
    """Every referral that was sent (drafts are not referrals yet)."""
    return Referral.objects.exclude(status=Status.DRAFT).filter(sent_at__isnull=False)


def _counts() -> dict[str, Count]:
    return {name: Count("pk", filter=condition) for name, condition in COUNTS.items()}


def percentiles(queryset: QuerySet, *, start: str, end: str) -> Durations:
    """Median and 90th percentile of ``end - start``: an ordered offset query per value."""
    spans = (
        queryset.filter(**{f"{start}__isnull": False, f"{end}__isnull": False})
        .annotate(span=SecondsBetween(end, start))
        .order_by("span")
        .values_list("span", flat=True)
    )
    n = spans.count()
    if not n:
        return Durations()
    if n % 2:
        median = spans[n // 2]
    else:
        low, high = list(spans[n // 2 - 1 : n // 2 + 1])
        median = (low + high) / 2
    # Nearest-rank percentile: the smallest value with at least 90% of values at or below it.
    p90 = spans[math.ceil(0.9 * n) - 1]
    # julianday arithmetic carries float noise of a few microseconds: round to the second.
    return Durations(
        count=n, median=timedelta(seconds=round(median)), p90=timedelta(seconds=round(p90))
    )


def _top_categories(service_ids: set) -> dict[int, set[str]]:
    """Service → its top-level categories (a subcategory counts for its parent)."""
    tops: dict[int, set[str]] = {}
    rows = (
        ServicePage.categories.through.objects.filter(servicepage_id__in=service_ids - {None})
        .annotate(top=Coalesce("taxonomyterm__parent__code", "taxonomyterm__code"))
        .values_list("servicepage_id", "top")
    )
    for service_id, top in rows:
        tops.setdefault(service_id, set()).add(top)
    return tops


def _clients_with_two_or_more(queryset: QuerySet, expression) -> int:
    return (
        queryset.order_by()
        .values("client_id")
        .annotate(n=Count(expression, distinct=True))
        .filter(n__gte=2)
        .count()
    )


def referral_figures(
    *, referrals: QuerySet[Referral], now: datetime | None = None
) -> ReferralFigures:
    """Every referral figure for an already scoped and filtered set of sent referrals."""
    referrals = referrals.order_by()
    figures = ReferralFigures()
    figures.counts = referrals.aggregate(**_counts())
    figures.overdue = referrals.filter(overdue_q(now)).count()
    # One scan for the three breakdowns (a few dozen groups come back).
    breakdown = (
        referrals.filter(status__in=[Status.DECLINED, Status.COMPLETED, Status.CLOSED])
        .values_list("status", "decline_reason", "outcome", "close_reason")
        .annotate(n=Count("pk"))
    )
    wanted = {
        Status.DECLINED: (figures.declined_by_reason, 1),
        Status.COMPLETED: (figures.completed_by_outcome, 2),
        Status.CLOSED: (figures.closed_by_reason, 3),
    }
    for row in breakdown:
        target, column = wanted[row[0]]
        key = row[column] or ""
        target[key] = target.get(key, 0) + row[4]
    # Grouped by service in the database (a few hundred rows), then summed per top category:
    # no join through the categories over every referral.
    per_service = list(
        referrals.values("service_id").annotate(
            **{k: Count("pk", filter=COUNTS[k]) for k in ("sent", "accepted", "completed")}
        )
    )
    tops = _top_categories({row["service_id"] for row in per_service})
    by_category: dict[str, dict] = {}
    for row in per_service:
        for top in tops.get(row["service_id"], ()):
            total = by_category.setdefault(
                top, {"category": top, "sent": 0, "accepted": 0, "completed": 0}
            )
            for key in ("sent", "accepted", "completed"):
                total[key] += row[key]
    figures.by_category = [by_category[k] for k in sorted(by_category)]
    providers = list(
        referrals.values("organization_id").annotate(
            **{k: Count("pk", filter=COUNTS[k]) for k in ("sent", "accepted", "completed")}
        )
    )
    titles = dict(
        Page.objects.filter(pk__in=[r["organization_id"] for r in providers]).values_list(
            "pk", "title"
        )
    )
    for row in providers:
        row["organization__title"] = titles.get(row["organization_id"], "")
    figures.by_provider = sorted(providers, key=lambda r: (-r["sent"], r["organization__title"]))
    figures.by_municipality = list(
        referrals.values("agency__municipality_code")
        .annotate(sent=Count("pk"))
        .order_by("agency__municipality_code")
    )
    figures.first_answer = percentiles(referrals, start="sent_at", end="first_response_at")
    figures.completion = percentiles(referrals, start="sent_at", end="completed_at")
    figures.clients_referred = referrals.values("client_id").distinct().count()
    figures.clients_two_or_more_organizations = _clients_with_two_or_more(
        referrals, "organization_id"
    )
    figures.clients_two_or_more_categories = _clients_with_two_or_more(
        referrals.filter(service__categories__isnull=False), TOP_CATEGORY
    )
    figures.monthly = list(
        referrals.annotate(month=MonthKey("sent_at"))
        .values("month")
        .annotate(**_counts())
        .order_by("month")
    )
    return figures


def new_clients(
    *, clients: QuerySet[Client], since: datetime | None, until: datetime | None
) -> tuple[int, list[dict]]:
    """Clients registered in the period, and per month."""
    if since:
        clients = clients.filter(created_at__gte=since)
    if until:
        clients = clients.filter(created_at__lt=until)
    clients = clients.order_by()
    monthly = list(
        clients.annotate(month=MonthKey("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return clients.count(), monthly


@dataclass
class ListingFigures:
    new: int = 0
    updated: int = 0
    confirmed: int = 0
    stale: int = 0
    certifications_expiring: int = 0
    monthly: list[dict] = field(default_factory=list)


def listing_figures(
    *,
    municipality_code: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
    today: date | None = None,
) -> ListingFigures:
    """Listings (published services) new, updated, confirmed, stale; certifications expiring."""
    today = today or timezone.localdate()
    services = ServicePage.objects.live().order_by()
    if municipality_code:
        services = services.filter(
            Q(service_areas__municipality_code=municipality_code)
            | Q(service_at_locations__location__municipality_code=municipality_code)
        ).distinct()

    def in_period(name: str, *, as_date: bool = False) -> Q:
        q = Q()
        if since:
            q &= Q(**{f"{name}__gte": since.date() if as_date else since})
        if until:
            q &= Q(**{f"{name}__lt": until.date() if as_date else until})
        return q & Q(**{f"{name}__isnull": False})

    figures = ListingFigures()
    figures.new = services.filter(in_period("first_published_at")).count()
    figures.updated = services.filter(in_period("last_published_at")).count()
    figures.confirmed = services.filter(in_period("assured_date", as_date=True)).count()
    figures.stale = services.filter(
        Q(assured_date__isnull=True) | Q(assured_date__lt=today - STALE_AFTER)
    ).count()
    figures.certifications_expiring = Certification.objects.filter(
        service__in=services.values("pk"),
        valid_until__gte=today,
        valid_until__lte=today + EXPIRING_WITHIN,
    ).count()
    figures.monthly = list(
        services.filter(in_period("first_published_at"))
        .annotate(month=MonthKey("first_published_at"))
        .values("month")
        .annotate(n=Count("pk", distinct=True))
        .order_by("month")
    )
    return figures
