"""Reads for the provider dashboard and the coordinators' lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from directory.models import (
    Certification,
    Closure,
    ErrorReport,
    ListingApplication,
    ListingReminder,
    OrganizationPage,
    QuickUpdate,
    ServicePage,
    StaleListingFlag,
    TaxonomyTerm,
)
from directory.providers import access
from directory.providers.reminders import (
    flag_after,
    stale_after,
    unconfirmed_since,
    unconfirmed_since_by,
)


@dataclass
class ServiceRow:
    service: ServicePage
    since: date | None
    is_stale: bool
    is_flagged: bool
    in_moderation: bool
    has_draft: bool
    upcoming_closures: list[Closure]
    expired_certifications: list[Certification]
    last_update: QuickUpdate | None


@dataclass
class OrganizationBoard:
    organization: OrganizationPage
    services: list[ServiceRow] = field(default_factory=list)


def provider_dashboard(*, user: Any, today: date | None = None) -> list[OrganizationBoard]:
    """The user's organizations and their services, with what needs doing (a few queries)."""
    today = today or timezone.localdate()
    stale_cutoff = today - stale_after()
    organizations = list(access.organizations_for(user))
    if not organizations:
        return []
    services_by_parent: dict[str, list[ServicePage]] = {}
    services = list(
        ServicePage.objects.filter(
            reduce(or_, (Q(path__startswith=o.path, depth=o.depth + 1) for o in organizations))
        )
        .prefetch_related(
            Prefetch(
                "closures",
                queryset=Closure.objects.filter(end_date__gte=today).order_by("start_date"),
                to_attr="upcoming_closures_list",
            ),
            Prefetch(
                "certifications",
                queryset=Certification.objects.filter(valid_until__lt=today),
                to_attr="expired_certifications_list",
            ),
        )
        .order_by("path")
    )
    for service in services:
        services_by_parent.setdefault(service.path[: -Page.steplen], []).append(service)
    ids = [s.pk for s in services]
    flagged = set(
        StaleListingFlag.objects.filter(service_id__in=ids).values_list("service_id", flat=True)
    )
    moderated = set(
        WorkflowState.objects.filter(
            base_content_type__model="page",
            object_id__in=[str(pk) for pk in ids],
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        ).values_list("object_id", flat=True)
    )
    last_updates: dict[int, QuickUpdate] = {}
    for update in (
        QuickUpdate.objects.filter(service_id__in=ids).select_related("user").order_by("-at")
    ):
        last_updates.setdefault(update.service_id, update)
    boards = []
    for organization in organizations:
        board = OrganizationBoard(organization=organization)
        for service in services_by_parent.get(organization.path, []):
            since = unconfirmed_since(service)
            board.services.append(
                ServiceRow(
                    service=service,
                    since=since,
                    is_stale=since is not None and since <= stale_cutoff,
                    is_flagged=service.pk in flagged,
                    in_moderation=str(service.pk) in moderated,
                    has_draft=service.has_unpublished_changes,
                    upcoming_closures=service.upcoming_closures_list,
                    expired_certifications=service.expired_certifications_list,
                    last_update=last_updates.get(service.pk),
                )
            )
        boards.append(board)
    return boards


# --- coordinator lists ----------------------------------------------------------------------


@dataclass
class StaleRow:
    service: ServicePage
    organization: OrganizationPage | None
    categories: list[TaxonomyTerm]
    since: date | None
    days: int | None
    is_flagged: bool
    reminded_at: Any


def stale_listings(*, today: date | None = None, by_age: bool = False) -> list[StaleRow]:
    """Live services unconfirmed for longer than the reminder period, by organization then name.

    ``by_age``: the longest unconfirmed first (never confirmed, never published ones last).
    """
    today = today or timezone.localdate()
    services = list(
        unconfirmed_since_by(cutoff=today - stale_after())
        .prefetch_related("categories")
        .order_by("path")
    )
    organizations = {
        o.path: o
        for o in OrganizationPage.objects.filter(
            path__in={s.path[: -Page.steplen] for s in services}
        )
    }
    ids = [s.pk for s in services]
    flagged = set(
        StaleListingFlag.objects.filter(service_id__in=ids).values_list("service_id", flat=True)
    )
    reminded: dict[int, Any] = {}
    for row in ListingReminder.objects.filter(
        service_id__in=ids, kind=ListingReminder.Kind.REMINDER
    ).order_by("sent_at"):
        reminded[row.service_id] = row.sent_at
    rows = []
    for service in services:
        since = unconfirmed_since(service)
        rows.append(
            StaleRow(
                service=service,
                organization=organizations.get(service.path[: -Page.steplen]),
                categories=[t for t in service.categories.all() if t.parent_id is None]
                or list(service.categories.all()),
                since=since,
                days=(today - since).days if since else None,
                is_flagged=service.pk in flagged
                or (since is not None and since <= today - flag_after()),
                reminded_at=reminded.get(service.pk),
            )
        )
    rows.sort(key=lambda r: (r.organization.title if r.organization else "", r.service.title))
    if by_age:
        rows.sort(key=lambda r: -1 if r.days is None else r.days, reverse=True)
    return rows


def stale_counts_by_category(rows: list[StaleRow]) -> list[tuple[str, int]]:
    """How many stale listings each category has, most first (a listing counts in each)."""
    counts: dict[str, int] = {}
    for row in rows:
        for term in row.categories:
            counts[term.name] = counts.get(term.name, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def expired_certifications(*, today: date | None = None) -> QuerySet[Certification]:
    today = today or timezone.localdate()
    return (
        Certification.objects.filter(valid_until__lt=today, service__live=True)
        .select_related("service")
        .order_by("valid_until")
    )


def error_reports(*, status: str | None = None) -> QuerySet[ErrorReport]:
    reports = ErrorReport.objects.select_related("service", "handled_by")
    if status:
        reports = reports.filter(status=status)
    return reports.order_by("-created_at")


def listing_applications(*, status: str | None = None) -> QuerySet[ListingApplication]:
    applications = ListingApplication.objects.select_related("organization", "decided_by")
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("-created_at")


def _services_of(user: Any) -> QuerySet[ServicePage] | None:
    organizations = list(access.organizations_for(user).only("path", "depth"))
    if not organizations:
        return None
    return ServicePage.objects.filter(
        reduce(or_, (Q(path__startswith=o.path, depth=o.depth + 1) for o in organizations))
    )


def provider_services(*, user: Any) -> list[ServicePage]:
    """The services of ``user``'s organizations, for the quick availability switch."""
    services = _services_of(user)
    return [] if services is None else list(services.order_by("path"))


def listings_due_for_confirmation(*, user: Any, today: date | None = None) -> list[ServicePage]:
    """The live services of ``user``'s organizations not confirmed for ``stale_after()``: the
    same rule as the reminder e-mails, in one query."""
    today = today or timezone.localdate()
    services = _services_of(user)
    if services is None:
        return []
    due = unconfirmed_since_by(cutoff=today - stale_after()).filter(pk__in=services.values("pk"))
    return list(due.order_by("assured_date", "first_published_at", "path"))
