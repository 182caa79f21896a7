"""The dashboard's figures, computed in the database (aggregate, annotate, month keys).

Raw counts here; ``dashboard.tables`` suppresses small numbers before anything is shown.
Percentiles rank the spans in one query (three rows fetched), never all rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import connections
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Page

from dashboard.functions import MonthKey, SecondsBetween
from directory.models import Certification, ServicePage
from referrals.choices import Status
from referrals.models import Agency, Client, Referral
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
    """Median and 90th percentile of ``end - start``: one sort, three rows fetched.

    ``ROW_NUMBER`` over the sorted spans keeps only the ranks wanted: the middle one or two
    (median) and the nearest rank for 90% (``ceil(0.9 n)``, as ``(9n + 9) / 10`` in integers).
    """
    spans = (
        queryset.order_by()
        .filter(**{f"{start}__isnull": False, f"{end}__isnull": False})
        .annotate(span=SecondsBetween(end, start))
        .values_list("span")
    )
    sql, params = spans.query.sql_with_params()
    ranked = (
        "SELECT rn, n, span FROM (SELECT span, ROW_NUMBER() OVER (ORDER BY span) AS rn,"
        f" COUNT(*) OVER () AS n FROM ({sql}) spans) ranked"
        " WHERE rn IN ((n + 1) / 2, n / 2 + 1, (9 * n + 9) / 10)"
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(ranked, params)
        rows = cursor.fetchall()
    if not rows:
        return Durations()
    n = rows[0][1]
    by_rank = {rank: span for rank, _n, span in rows}
    median = (by_rank[(n + 1) // 2] + by_rank[n // 2 + 1]) / 2
    p90 = by_rank[(9 * n + 9) // 10]
    # julianday arithmetic carries float noise of a few microseconds: round to the second.
    return Durations(
        count=n, median=timedelta(seconds=round(median)), p90=timedelta(seconds=round(p90))
    )


def top_categories(service_ids: set) -> dict[int, set[str]]:
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


def _client_figures(referrals: QuerySet) -> dict[str, int]:
    """Clients referred, and those referred to two or more organizations or top categories:
    one grouping by client (a referral counts once per top category of its service)."""
    per_client = referrals.values("client_id").annotate(
        organizations=Count("organization_id", distinct=True),
        categories=Count(TOP_CATEGORY, distinct=True),
    )
    sql, params = per_client.query.sql_with_params()
    with connections[referrals.db].cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*),"
            " COALESCE(SUM(CASE WHEN organizations >= 2 THEN 1 ELSE 0 END), 0),"
            f" COALESCE(SUM(CASE WHEN categories >= 2 THEN 1 ELSE 0 END), 0) FROM ({sql}) clients",
            params,
        )
        clients, organizations, categories = cursor.fetchone()
    return {"clients": clients, "organizations": organizations, "categories": categories}


def status_counts(
    *, referrals: QuerySet[Referral], now: datetime | None = None
) -> tuple[dict[str, int], int]:
    """The status counts (one aggregate, no grouping) and overdue (the first paint's figures).

    Overdue is its own count: as a filtered aggregate beside the others SQLite takes 3x longer.
    """
    referrals = referrals.order_by()
    return referrals.aggregate(**_counts()), referrals.filter(overdue_q(now)).count()


def referring_municipalities(*, referrals: QuerySet[Referral]) -> set[str]:
    """The municipality codes of the agencies that sent ``referrals`` (an EXISTS per agency)."""
    exists = Exists(referrals.order_by().filter(agency_id=OuterRef("pk")))
    return set(Agency.objects.filter(exists).values_list("municipality_code", flat=True))


def _sum_rows(rows: list[dict], key: str, *, fields=("sent", "accepted", "completed")) -> dict:
    totals: dict = {}
    for row in rows:
        total = totals.setdefault(row[key], dict.fromkeys(fields, 0))
        for name in fields:
            total[name] += row[name]
    return totals


def _grouped(figures: ReferralFigures, referrals: QuerySet[Referral], now) -> None:
    """Counts, and the rows per municipality, category and provider from one grouping
    by (agency, service, organization): a few thousand groups, summed here."""
    groups = list(
        referrals.values("agency_id", "service_id", "organization_id").annotate(**_counts())
    )
    figures.counts = {key: sum(row[key] for row in groups) for key in COUNTS}
    figures.overdue = referrals.filter(overdue_q(now)).count()
    towns = dict(
        Agency.objects.filter(pk__in={row["agency_id"] for row in groups}).values_list(
            "pk", "municipality_code"
        )
    )
    for row in groups:
        row["town"] = towns.get(row["agency_id"])
    sent = _sum_rows(groups, "town", fields=("sent",))
    figures.by_municipality = [
        {"agency__municipality_code": code, "sent": sent[code]["sent"]}
        for code in sorted(sent, key=lambda c: (c is None, c or ""))
    ]
    # Summed per top category (a service counts for each of its top categories).
    per_service = _sum_rows(groups, "service_id")
    tops = top_categories(set(per_service))
    by_category: dict[str, dict] = {}
    for service_id, row in per_service.items():
        for top in tops.get(service_id, ()):
            total = by_category.setdefault(
                top, {"category": top, "sent": 0, "accepted": 0, "completed": 0}
            )
            for key in ("sent", "accepted", "completed"):
                total[key] += row[key]
    figures.by_category = [by_category[k] for k in sorted(by_category)]
    providers = [
        {"organization_id": pk, **row} for pk, row in _sum_rows(groups, "organization_id").items()
    ]
    titles = dict(
        Page.objects.filter(pk__in=[r["organization_id"] for r in providers]).values_list(
            "pk", "title"
        )
    )
    for row in providers:
        row["organization__title"] = titles.get(row["organization_id"], "")
    figures.by_provider = sorted(providers, key=lambda r: (-r["sent"], r["organization__title"]))


def referral_figures(
    *, referrals: QuerySet[Referral], now: datetime | None = None
) -> ReferralFigures:
    """Every referral figure for an already scoped and filtered set of sent referrals."""
    referrals = referrals.order_by()
    figures = ReferralFigures()
    _grouped(figures, referrals, now)
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
    figures.first_answer = percentiles(referrals, start="sent_at", end="first_response_at")
    figures.completion = percentiles(referrals, start="sent_at", end="completed_at")
    clients = _client_figures(referrals)
    figures.clients_referred = clients["clients"]
    figures.clients_two_or_more_organizations = clients["organizations"]
    figures.clients_two_or_more_categories = clients["categories"]
    figures.monthly = list(
        referrals.annotate(month=MonthKey("sent_at"))
        .values("month")
        .annotate(**_counts())
        .order_by("month")
    )
    return figures


def new_clients(
    *,
    clients: QuerySet[Client],
    since: datetime | None,
    until: datetime | None,
    monthly: bool = True,
) -> tuple[int, list[dict]]:
    """Clients registered in the period, and per month (``monthly=False``: the count only)."""
    if since:
        clients = clients.filter(created_at__gte=since)
    if until:
        clients = clients.filter(created_at__lt=until)
    clients = clients.order_by()
    if not monthly:
        return clients.count(), []
    per_month = list(
        clients.annotate(month=MonthKey("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return sum(row["n"] for row in per_month), per_month


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
