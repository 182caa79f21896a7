"""Reads about a signed-in person: where they start, and whether they need a second factor.

The roles come from ``referrals`` (agency, provider and municipal roles as rows) and from Wagtail
groups (listing moderators); this module only combines them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django_otp import devices_for_user

from referrals.choices import AgencyRole, PlatformRoleKind
from referrals.models import AgencyMembership, PlatformRole, ProviderMembership


def two_factor_required_for(*, user: Any) -> bool:
    """Whether ``user`` must pass a second factor: administrators (superusers, Django-admin
    staff and the administrator role), coordinators, agency leads (主任) and listing moderators, whose
    accounts see statistics, access logs or publish for everyone."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return (
        get_user_model()
        .objects.filter(pk=user.pk)
        .filter(
            Q(Exists(PlatformRole.objects.filter(user=OuterRef("pk"))))
            | Q(
                Exists(
                    AgencyMembership.objects.filter(
                        user=OuterRef("pk"), role=AgencyRole.AGENCY_LEAD
                    )
                )
            )
            | Q(groups__name__in=settings.TWO_FACTOR_REQUIRED_GROUPS)
        )
        .exists()
    )


def has_confirmed_device(*, user: Any) -> bool:
    """Whether ``user`` has finished setting up an authenticator app (or has backup codes)."""
    return any(True for _device in devices_for_user(user, confirmed=True))


def home_url_for(*, user: Any) -> str:
    """Where a person lands after signing in: the one home of that rule.

    Administrators go to the admin, coordinators to the dashboard, support workers and provider
    staff to 「わたしの仕事」 (/my/); anyone else to the public home page.
    """
    roles = set(PlatformRole.objects.filter(user=user).values_list("role", flat=True))
    is_administrator = user.is_superuser or PlatformRoleKind.ADMINISTRATOR in roles
    if is_administrator and user.has_perm("wagtailadmin.access_admin"):
        return reverse("wagtailadmin_home")
    if roles:
        return reverse("dashboard:index")
    if (
        AgencyMembership.objects.filter(user=user).exists()
        or ProviderMembership.objects.filter(user=user).exists()
    ):
        return reverse("my")
    return "/"
