"""Demo referrals in bulk for the dashboard (``load_demo_data --referrals N``): fictional only.

Clients live near the demo wards' centres (kept as 市区町村 and third-order mesh, never finer);
one cluster in 豊島区 asks for housing help far from any 居住支援 service, so the gap map shows a
real gap. Rows are written with ``bulk_create``: 100,000 referrals load in well under a minute.
Running it again replaces the previous bulk referrals and their clients (codes ``DEMO-…``).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from dashboard.mesh import mesh3_code
from directory.demo import MAIN_WARDS
from directory.models import OrganizationPage, ServicePage
from referrals.choices import (
    AgencyKind,
    CancelReason,
    CloseReason,
    DeclineReason,
    Outcome,
    Status,
    Urgency,
)
from referrals.demo import DEMO_AGENCY_NAME
from referrals.models import Agency, Client, Referral

CODE_PREFIX = "DEMO-"
# A neighbourhood in the west of 豊島区 (千早・要町のあたり) with housing demand: the gap.
GAP_POINT = (35.7370, 139.6880)
GAP_SHARE = 0.06
BATCH = 2_000
CATEGORY_WEIGHTS = {
    "food": 22, "housing": 14, "work": 14, "money": 14, "legal": 6, "health": 8,
    "children": 6, "older-people": 4, "disability": 4, "foreign-residents": 3, "safety": 2,
    "daily-living": 3,
}  # fmt: skip


def _agencies() -> list[tuple[Agency, float, float]]:
    agencies = []
    for ward in MAIN_WARDS:
        name = (
            DEMO_AGENCY_NAME if ward.code == "131164" else f"{ward.name} 自立相談支援機関（デモ）"
        )
        agency, _ = Agency.objects.get_or_create(
            name=name,
            defaults={"kind": AgencyKind.CONSULTATION_CENTRE, "municipality_code": ward.code},
        )
        agencies.append((agency, ward.latitude, ward.longitude))
    return agencies


def _services() -> dict[str, list[tuple[int, int, str]]]:
    """Live services by top category: (service id, organization id, title)."""
    organizations = dict(OrganizationPage.objects.values_list("path", "pk"))
    rows = (
        ServicePage.objects.live()
        .filter(categories__isnull=False)
        .annotate(top=Coalesce("categories__parent__code", "categories__code"))
        .values_list("pk", "path", "title", "top")
        .distinct()
    )
    by_category: dict[str, list[tuple[int, int, str]]] = {}
    for pk, path, title, top in rows:
        organization = organizations.get(path[: -ServicePage.steplen])
        if organization is not None:
            by_category.setdefault(top, []).append((pk, organization, title))
    return by_category


def demo_referrals_flush() -> int:
    demo = Referral.objects.filter(code__startswith=CODE_PREFIX)
    client_ids = list(demo.values_list("client_id", flat=True).distinct())
    deleted, _ = demo.delete()
    Client.objects.filter(pk__in=client_ids, referrals__isnull=True).delete()
    return deleted


@transaction.atomic
def demo_referrals_bulk(
    *,
    count: int,
    seed: int = 1,
    now: datetime | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> int:
    """Write ``count`` sent referrals over the last 12 months; returns how many were made."""
    rng = random.Random(seed)
    now = now or timezone.now()
    services = _services()
    if not services:
        return 0
    demo_referrals_flush()
    agencies = _agencies()
    clients = _clients_create(rng, agencies, max(1, count // 3), now)
    categories = [c for c in CATEGORY_WEIGHTS if c in services]
    weights = [CATEGORY_WEIGHTS[c] for c in categories]
    made = 0
    while made < count:
        batch = []
        for i in range(made, min(count, made + BATCH)):
            client, in_gap = clients[rng.randrange(len(clients))]
            top = (
                "housing"
                if in_gap and "housing" in services
                else rng.choices(categories, weights)[0]
            )
            service, organization, title = rng.choice(services[top])
            batch.append(_referral(rng, i, client, service, organization, title, now))
        Referral.objects.bulk_create(batch, batch_size=500)
        made += len(batch)
        if on_progress:
            on_progress(len(batch))
    return made


def _clients_create(rng, agencies, n: int, now: datetime) -> list[tuple[Client, bool]]:
    rows, gap = [], []
    for _ in range(n):
        agency, lat, lon = rng.choice(agencies)
        in_gap = agency.municipality_code == "131164" and rng.random() < GAP_SHARE * 4
        if in_gap:
            lat, lon = GAP_POINT[0] + rng.gauss(0, 0.002), GAP_POINT[1] + rng.gauss(0, 0.002)
        else:
            lat, lon = lat + rng.gauss(0, 0.008), lon + rng.gauss(0, 0.008)
        rows.append(
            Client(
                agency=agency,
                municipality_code=agency.municipality_code,
                mesh_code=mesh3_code(latitude=lat, longitude=lon),
            )
        )
        gap.append(in_gap)
    created = Client.objects.bulk_create(rows, batch_size=1_000)
    # created_at is auto_now_add: spread registrations over the year afterwards.
    for client in created:
        client.created_at = now - timedelta(days=rng.uniform(0, 365))
    Client.objects.bulk_update(created, ["created_at"], batch_size=1_000)
    return list(zip(created, gap, strict=True))


def _referral(rng, i, client, service, organization, title, now) -> Referral:
    sent = now - timedelta(days=rng.uniform(0, 365))
    roll = rng.random()
    answer = sent + timedelta(hours=rng.expovariate(1 / 30))
    fields: dict = {}
    if roll < 0.08 or answer > now:
        status = Status.SENT
    elif roll < 0.23:
        status = Status.DECLINED
        fields = {"first_response_at": answer, "declined_at": answer,
                  "decline_reason": rng.choice(DeclineReason.values)}  # fmt: skip
    elif roll < 0.28:
        status = Status.CANCELLED
        fields = {"cancelled_at": answer, "cancel_reason": rng.choice(CancelReason.values)}
    else:
        done = answer + timedelta(days=rng.uniform(3, 60))
        fields = {"first_response_at": answer, "accepted_at": answer}
        if roll < 0.33 and done < now:
            status = Status.CLOSED
            fields |= {"closed_at": done, "close_reason": rng.choice(CloseReason.values)}
        elif done < now and roll >= 0.5:
            status = Status.COMPLETED
            fields |= {"completed_at": done, "outcome": rng.choice(Outcome.values)}
        else:
            status = Status.IN_PROGRESS
    return Referral(
        code=f"{CODE_PREFIX}{i:07d}",
        client=client,
        agency_id=client.agency_id,
        service_id=service,
        organization_id=organization,
        service_title=title,
        need="",
        urgency=Urgency.URGENT if rng.random() < 0.1 else Urgency.NORMAL,
        status=status,
        sent_at=sent,
        **fields,
    )
