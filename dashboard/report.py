"""Assemble the dashboard for one user's scope and filters (the views' one call)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils import timezone

from dashboard import gaps, selectors, tables
from dashboard.access import DashboardScope
from dashboard.filters import ReferralFigureFilter
from dashboard.population import population_table
from directory.geocoding import MUNICIPALITIES_CSV
from directory.models import TaxonomyTerm
from referrals.models import Client


@lru_cache(maxsize=1)
def municipality_names() -> dict[str, str]:
    with open(MUNICIPALITIES_CSV, encoding="utf-8") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


@dataclass
class KeyFigures:
    """The first paint: the headline counts, without the panels' heavier figures."""

    figures: list[dict[str, Any]]
    population_approximate: bool


def _common(*, scope: DashboardScope, filterset: ReferralFigureFilter, monthly: bool = True):
    """What both the first paint and the full build read: municipality, new clients, listings."""
    period = filterset.period()
    since, until = period.since, period.until
    data = filterset.cleaned()
    municipality_code = scope.municipality_code or (data.get("municipality") or "")
    clients = scope.clients(Client.objects.all())
    if data.get("municipality"):
        clients = clients.filter(agency__municipality_code=data["municipality"])
    if data.get("agency"):
        clients = clients.filter(agency=data["agency"])
    new_count, new_monthly = selectors.new_clients(
        clients=clients, since=since, until=until, monthly=monthly
    )
    listings = selectors.listing_figures(
        municipality_code=municipality_code, since=since, until=until
    )
    return municipality_code, new_count, new_monthly, listings


def dashboard_key(*, scope: DashboardScope, filterset: ReferralFigureFilter) -> KeyFigures:
    """The first paint's figures: one aggregate over the referrals and a few small queries."""
    referrals = filterset.qs
    municipality_code, new_count, _monthly, listings = _common(
        scope=scope, filterset=filterset, monthly=False
    )
    counts, overdue = selectors.status_counts(referrals=referrals)
    population = population_table()
    people = tables.people_for(
        population,
        municipality_code=municipality_code,
        codes=() if municipality_code else selectors.referring_municipalities(referrals=referrals),
    )
    return KeyFigures(
        figures=tables.key_figures(
            counts=counts,
            overdue=overdue,
            new_clients=new_count,
            listings=listings,
            people=people,
        ),
        population_approximate=population.approximate,
    )


def dashboard_build(*, scope: DashboardScope, filterset: ReferralFigureFilter) -> tables.Dashboard:
    referrals = filterset.qs
    municipality_code, new_count, new_monthly, listings = _common(scope=scope, filterset=filterset)
    figures = selectors.referral_figures(referrals=referrals)
    months = filterset.period().months(
        present=[row["month"] for row in figures.monthly]
        + [row["month"] for row in new_monthly]
        + [row["month"] for row in listings.monthly],
        today=timezone.localdate(),
    )
    return tables.build(
        referrals=figures,
        months=months,
        new_clients=new_count,
        new_clients_monthly=new_monthly,
        listings=listings,
        population=population_table(),
        municipality_code=municipality_code,
        category_names=_category_names(),
        municipality_names=municipality_names(),
    )


def gaps_build(*, filterset: ReferralFigureFilter, distance_km: float) -> dict[str, tables.Table]:
    """Only the gap tables (the map page needs nothing else)."""
    referrals = filterset.qs
    names = _category_names()
    return {
        "gaps_municipality": tables.gap_table(
            "gaps_municipality",
            tables.GAP_TITLES["gaps_municipality"],
            gaps.municipality_gaps(referrals=referrals),
            names,
            municipality_names(),
        ),
        "gaps_mesh": tables.gap_table(
            "gaps_mesh",
            tables.GAP_TITLES["gaps_mesh"],
            gaps.mesh_gaps(referrals=referrals, distance_km=distance_km),
            names,
            {},
        ),
    }


def _category_names() -> dict[str, str]:
    return dict(TaxonomyTerm.objects.filter(parent__isnull=True).values_list("code", "name"))
