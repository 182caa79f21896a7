"""Template tags for pages outside the referral screens: the nav entry and the "refer" links.

The user's referral roles are looked up once per request (a search page draws one "紹介する"
link per hit) and cached on the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template

from referrals import access, selectors

register = template.Library()


@dataclass(frozen=True)
class NavRoles:
    worker: bool = False
    provider: bool = False
    coordinator: bool = False

    @property
    def any(self) -> bool:
        return self.worker or self.provider or self.coordinator


def _roles(context: Any) -> NavRoles:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if not (user is not None and user.is_authenticated and user.is_active):
        return NavRoles()
    cached = getattr(request, "_referral_roles", None)
    if cached is not None:
        return cached
    roles = NavRoles(
        worker=access.agency_ids_for(user).exists(),
        provider=access.organization_ids_for(user).exists(),
        coordinator=access.is_coordinator(user),
    )
    if request is not None:
        request._referral_roles = roles
    return roles


@register.simple_tag(takes_context=True)
def can_refer(context: Any) -> bool:
    """True for support workers: they see "この支援へ紹介する" on service pages and hits."""
    return _roles(context).worker


@register.inclusion_tag("referrals/includes/nav.html", takes_context=True)
def referrals_nav(context: Any) -> dict[str, Any]:
    roles = _roles(context)
    unread = 0
    if roles.worker or roles.provider:
        request = context.get("request")
        unread = selectors.notifications_for(user=request.user, unread_only=True).count()
    return {"roles": roles, "unread": unread}
