"""Notifications of a referral's moves: in-app rows in the transaction, email after commit.

Neither carries personal data: the code, the service and a link to log in (or, for a provider
without accounts, the signed provider link).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from referrals.access import Actor, User
from referrals.choices import AgencyRole, NotificationKind
from referrals.links import link_max_age, provider_link_url
from referrals.models import AgencyMembership, Notification, ProviderMembership, Referral
from referrals.state import NotAllowed

logger = logging.getLogger(__name__)

_PROVIDER_KINDS = {NotificationKind.SENT, NotificationKind.CANCELLED, NotificationKind.REMINDER}


@dataclass
class _Mail:
    subject: str
    body: str
    to: list[str] = field(default_factory=list)


def _recipients(*, referral: Referral, kind: str) -> tuple[list[Any], list[str]]:
    """(users to notify in the app, extra addresses that get the signed link by email)."""
    from django.contrib.auth import get_user_model

    users_model = get_user_model()
    if kind in _PROVIDER_KINDS:
        users = list(
            users_model.objects.filter(
                is_active=True,
                pk__in=ProviderMembership.objects.filter(
                    organization_id=referral.organization_id
                ).values("user_id"),
            )
        )
        if users:
            return users, []
        # A provider without accounts: the service's (or organization's) address gets the link.
        service = referral.service
        organization = referral.organization
        address = (service.email if service else "") or (organization.email if organization else "")
        return [], [address] if address else []
    users = []
    sender = referral.created_by if referral.created_by_id else None
    if sender is not None and sender.is_active:
        users.append(sender)
    if kind == NotificationKind.ESCALATION:
        leads = users_model.objects.filter(
            is_active=True,
            pk__in=AgencyMembership.objects.filter(
                agency_id=referral.agency_id, role=AgencyRole.AGENCY_LEAD
            ).values("user_id"),
        )
        if sender is not None:
            leads = leads.exclude(pk=sender.pk)
        users += list(leads)
        if not users and referral.agency.email:
            return [], [referral.agency.email]
    return users, []


def _notify(*, referral: Referral, kind: str, exclude: Actor | None = None) -> None:
    users, addresses = _recipients(referral=referral, kind=kind)
    users = [u for u in users if exclude is None or u.pk != getattr(exclude, "pk", None)]
    Notification.objects.bulk_create(
        [Notification(user=u, referral=referral, kind=kind) for u in users]
    )
    label = str(NotificationKind(kind).label)
    subject = str(
        _("[つなぐ] %(label)s（紹介番号 %(code)s）") % {"label": label, "code": referral.code}
    )
    base = settings.SITE_URL
    body = str(
        _(
            "%(label)s\n\n紹介番号: %(code)s\nサービス: %(service)s\n\n"
            "詳しくは、つなぐにログインしてご覧ください。\n%(url)s\n"
        )
        % {"label": label, "code": referral.code, "service": referral.service_title, "url": base}
    )
    mails = []
    user_addresses = [u.email for u in users if u.email]
    if user_addresses:
        mails.append(_Mail(subject, body, user_addresses))
    if addresses:
        link_body = str(
            _(
                "%(label)s\n\n紹介番号: %(code)s\nサービス: %(service)s\n\n"
                "次のリンクから、受け入れ・お断り・経過の報告ができます（%(days)s日間有効）。\n"
                "%(url)s\n"
            )
            % {
                "label": label,
                "code": referral.code,
                "service": referral.service_title,
                "days": link_max_age().days,
                "url": provider_link_url(referral=referral),
            }
        )
        mails.append(_Mail(subject, link_body, addresses))
    if mails:
        transaction.on_commit(lambda: _send_mails(mails))


def _send_mails(mails: list[_Mail]) -> None:
    messages = tuple(
        (m.subject, m.body, settings.DEFAULT_FROM_EMAIL, [address])
        for m in mails
        for address in m.to
    )
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:  # a mail server down must not undo a committed referral
        logger.exception("referral notification email failed (%d messages)", len(messages))


def notification_mark_read(*, notification: Notification, by: User) -> Notification:
    if notification.user_id != getattr(by, "pk", None):
        raise NotAllowed()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
