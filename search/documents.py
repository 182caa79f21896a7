"""Flatten published services into ``SearchDocument``s, in batches, without N+1 queries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from directory import hours as opening_hours
from directory.models import OrganizationPage, ServicePage
from search import text
from search.contract import IndexedPoint, SearchDocument

# Open periods are indexed for this many days ahead; `reconcile_search_index` (run daily)
# rolls the window forward. "Open at" queries further ahead than this are refused with a reason.
HORIZON_DAYS = 35


def indexable_services() -> QuerySet[ServicePage]:
    """Published, public services: the only ones search may return."""
    return ServicePage.objects.live().public().order_by("pk")


def _prefetched(queryset: QuerySet[ServicePage]) -> QuerySet[ServicePage]:
    return queryset.prefetch_related(
        "schedules",
        "closures",
        "categories__parent",
        "certifications",
        "service_at_locations__location",
    )


def horizon_start(today: date | None = None) -> date:
    return (today or timezone.localdate()) - timedelta(days=1)


def build_documents(
    services: Iterable[ServicePage] | QuerySet[ServicePage], *, today: date | None = None
) -> list[SearchDocument]:
    """Documents for one batch of services (prefetches what it needs when given a queryset)."""
    if isinstance(services, QuerySet):
        services = _prefetched(services)
    services = list(services)
    parent_paths = {s.path[: -ServicePage.steplen] for s in services}
    organizations = {
        o.path: o
        for o in OrganizationPage.objects.filter(path__in=parent_paths).only(
            "path", "title", "provider_type", "url_path", "hsds_id"
        )
    }
    start = horizon_start(today)
    return [
        build_document(
            s, organization=organizations.get(s.path[: -ServicePage.steplen]), start=start
        )
        for s in services
    ]


def iter_documents(
    queryset: QuerySet[ServicePage] | None = None, *, batch_size: int = 500
) -> Iterator[list[SearchDocument]]:
    """All indexable services as batches of documents, by primary key."""
    queryset = queryset if queryset is not None else indexable_services()
    ids = list(queryset.values_list("pk", flat=True))
    for i in range(0, len(ids), batch_size):
        batch = ServicePage.objects.filter(pk__in=ids[i : i + batch_size]).order_by("pk")
        yield build_documents(batch)


def build_document(
    service: ServicePage, *, organization: OrganizationPage | None, start: date
) -> SearchDocument:
    hours = opening_hours.hours_from_service(service)
    categories = list(service.categories.all())
    category_codes = {t.code for t in categories} | {t.parent.code for t in categories if t.parent}
    locations = [link.location for link in service.service_at_locations.all()]
    today = start + timedelta(days=1)
    certifications = sorted({c.kind for c in service.certifications.all() if c.is_valid_on(today)})
    points = tuple(
        IndexedPoint(
            latitude=loc.latitude,
            longitude=loc.longitude,
            location_id=loc.pk,
            location_name=loc.name,
            municipality_code=loc.municipality_code,
        )
        for loc in locations
        # A hidden address (DV shelter) must not be findable by distance either.
        if loc.has_coordinates and not loc.hide_address
    )
    accessibility = sorted({f for loc in locations for f in loc.accessibility_features})
    municipalities = sorted({loc.municipality_code for loc in locations if loc.municipality_code})
    organization_name = organization.title if organization else ""
    category_names = " ".join(f"{t.name} {t.parent.name if t.parent else ''}" for t in categories)
    periods: list[tuple] = []
    for offset in range(HORIZON_DAYS + 1):
        periods.extend(opening_hours.open_periods_on(hours, start + timedelta(days=offset)))
    return SearchDocument(
        service_id=service.pk,
        hsds_id=service.hsds_id,
        name=service.title,
        organization=organization_name,
        url=f"/services/{service.hsds_id}/",  # stable HSDS-id link, no query per page
        description=service.description,
        name_terms=tuple(text.index_terms(f"{service.title} {service.alternate_name}")),
        context_terms=tuple(text.index_terms(f"{organization_name} {category_names}")),
        description_terms=tuple(
            text.index_terms(f"{service.description} {service.eligibility_description}")
        ),
        facets={
            "category": tuple(sorted(category_codes)),
            "target_group": tuple(sorted(set(service.target_groups))),
            "language": tuple(sorted(set(service.languages))),
            "cost": (service.cost_category,),
            "delivery_mode": tuple(sorted(set(service.delivery_modes))),
            "accessibility": tuple(accessibility),
            "municipality": tuple(municipalities),
            "provider_type": (organization.provider_type,) if organization else (),
            "availability": (service.availability,),
            "certification": tuple(certifications),
        },
        points=points,
        open_periods=tuple(periods),
        evenings=opening_hours.opens_in_evening(hours, as_of=today),
        weekends=opening_hours.opens_on_weekends_or_holidays(hours, as_of=today),
        sort_name=text.normalize(service.title),
    )
