"""Template tags for pages outside the referral screens: the nav entry, the "refer" links and
the picker that puts a service on one of the agency's lists.

The user's referral roles and lists are looked up once per request (a search page draws one
"紹介する" link and one picker per hit) and cached on the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template

from referrals import access, favourites, selectors

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


def _favourite_lists(context: Any) -> tuple[list, dict[int, set[str]]]:
    request = context.get("request")
    cached = getattr(request, "_favourite_lists", None)
    if cached is not None:
        return cached
    user = request.user
    found = (list(favourites.lists_for(user=user)), favourites.lists_holding(user=user))
    request._favourite_lists = found
    return found


@register.inclusion_tag("referrals/includes/favourite_picker.html", takes_context=True)
def favourite_picker(context: Any, hsds_id: Any, compact: bool = False) -> dict[str, Any]:
    """「リストに入れる」 for support workers: the agency's lists, marking those that hold it.

    ``compact`` (result cards) leaves out making a new list, and the whole picker while the
    agency has no list yet (lists are made on 「わたしの仕事」 or a service page).
    """
    if not _roles(context).worker:
        return {"show": False}
    lists, holding = _favourite_lists(context)
    if compact and not lists:
        return {"show": False}
    key = str(hsds_id)
    request = context.get("request")
    return {
        "show": True,
        "hsds_id": key,
        "lists": [(item, key in holding.get(item.pk, set())) for item in lists],
        "compact": compact,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("referrals/includes/favourite_form.html", takes_context=True)
def favourite_form(context: Any, hsds_id: Any) -> dict[str, Any]:
    """The (empty) form the picker's controls submit: outside any other form on the page."""
    request = context.get("request")
    return {
        "show": _roles(context).worker,
        "hsds_id": str(hsds_id),
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }
