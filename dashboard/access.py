"""Who sees which part of the dashboard: the one place for the rule (issue 14).

Coordinators see their municipality (or all, if their role has no municipality), agency leads
their agency, administrators and superusers everything; anybody else gets a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from directory.geocoding import municipality_by_code
from referrals.choices import AgencyRole, PlatformRoleKind
from referrals.models import AgencyMembership, PlatformRole


@dataclass(frozen=True)
class DashboardScope:
    """What a user's figures cover: everything, one municipality, or some agencies."""

    everything: bool = False
    municipality_code: str = ""
    agency_ids: tuple[int, ...] = ()

    @property
    def municipality_name(self) -> str:
        """The scoped municipality's name (東京都練馬区) for the page, else its code."""
        municipality = municipality_by_code(self.municipality_code)
        return municipality.full_name if municipality else self.municipality_code

    def referrals(self, queryset):
        if self.everything:
            return queryset
        if self.municipality_code:
            return queryset.filter(agency__municipality_code=self.municipality_code)
        return queryset.filter(agency_id__in=self.agency_ids)

    def clients(self, queryset):
        if self.everything:
            return queryset
        if self.municipality_code:
            return queryset.filter(agency__municipality_code=self.municipality_code)
        return queryset.filter(agency_id__in=self.agency_ids)


def dashboard_scope_for(user: Any) -> DashboardScope:
    """The scope of ``user``'s dashboard; Http404 for anyone without a role for it."""
    if not (getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)):
        raise Http404
    if user.is_superuser:
        return DashboardScope(everything=True)
    roles = list(PlatformRole.objects.filter(user=user).values_list("role", "municipality_code"))
    if any(role == PlatformRoleKind.ADMINISTRATOR for role, _code in roles):
        return DashboardScope(everything=True)
    codes = {code for role, code in roles if role == PlatformRoleKind.COORDINATOR}
    if codes:
        if "" in codes or len(codes) > 1:
            return DashboardScope(everything=True)
        return DashboardScope(municipality_code=codes.pop())
    agencies = tuple(
        AgencyMembership.objects.filter(user=user, role=AgencyRole.AGENCY_LEAD).values_list(
            "agency_id", flat=True
        )
    )
    if agencies:
        return DashboardScope(agency_ids=agencies)
    raise Http404
