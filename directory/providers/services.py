"""Writes of the provider features: keyword-only, one transaction each, side effects on commit.

Rights live in ``rights.py``, the workflow in ``workflow.py``, reminders in ``reminders.py`` and
the merge of duplicates in ``duplicates.py``; everything else a screen writes is here.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from directory.choices import Availability
from directory.hours import validate_closure
from directory.models import (
    Closure,
    DirectoryIndexPage,
    ErrorReport,
    ListingApplication,
    OrganizationPage,
    OrganizationPhone,
    ProviderInvitation,
    QuickUpdate,
    ServicePage,
    StaleListingFlag,
)
from directory.providers import access, emails, links, rights
from directory.services import site_structure_ensure
from search.indexing import services_index_later

# --- invitations ------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(*, organization: OrganizationPage, email: str, by: Any) -> ProviderInvitation:
    """Invite ``email`` to join ``organization`` as staff; the signed link goes by email."""
    invitation = ProviderInvitation.objects.create(
        organization=organization,
        email=email.strip().lower(),
        invited_by=by,
        created_at=timezone.now(),
    )
    emails.send_later(
        to=[invitation.email],
        subject=_("%(organization)s の掲載を管理するご招待") % {"organization": organization.title},
        template="providers/email/invitation.txt",
        context={
            "organization": organization,
            "url": links.invitation_url(invitation=invitation),
            "days": links.invitation_max_age().days,
            "inviter": getattr(by, "email", ""),
        },
    )
    return invitation


def provider_user_create(*, email: str, password: str) -> Any:
    """A new account for invited staff: the email is the user name. Password already validated."""
    User = get_user_model()
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError(
            _("このメールアドレスのアカウントはすでにあります。ログインしてください。")
        )
    return User.objects.create_user(username=email, email=email, password=password)


@transaction.atomic
def invitation_accept(*, invitation: ProviderInvitation, user: Any) -> ProviderInvitation:
    """Make ``user`` staff of the invited organization, with its Wagtail rights; single use."""
    invitation = ProviderInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise links.LinkInvalid(_("この招待はすでに使われています。ログインしてください。"))
    rights.provider_membership_add(organization=invitation.organization, user=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    return invitation


# --- 「掲載を申し込む」 ---------------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *,
    organization_name: str,
    provider_type: str,
    contact_name: str,
    email: str,
    phone: str,
    description: str,
) -> ListingApplication:
    """A draft organization page under the directory, and a task for the coordinators."""
    index = DirectoryIndexPage.objects.first() or site_structure_ensure()
    organization = OrganizationPage(
        title=organization_name,
        # Not derived from the name: a slug is public and the name is not yet approved.
        slug=f"application-{uuid.uuid4().hex[:10]}",
        description=description,
        email=email,
        provider_type=provider_type,
        live=False,
    )
    organization.phones = [OrganizationPhone(number=phone)]
    index.add_child(instance=organization)
    organization.save_revision(log_action=False)
    application = ListingApplication.objects.create(
        organization=organization,
        organization_name=organization_name,
        provider_type=provider_type,
        contact_name=contact_name,
        email=email,
        phone=phone,
        description=description,
        created_at=timezone.now(),
    )
    emails.send_later(
        to=access.coordinator_emails(),
        subject=_("掲載の申し込み: %(name)s") % {"name": organization_name},
        template="providers/email/application.txt",
        context={
            "application": application,
            "list_url": emails.admin_url(reverse("providers_admin:applications")),
            "edit_url": emails.admin_url(
                reverse("wagtailadmin_pages:edit", args=[organization.pk])
            ),
        },
    )
    return application


@transaction.atomic
def application_decide(
    *, application: ListingApplication, status: str, by: Any, note: str = ""
) -> ListingApplication:
    if status not in ListingApplication.Status.values:
        raise ValidationError(_("状態を選んでください"))
    application.status = status
    application.note = note
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "note", "decided_by", "decided_at"])
    return application


# --- quick updates, applied to the live page at once -----------------------------------------

QUICK_FIELDS = ("availability", "capacity_note", "alert")


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _patch_revisions(*, service: ServicePage, changes: dict[str, Any], closure=None) -> None:
    """Carry a quick change into the latest and the live revision.

    Wagtail's editor opens the *latest revision*, not the live row, and publishing a revision
    writes all of its fields: without this, the next edit (or a draft waiting for approval)
    would silently undo the quick update. Patched in place, so the reviewer's compare shows
    only the provider's own edits.
    """
    ids = {service.latest_revision_id, service.live_revision_id} - {None}
    for revision in Revision.objects.filter(pk__in=ids).select_for_update():
        content = dict(revision.content)
        content.update({name: _json_value(value) for name, value in changes.items()})
        if closure is not None:
            rows = [row for row in content.get("closures", []) if row.get("pk") != closure.pk]
            rows.append(
                {
                    "pk": closure.pk,
                    "service": service.pk,
                    "sort_order": closure.sort_order,
                    "start_date": closure.start_date.isoformat(),
                    "end_date": closure.end_date.isoformat(),
                    "description": closure.description,
                }
            )
            content["closures"] = rows
        revision.content = content
        revision.save(update_fields=["content"])


def _apply_live(*, service: ServicePage, changes: dict[str, Any]) -> ServicePage:
    page = ServicePage.objects.select_for_update().get(pk=service.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    # clean=False: only the named fields change, each validated by the form or the caller.
    page.save(update_fields=list(changes), clean=False)
    _patch_revisions(service=page, changes=changes)
    services_index_later(service_ids=[page.pk])
    return page


def _log(
    *, service: ServicePage, kind: str, old: Any, new: Any, by: Any, email: str = ""
) -> QuickUpdate:
    return QuickUpdate.objects.create(
        service=service,
        kind=kind,
        old_value="" if old is None else str(old),
        new_value="" if new is None else str(new),
        user=by if getattr(by, "is_authenticated", False) else None,
        email=email or getattr(by, "email", "") or "",
        at=timezone.now(),
    )


@transaction.atomic
def service_quick_update(*, service: ServicePage, by: Any, field: str, value: str) -> QuickUpdate:
    """Availability, capacity note or alert: live at once, logged, re-indexed."""
    if field not in QUICK_FIELDS:
        raise ValidationError(_("この項目はすぐに変更できません"))
    if field == "availability" and value not in Availability.values:
        raise ValidationError(_("受付状況を選んでください"))
    max_length = ServicePage._meta.get_field(field).max_length
    value = value.strip()
    if max_length and len(value) > max_length:
        raise ValidationError(_("%(max)d文字以内で入力してください") % {"max": max_length})
    old = getattr(service, field)
    _apply_live(service=service, changes={field: value})
    return _log(service=service, kind=field, old=old, new=value, by=by)


@transaction.atomic
def service_closure_add(
    *, service: ServicePage, by: Any, start_date: date, end_date: date, description: str = ""
) -> Closure:
    """A temporary closure (臨時休業) on the live page at once."""
    validate_closure(start_date=start_date, end_date=end_date)
    page = ServicePage.objects.select_for_update().get(pk=service.pk)
    closure = Closure.objects.create(
        service=page,
        start_date=start_date,
        end_date=end_date,
        description=description.strip(),
        sort_order=Closure.objects.filter(service=page).count(),
    )
    _patch_revisions(service=page, changes={}, closure=closure)
    services_index_later(service_ids=[page.pk])
    _log(
        service=page,
        kind=QuickUpdate.Kind.CLOSURE,
        old="",
        new=f"{start_date.isoformat()}〜{end_date.isoformat()} {closure.description}".strip(),
        by=by,
    )
    return closure


# --- verification -----------------------------------------------------------------------------


@transaction.atomic
def service_confirm(
    *, service: ServicePage, email: str, by: Any = None, kind: str = QuickUpdate.Kind.CONFIRM
) -> ServicePage:
    """「変更なし・確認しました」: last confirmed = today, by ``email``; clears a stale flag.

    ``email`` (the staff member's login) goes to the private update log only: HSDS publishes
    ``assurer_email``, so it gets the organization's public contact address, or nothing.
    """
    today = timezone.localdate()
    old = service.assured_date
    public_email = getattr(service.get_parent().specific, "email", "") or ""
    page = _apply_live(
        service=service, changes={"assured_date": today, "assurer_email": public_email}
    )
    StaleListingFlag.objects.filter(service=page).delete()
    _log(service=page, kind=kind, old=old, new=today.isoformat(), by=by, email=email)
    return page


def service_confirm_on_publish(*, page: Page, revision: Revision | None) -> bool:
    """An edit by the provider's own staff counts as a confirmation once it is published.

    Called when a revision is published: after the coordinator approved it in the workflow, or
    directly for a trusted organization. Edits by coordinators do not count: only the provider
    knows the listing is still true. Returns whether the listing was confirmed.
    """
    service = page.specific
    author = getattr(revision, "user", None)
    if not isinstance(service, ServicePage) or author is None:
        return False
    if not access.is_provider_of(user=author, service=service):
        return False
    service_confirm(
        service=service,
        email=author.email or author.get_username(),
        by=author,
        kind=QuickUpdate.Kind.APPROVED_EDIT,
    )
    return True


# --- 「情報の誤りを報告」 ---------------------------------------------------------------------


@transaction.atomic
def error_report_submit(
    *, service: ServicePage, problem: str, message: str = "", contact: str = ""
) -> ErrorReport:
    report = ErrorReport.objects.create(
        service=service,
        problem=problem,
        message=message.strip(),
        contact=contact.strip(),
        created_at=timezone.now(),
    )
    organization = service.get_parent().specific
    context = {
        "report": report,
        "service": service,
        "organization": organization,
        "dashboard_url": emails.admin_url(reverse("providers:dashboard")),
        "list_url": emails.admin_url(reverse("providers_admin:error_reports")),
    }
    subject = _("情報の誤りの報告: %(service)s") % {"service": service.title}
    emails.send_later(
        to=access.staff_emails(organization=organization),
        subject=subject,
        template="providers/email/error_report_provider.txt",
        context=context,
    )
    emails.send_later(
        to=access.coordinator_emails(),
        subject=subject,
        template="providers/email/error_report_coordinator.txt",
        context=context,
    )
    return report


@transaction.atomic
def error_report_handle(*, report: ErrorReport, status: str, by: Any) -> ErrorReport:
    if status not in ErrorReport.Status.values:
        raise ValidationError(_("状態を選んでください"))
    report.status = status
    report.handled_by = by
    report.handled_at = timezone.now()
    report.save(update_fields=["status", "handled_by", "handled_at"])
    return report
