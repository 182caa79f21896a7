"""Where resources are missing: demand (referrals by where clients live) against supply
(active services of the same category serving the area), per municipality and per mesh.

Demand is counted in the database. Supply by distance compares service locations (hundreds,
not the referral rows) with mesh centres in Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce

from dashboard.mesh import mesh3_centre
from dashboard.selectors import top_categories
from directory.choices import ServiceStatus
from directory.geo import haversine_km
from directory.models import ServiceAtLocation, ServicePage
from referrals.models import Referral

PAUSED = [ServiceStatus.INACTIVE, ServiceStatus.TEMPORARILY_CLOSED]
SERVICE_TOP = Coalesce("categories__parent__code", "categories__code")
DEFAULT_DISTANCE_KM = 1.5


@dataclass
class GapRow:
    area: str  # municipality code or mesh code
    category: str
    demand: int
    active: int
    paused: int

    @property
    def gap(self) -> bool:
        """Demand of five or more and no active service: a resource to develop."""
        return self.demand >= 5 and self.active == 0


def _demand(referrals: QuerySet[Referral], key: str) -> dict[tuple[str, str], int]:
    """Referrals per (area, top category): grouped by area and service in the database (no join
    through the categories over every referral), then summed per top category of the service
    (a referral counts once for each top category its service has)."""
    rows = list(
        referrals.order_by()
        .exclude(**{key: ""})
        .values_list(key, "service_id")
        .annotate(n=Count("pk"))
    )
    tops = top_categories({service_id for _area, service_id, _n in rows})
    demand: dict[tuple[str, str], int] = {}
    for area, service_id, n in rows:
        for category in tops.get(service_id, ()):
            demand[(area, category)] = demand.get((area, category), 0) + n
    return demand


def municipality_gaps(*, referrals: QuerySet[Referral]) -> list[GapRow]:
    """Per municipality and category: referrals for clients living there, services whose
    service area (対象地域) includes it."""
    demand = _demand(referrals, "client__municipality_code")
    services = ServicePage.objects.live().order_by().filter(categories__isnull=False)
    supply = (
        services.filter(service_areas__municipality_code__in={a for a, _c in demand})
        .annotate(category=SERVICE_TOP)
        .values_list("service_areas__municipality_code", "category")
        .annotate(
            active=Count("pk", filter=Q(status=ServiceStatus.ACTIVE), distinct=True),
            paused=Count("pk", filter=Q(status__in=PAUSED), distinct=True),
        )
    )
    counts = {(area, category): (active, paused) for area, category, active, paused in supply}
    return sorted(
        (
            GapRow(area, category, n, *counts.get((area, category), (0, 0)))
            for (area, category), n in demand.items()
        ),
        key=lambda row: (not row.gap, -row.demand, row.area, row.category),
    )


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(a[0], a[1], b[0], b[1])


def mesh_gaps(
    *, referrals: QuerySet[Referral], distance_km: float = DEFAULT_DISTANCE_KM
) -> list[GapRow]:
    """Per third-order mesh and category: referrals for clients living in it, services with a
    location within ``distance_km`` of the mesh centre."""
    demand = _demand(referrals, "client__mesh_code")
    categories = {category for _a, category in demand}
    places = (
        ServiceAtLocation.objects.filter(
            service__live=True,
            location__latitude__isnull=False,
            location__longitude__isnull=False,
        )
        .annotate(
            category=Coalesce("service__categories__parent__code", "service__categories__code")
        )
        .filter(category__in=categories)
        .values_list(
            "service_id", "service__status", "category", "location__latitude", "location__longitude"
        )
        .distinct()
    )
    by_category: dict[str, list[tuple[int, str, tuple[float, float]]]] = {}
    for service_id, status, category, lat, lon in places:
        by_category.setdefault(category, []).append((service_id, status, (lat, lon)))
    rows = []
    for (mesh, category), n in demand.items():
        centre = mesh3_centre(mesh)
        near = {
            (service_id, status)
            for service_id, status, point in by_category.get(category, [])
            if _km(centre, point) <= distance_km
        }
        active = len({s for s, status in near if status == ServiceStatus.ACTIVE})
        paused = len({s for s, status in near if status in PAUSED})
        rows.append(GapRow(mesh, category, n, active, paused))
    return sorted(rows, key=lambda row: (not row.gap, -row.demand, row.area, row.category))
