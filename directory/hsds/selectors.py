"""Reads for HSDS output: only published, public records, fetched with a fixed number of queries.

A service counts as public only when its organization page is published and public too, so the
API and the export never reveal an organization an editor has taken down.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Length, Substr

from directory.hsds import extensions as ext
from directory.models import (
    Location,
    OrganizationPage,
    ServiceArea,
    ServiceAtLocation,
    ServicePage,
    Taxonomy,
    TaxonomyTerm,
)

STEPLEN = ServicePage.steplen

LOCATION_PREFETCH = ("addresses", "phones", "accessibility", "identifiers")


def public_organizations() -> QuerySet[OrganizationPage]:
    return OrganizationPage.objects.live().public()


def public_services() -> QuerySet[ServicePage]:
    """Published services whose organization is published as well."""
    organization_paths = public_organizations().values("path")
    return (
        ServicePage.objects.live()
        .public()
        .annotate(parent_path=Substr("path", 1, Length("path") - STEPLEN))
        .filter(parent_path__in=Subquery(organization_paths))
    )


def locations_prefetched() -> QuerySet[Location]:
    return Location.objects.prefetch_related(*LOCATION_PREFETCH)


def organization_prefetches() -> list:
    return [
        "phones",
        Prefetch("locations", queryset=locations_prefetched().order_by("name", "pk")),
    ]


def service_prefetches() -> list:
    return [
        "phones",
        "schedules",
        "closures",
        "service_areas",
        "cost_options",
        "required_documents",
        "contacts",
        "certifications",
        "identifiers",
        Prefetch(
            "categories",
            queryset=TaxonomyTerm.objects.select_related("taxonomy").order_by("code"),
        ),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location", "location__organization"
            ).prefetch_related(*(f"location__{name}" for name in LOCATION_PREFETCH)),
        ),
    ]


def services_with_organizations(
    *, services: Iterable[ServicePage]
) -> list[tuple[ServicePage, OrganizationPage]]:
    """Each service with its organization page, in two queries instead of one per service.

    ``services`` should already carry ``service_prefetches()``.
    """
    services = list(services)
    paths = {s.path[:-STEPLEN] for s in services}
    organizations = {
        o.path: o
        for o in OrganizationPage.objects.filter(path__in=paths).prefetch_related(
            *organization_prefetches()
        )
    }
    return [
        (s, organizations[s.path[:-STEPLEN]])
        for s in services
        if s.path[:-STEPLEN] in organizations
    ]


def public_services_full() -> QuerySet[ServicePage]:
    return public_services().prefetch_related(*service_prefetches()).order_by("path")


def organization_services(
    *, organizations: Iterable[OrganizationPage]
) -> dict[str, list[ServicePage]]:
    """Published services of each organization (keyed by the organization's path)."""
    paths = [o.path for o in organizations]
    result: dict[str, list[ServicePage]] = {path: [] for path in paths}
    if not paths:
        return result
    services = (
        public_services().filter(parent_path__in=paths).prefetch_related(*service_prefetches())
    )
    for service in services.order_by("path"):
        result[service.path[:-STEPLEN]].append(service)
    return result


# --- API filters ---------------------------------------------------------------------------


def _terms_under(term_ids: Iterable[object]) -> QuerySet[TaxonomyTerm]:
    """The terms with these HSDS ids and their children (a category includes its sub-terms)."""
    return TaxonomyTerm.objects.filter(Q(hsds_id__in=term_ids) | Q(parent__hsds_id__in=term_ids))


def services_filtered(
    *,
    search: str = "",
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    modified_after: datetime | None = None,
) -> QuerySet[ServicePage]:
    """Public services matching every given filter (the HSDS API's filters are cumulative)."""
    services = public_services()
    if search:
        services = services.filter(
            Q(title__icontains=search)
            | Q(alternate_name__icontains=search)
            | Q(description__icontains=search)
        )
    if taxonomy_term_id is not None:
        services = services.filter(categories__in=_terms_under([taxonomy_term_id]))
    if taxonomy_id is not None and taxonomy_id != ext.TAXONOMY_ID:
        # Every service carries tsunagu attributes, so that taxonomy filters nothing out.
        services = services.filter(categories__taxonomy__hsds_id=taxonomy_id)
    if organization_id is not None:
        paths = OrganizationPage.objects.filter(hsds_id=organization_id).values("path")
        services = services.filter(parent_path__in=Subquery(paths))
    if modified_after is not None:
        services = services.filter(last_published_at__gte=modified_after)
    return services.distinct().order_by("title", "pk")


def organizations_filtered(*, search: str = "") -> QuerySet[OrganizationPage]:
    organizations = public_organizations()
    if search:
        organizations = organizations.filter(
            Q(title__icontains=search)
            | Q(alternate_name__icontains=search)
            | Q(description__icontains=search)
        )
    return organizations.order_by("title", "pk")


def service_at_locations_filtered(
    *,
    services: QuerySet[ServicePage],
    municipality_codes: Iterable[str] = (),
) -> QuerySet[ServiceAtLocation]:
    """Links of these services; with municipality codes, only services that serve there.

    A service with service areas must list one of the codes; one without any is matched by
    where it is given (never by a hidden address, which must not be found by place).
    """
    links = ServiceAtLocation.objects.filter(service__in=services.values("pk"))
    codes = list(municipality_codes)
    if codes:
        served = ServiceArea.objects.filter(municipality_code__in=codes).values("service_id")
        any_area = ServiceArea.objects.values("service_id")
        links = links.filter(
            Q(service_id__in=served)
            | (
                ~Q(service_id__in=any_area)
                & Q(location__municipality_code__in=codes, location__hide_address=False)
            )
        )
    return links.order_by("service__title", "pk")


def service_at_locations_page(*, links: QuerySet[ServiceAtLocation]) -> QuerySet[ServiceAtLocation]:
    """The rows of one page with what the list item shows, without a query per row."""
    return links.select_related("location", "location__organization", "service")


def attach_organizations(*, services: Iterable[ServicePage]) -> None:
    """Set ``organization_page`` on each service from one query."""
    services = list(services)
    paths = {s.path[:-STEPLEN] for s in services}
    organizations = {o.path: o for o in OrganizationPage.objects.filter(path__in=paths)}
    for service in services:
        service.organization_page = organizations.get(service.path[:-STEPLEN])


def links_within(
    *, links: QuerySet[ServiceAtLocation], latitude: float, longitude: float, meters: float
) -> list[int]:
    """Primary keys of links whose (visible) location lies within ``meters``, nearest first."""
    from directory.geo import haversine_km

    degrees_lat = meters / 111_000
    degrees_lng = meters / (111_000 * max(0.1, math.cos(math.radians(latitude))))
    candidates = links.filter(
        location__hide_address=False,
        location__latitude__range=(latitude - degrees_lat, latitude + degrees_lat),
        location__longitude__range=(longitude - degrees_lng, longitude + degrees_lng),
    ).values_list("pk", "location__latitude", "location__longitude")
    scored = [
        (haversine_km(latitude, longitude, lat, lng) * 1000, pk) for pk, lat, lng in candidates
    ]
    return [pk for distance, pk in sorted(scored) if distance <= meters]


def taxonomy_terms_filtered(
    *,
    search: str = "",
    taxonomy_id: uuid.UUID | None = None,
    parent_id: uuid.UUID | None = None,
    top_only: bool = False,
) -> QuerySet[TaxonomyTerm]:
    terms = TaxonomyTerm.objects.select_related("taxonomy", "parent")
    if search:
        terms = terms.filter(
            Q(name__icontains=search) | Q(name_en__icontains=search) | Q(code__icontains=search)
        )
    if taxonomy_id is not None:
        terms = terms.filter(taxonomy__hsds_id=taxonomy_id)
    if parent_id is not None:
        terms = terms.filter(parent__hsds_id=parent_id)
    if top_only:
        terms = terms.filter(parent__isnull=True)
    return terms.order_by("taxonomy__name", "sort_order", "code", "pk")


def taxonomies_filtered(*, search: str = "") -> QuerySet[Taxonomy]:
    taxonomies = Taxonomy.objects.all()
    if search:
        taxonomies = taxonomies.filter(name__icontains=search)
    return taxonomies.order_by("name", "pk")
