"""Who may do what with listings: the one place the provider screens and admin views ask.

Provider staff are ``referrals.ProviderMembership`` rows (the one link between a user and their
organization). Coordinators (コーディネーター) hold ``directory.moderate_listings``, given to the
coordinator group by ``workflow.moderation_ensure``; superusers have it implicitly.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from directory.models import OrganizationPage, ServicePage

MODERATE_PERMISSION = "directory.moderate_listings"


def _is_active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def is_coordinator(user: Any) -> bool:
    return _is_active(user) and user.has_perm(MODERATE_PERMISSION)


def require_coordinator(user: Any) -> None:
    if not is_coordinator(user):
        raise PermissionDenied


def coordinator_emails() -> list[str]:
    """Everyone who moderates listings; superusers only when nobody else does."""
    User = get_user_model()
    permission = Permission.objects.filter(
        content_type__app_label="directory", codename="moderate_listings"
    ).first()
    users = User.objects.none()
    if permission is not None:
        users = User.objects.filter(
            Q(groups__permissions=permission) | Q(user_permissions=permission)
        )
    users = users.filter(is_active=True).exclude(email="")
    emails = sorted(set(users.values_list("email", flat=True)))
    if not emails:
        superusers = User.objects.filter(is_superuser=True, is_active=True).exclude(email="")
        emails = sorted(set(superusers.values_list("email", flat=True)))
    return emails


def may_delete_pages(user: Any) -> bool:
    """Only administrators (superusers) delete pages: a deleted listing breaks the referrals and
    HSDS ids others hold. Wagtail lets anyone with edit and publish delete, so moderators and
    trusted providers are stopped by the admin hooks and unpublish instead."""
    return _is_active(user) and user.is_superuser


def chooser_pages_for(*, pages: QuerySet, user: Any) -> QuerySet:
    """What a page chooser may list to ``user``: coordinators see everything; anyone else sees
    live pages and their own organizations' drafts, never an unapproved 掲載申し込み (a draft
    organization page) of somebody else."""
    if is_coordinator(user):
        return pages
    visible = Q(live=True)
    for path in organizations_for(user).values_list("path", flat=True):
        visible |= Q(path__startswith=path)
    return pages.filter(visible)


def organizations_for(user: Any) -> QuerySet[OrganizationPage]:
    """The organizations ``user`` is staff of (``ProviderMembership``), by title."""
    if not _is_active(user):
        return OrganizationPage.objects.none()
    return OrganizationPage.objects.filter(provider_memberships__user=user).order_by("title")


def service_get_for_provider(*, user: Any, service_id: int) -> ServicePage:
    """A service of one of ``user``'s organizations, or Http404 (never says whose it is)."""
    service = ServicePage.objects.filter(pk=service_id).first()
    if service is None or not _is_active(user):
        raise Http404
    organization = service.get_parent()
    allowed = organizations_for(user).filter(pk=organization.pk).exists() if organization else False
    if not allowed:
        raise Http404
    return service


def is_provider_of(*, user: Any, service: ServicePage) -> bool:
    organization = service.get_parent()
    return bool(organization) and organizations_for(user).filter(pk=organization.pk).exists()


def staff_emails(*, organization: OrganizationPage) -> list[str]:
    """Provider staff of ``organization`` with an email; the organization's own address if none."""
    User = get_user_model()
    emails = sorted(
        set(
            User.objects.filter(provider_memberships__organization=organization, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not emails and organization.email:
        emails = [organization.email]
    return emails


def user_for_email(email: str) -> Any:
    """The account an invitation's address already has (user name or email), if any."""
    User = get_user_model()
    return (
        User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
        .order_by("pk")
        .first()
    )
