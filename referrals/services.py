"""Writes of the referral workflow: clients, consent, the referral's moves, reminders, retention.

Each function is keyword-only and runs in one transaction. A referral's move locks its row
(``select_for_update``), looks the move up in ``referrals.state``, checks the actor's side with
``referrals.access``, writes a ``ReferralEvent`` and in-app notifications, and sends email only
after commit. Two staff acting at once: the second waits for the lock, then gets
``ReferralConflict``.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import OrganizationPage, ServicePage
from referrals import access
from referrals.business_days import reminder_business_days, sent_before_for_overdue
from referrals.choices import (
    Action,
    ActorKind,
    AgencyRole,
    CancelReason,
    ClientField,
    CloseReason,
    ConsentBasis,
    ConsentMethod,
    DeclineReason,
    ExternalChannel,
    NotificationKind,
    Outcome,
    Status,
    Urgency,
)
from referrals.links import ProviderLinkGrant, provider_link_url
from referrals.models import (
    Agency,
    AgencyMembership,
    Client,
    Consent,
    Notification,
    ProviderMembership,
    Referral,
    ReferralEvent,
    ReferralReminder,
    SupportConference,
)
from referrals.state import (
    TERMINAL,
    NotAllowed,
    ReferralConflict,
    ReferralError,
    transition_for,
)

logger = logging.getLogger(__name__)

# Crockford-like alphabet without 0/O, 1/I/L, U: safe to read aloud and to type from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def referral_code_generate() -> str:
    """A code like TSN-7K3Q-9P: 30**6 ≈ 7×10⁸ codes; random, so it reveals neither order nor volume."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _i in range(6))
    return f"TSN-{chars[:4]}-{chars[4:]}"


def _require_agency_member(*, user: Any, agency: Agency) -> None:
    if not (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and AgencyMembership.objects.filter(user=user, agency=agency).exists()
    ):
        raise NotAllowed()


# ---------------------------------------------------------------------------------------------
# Clients and the basis for sharing


def client_create(
    *,
    agency: Agency,
    by: Any,
    name: str,
    name_reading: str = "",
    phone: str = "",
    email: str = "",
    date_of_birth: date | None = None,
    municipality_code: str = "",
    household_type: str = "",
    languages: Iterable[str] = (),
    needs_summary: str = "",
) -> Client:
    _require_agency_member(user=by, agency=agency)
    client = Client(
        agency=agency,
        name=name,
        name_reading=name_reading,
        phone=phone,
        email=email,
        date_of_birth=date_of_birth,
        municipality_code=municipality_code,
        household_type=household_type,
        languages=list(languages),
        needs_summary=needs_summary,
        created_by=by,
    )
    client.full_clean()
    client.save()
    return client


def support_conference_record(
    *,
    agency: Agency,
    by: Any,
    name: str,
    members: Iterable[OrganizationPage],
    established_on: date,
    municipality_code: str = "",
) -> SupportConference:
    _require_agency_member(user=by, agency=agency)
    with transaction.atomic():
        conference = SupportConference.objects.create(
            agency=agency,
            name=name,
            established_on=established_on,
            municipality_code=municipality_code or agency.municipality_code,
        )
        conference.members.set(list(members))
    return conference


def consent_record(
    *,
    client: Client,
    by: Any,
    basis: str,
    scope: Iterable[str],
    method: str = "",
    given_at: datetime | None = None,
    organizations: Iterable[OrganizationPage] = (),
    conference: SupportConference | None = None,
    expires_at: datetime | None = None,
) -> Consent:
    """Record 本人同意 (how, when, which fields, which organizations) or a 支援会議 basis."""
    _require_agency_member(user=by, agency=client.agency)
    scope = list(dict.fromkeys(scope))
    errors: dict[str, Any] = {}
    unknown = [f for f in scope if f not in ClientField.values]
    if unknown:
        errors["scope"] = _("共有する項目が正しくありません。")
    elif not scope:
        errors["scope"] = _("共有する項目を一つ以上選んでください。")
    organizations = list(organizations)
    if basis == ConsentBasis.CONSENT:
        if method not in ConsentMethod.values:
            errors["method"] = _("同意の方法を選んでください。")
        if not organizations:
            errors["organizations"] = _("共有先の機関を選んでください。")
        if conference is not None:
            errors["conference"] = _("本人同意では支援会議を選べません。")
    elif basis == ConsentBasis.SUPPORT_CONFERENCE:
        if conference is None:
            errors["conference"] = _("支援会議を選んでください。")
        elif organizations:
            errors["organizations"] = _("支援会議では共有先は構成員で決まります。")
    else:
        errors["basis"] = _("根拠を選んでください。")
    now = timezone.now()
    if expires_at is not None and expires_at <= (given_at or now):
        errors["expires_at"] = _("有効期限は同意の日時より後にしてください。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = Consent.objects.create(
            client=client,
            basis=basis,
            method=method if basis == ConsentBasis.CONSENT else "",
            given_at=given_at or now,
            recorded_by=by,
            scope=scope,
            conference=conference,
            expires_at=expires_at,
        )
        if organizations:
            consent.organizations.set(organizations)
    return consent


def consent_withdraw(*, consent: Consent, by: Any, at: datetime | None = None) -> Consent:
    """Withdrawal takes effect at once: ``referrals.access`` checks it on every read."""
    _require_agency_member(user=by, agency=consent.client.agency)
    with transaction.atomic():
        locked = Consent.objects.select_for_update().get(pk=consent.pk)
        if locked.withdrawn_at is None:
            locked.withdrawn_at = at or timezone.now()
            locked.withdrawn_by = by
            locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
    consent.withdrawn_at, consent.withdrawn_by_id = locked.withdrawn_at, locked.withdrawn_by_id
    return locked


# ---------------------------------------------------------------------------------------------
# Creating a referral


def referral_create_draft(
    *,
    client: Client,
    service: ServicePage,
    by: Any,
    need: str,
    urgency: str = Urgency.NORMAL,
    support_plan_reference: str = "",
    consent: Consent | None = None,
    idempotency_key: uuid.UUID | str | None = None,
) -> Referral:
    """A draft from ``by`` (a worker of the client's agency) to ``service``.

    ``idempotency_key`` comes from the form; submitting it twice returns the first referral.
    """
    _require_agency_member(user=by, agency=client.agency)
    if idempotency_key is not None:
        existing = _referral_for_key(idempotency_key, client=client)
        if existing is not None:
            return existing
    errors: dict[str, Any] = {}
    if not need.strip():
        errors["need"] = _("依頼内容を書いてください。")
    if urgency not in Urgency.values:
        errors["urgency"] = _("緊急度が正しくありません。")
    if consent is not None and consent.client_id != client.pk:
        errors["consent"] = _("この相談者の同意ではありません。")
    organization = service.organization if service is not None else None
    if organization is None:
        errors["service"] = _("紹介先のサービスが見つかりません。")
    if errors:
        raise ValidationError(errors)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Referral.objects.create(
                    code=referral_code_generate(),
                    client=client,
                    agency=client.agency,
                    created_by=by,
                    service=service,
                    organization=organization,
                    service_title=service.title[:255],
                    need=need.strip(),
                    urgency=urgency,
                    support_plan_reference=support_plan_reference,
                    consent=consent,
                    idempotency_key=idempotency_key,
                )
        except IntegrityError:
            if idempotency_key is not None:
                existing = _referral_for_key(idempotency_key, client=client)
                if existing is not None:  # the same form, submitted twice at once
                    return existing
            # Otherwise a code collision (one in hundreds of millions): draw again.
    raise ReferralError(str(_("紹介番号を作れませんでした。もう一度お試しください。")))


def _referral_for_key(key: uuid.UUID | str, *, client: Client) -> Referral | None:
    existing = Referral.objects.filter(idempotency_key=key).first()
    if existing is not None and existing.client_id != client.pk:
        raise ValidationError({"idempotency_key": _("この送信キーは別の紹介に使われています。")})
    return existing


def referral_create_and_send(*, by: Any, note: str = "", **draft: Any) -> Referral:
    """The worker's "send" button: create (idempotently) and send in one go."""
    referral = referral_create_draft(by=by, **draft)
    if referral.status == Status.DRAFT:
        referral = referral_send(referral=referral, by=by, note=note)
    return referral


@dataclass(frozen=True)
class ConsentInput:
    """How the client's details may be shared: 本人同意 or a 支援会議 (``basis``), or nothing.

    ``fields`` are ``consent_record``'s keyword arguments other than client, basis and the
    organizations/conference objects.
    """

    basis: str | None = None
    organizations: tuple[OrganizationPage, ...] = ()
    conference: SupportConference | None = None
    fields: dict[str, Any] = field(default_factory=dict)


class _SecondSubmission(Exception):
    def __init__(self, referral: Referral) -> None:
        self.referral = referral


def referral_submit(
    *,
    by: Any,
    agency: Agency,
    service: ServicePage,
    client: Client | None = None,
    new_client: dict[str, Any] | None = None,
    consent: ConsentInput = ConsentInput(),
    draft: bool = False,
    note: str = "",
    **referral: Any,
) -> Referral:
    """The refer form's writes in one transaction: the client (new or given), the basis for
    sharing, and the referral (a draft, or sent).

    The form carries an ``idempotency_key``: a second submission of the same form rolls back
    the client and consent it would have added and returns the first referral.
    """
    key = referral.get("idempotency_key")
    try:
        with transaction.atomic():
            if client is None:
                client = client_create(
                    agency=agency,
                    by=by,
                    municipality_code=agency.municipality_code,
                    **(new_client or {}),
                )
            recorded = None
            if consent.basis:
                recorded = consent_record(
                    client=client,
                    by=by,
                    basis=consent.basis,
                    organizations=consent.organizations,
                    conference=consent.conference,
                    **consent.fields,
                )
            create = referral_create_draft if draft else referral_create_and_send
            extra = {} if draft else {"note": note}
            made = create(
                client=client, service=service, by=by, consent=recorded, **referral, **extra
            )
            if made.client_id != client.pk or made.consent_id != getattr(recorded, "pk", None):
                raise _SecondSubmission(made)  # made by the first submission: undo ours
            return made
    except _SecondSubmission as second:
        return second.referral
    except ValidationError as error:
        first = Referral.objects.filter(idempotency_key=key, agency=agency).first()
        if key is not None and first is not None:
            if "idempotency_key" in getattr(error, "error_dict", {}):
                return first
        raise


def referral_log_external(
    *,
    by: Any,
    channel: str,
    note: str = "",
    **draft: Any,
) -> Referral:
    """Record a hand-off made by phone, FAX or a printed slip: the referral is sent at once and
    the provider still gets the email with a signed link to acknowledge it."""
    _check_choice("channel", channel, ExternalChannel)
    referral = referral_create_draft(by=by, **draft)
    if referral.status != Status.DRAFT:
        return referral
    return referral_mark_logged(referral=referral, by=by, channel=channel, note=note)


def referral_mark_logged(*, referral: Referral, by: Any, channel: str, note: str = "") -> Referral:
    """A draft that was handed over outside the platform after all (phone, FAX, slip)."""
    _check_choice("channel", channel, ExternalChannel)
    return _move(
        referral=referral,
        by=by,
        action=Action.LOG_EXTERNAL,
        note=note,
        changes={"logged": True, "external_channel": channel},
    )


# ---------------------------------------------------------------------------------------------
# The moves


def referral_send(*, referral: Referral, by: Any, note: str = "") -> Referral:
    return _move(referral=referral, by=by, action=Action.SEND, note=note)


def referral_accept(*, referral: Referral, by: Any, note: str = "") -> Referral:
    return _move(referral=referral, by=by, action=Action.ACCEPT, note=note)


def referral_decline(*, referral: Referral, by: Any, reason: str, note: str = "") -> Referral:
    _check_choice("reason", reason, DeclineReason)
    return _move(
        referral=referral,
        by=by,
        action=Action.DECLINE,
        note=note,
        reason_code=reason,
        changes={"decline_reason": reason},
    )


def referral_start(
    *, referral: Referral, by: Any, appointment_at: datetime | None = None, note: str = ""
) -> Referral:
    """First contact made (or an appointment set)."""
    return _move(
        referral=referral,
        by=by,
        action=Action.START,
        note=note,
        changes={"appointment_at": appointment_at},
    )


def referral_complete(*, referral: Referral, by: Any, outcome: str, note: str = "") -> Referral:
    _check_choice("outcome", outcome, Outcome)
    return _move(
        referral=referral,
        by=by,
        action=Action.COMPLETE,
        note=note,
        reason_code=outcome,
        changes={"outcome": outcome},
    )


def referral_close(*, referral: Referral, by: Any, reason: str, note: str = "") -> Referral:
    """Closed unsuccessful: could not contact, not eligible, no capacity, client withdrew."""
    _check_choice("reason", reason, CloseReason)
    return _move(
        referral=referral,
        by=by,
        action=Action.CLOSE,
        note=note,
        reason_code=reason,
        changes={"close_reason": reason},
    )


def referral_cancel(
    *, referral: Referral, by: Any, reason: str = CancelReason.OTHER, note: str = ""
) -> Referral:
    _check_choice("reason", reason, CancelReason)
    return _move(
        referral=referral,
        by=by,
        action=Action.CANCEL,
        note=note,
        reason_code=reason,
        changes={"cancel_reason": reason},
    )


def referral_act(
    *,
    referral: Referral,
    by: Any,
    action: str,
    reason: str = "",
    outcome: str = "",
    channel: str = "",
    appointment_at: datetime | None = None,
    note: str = "",
) -> Referral:
    """One entry for screens and the API that take the action as data (e.g. a provider link
    form or ``POST /api/referrals/{code}/actions``); dispatches to the named service."""
    if action == Action.SEND:
        return referral_send(referral=referral, by=by, note=note)
    if action == Action.LOG_EXTERNAL:
        return referral_mark_logged(referral=referral, by=by, channel=channel, note=note)
    if action == Action.ACCEPT:
        return referral_accept(referral=referral, by=by, note=note)
    if action == Action.DECLINE:
        return referral_decline(referral=referral, by=by, reason=reason, note=note)
    if action == Action.START:
        return referral_start(referral=referral, by=by, appointment_at=appointment_at, note=note)
    if action == Action.COMPLETE:
        return referral_complete(referral=referral, by=by, outcome=outcome, note=note)
    if action == Action.CLOSE:
        return referral_close(referral=referral, by=by, reason=reason, note=note)
    if action == Action.CANCEL:
        return referral_cancel(
            referral=referral, by=by, reason=reason or CancelReason.OTHER, note=note
        )
    raise ValidationError({"action": _("操作が正しくありません。")})


def _check_choice(name: str, value: str, choices: Any) -> None:
    if value not in choices.values:
        raise ValidationError({name: _("選択肢から選んでください。")})


# Which timestamp each target status sets.
_STAMPS: dict[str, tuple[str, ...]] = {
    Status.SENT: ("sent_at",),
    Status.ACCEPTED: ("accepted_at",),
    Status.DECLINED: ("declined_at",),
    Status.IN_PROGRESS: ("started_at",),
    Status.COMPLETED: ("completed_at",),
    Status.CLOSED: ("closed_at",),
    Status.CANCELLED: ("cancelled_at",),
}

_NOTIFY_ON: dict[str, str] = {
    Status.SENT: NotificationKind.SENT,
    Status.ACCEPTED: NotificationKind.ACCEPTED,
    Status.DECLINED: NotificationKind.DECLINED,
    Status.IN_PROGRESS: NotificationKind.STARTED,
    Status.COMPLETED: NotificationKind.COMPLETED,
    Status.CLOSED: NotificationKind.CLOSED,
    Status.CANCELLED: NotificationKind.CANCELLED,
}


def _move(
    *,
    referral: Referral,
    by: Any,
    action: str,
    note: str = "",
    reason_code: str = "",
    changes: dict[str, Any] | None = None,
) -> Referral:
    with transaction.atomic():
        locked = (
            Referral.objects.select_for_update().select_related(None).filter(pk=referral.pk).first()
        )
        if locked is None:
            raise ReferralError(str(_("紹介が見つかりません。")))
        if locked.status != referral.status:
            # The caller's copy is stale: someone else moved it while they looked at it.
            raise ReferralConflict(status=locked.status, action=action)
        move = transition_for(locked.status, action)
        if move.side not in access.sides_for(by, locked):
            raise NotAllowed(action=action)
        now = timezone.now()
        fields = ["status", "updated_at"]
        from_status = locked.status
        locked.status = move.target
        for stamp in _STAMPS[move.target]:
            setattr(locked, stamp, now)
            fields.append(stamp)
        if move.target in (Status.ACCEPTED, Status.DECLINED) and locked.first_response_at is None:
            locked.first_response_at = now
            fields.append("first_response_at")
        if move.target in TERMINAL:
            locked.finished_at = now
            fields.append("finished_at")
        for name, value in (changes or {}).items():
            setattr(locked, name, value)
            fields.append(name)
        locked.save(update_fields=fields)
        is_link = isinstance(by, ProviderLinkGrant)
        ReferralEvent.objects.create(
            referral=locked,
            actor=None if is_link else by,
            actor_kind=ActorKind.PROVIDER_LINK if is_link else ActorKind.USER,
            at=now,
            from_status=from_status,
            to_status=move.target,
            action=action,
            note=note.strip(),
            reason_code=reason_code,
        )
        kind = _NOTIFY_ON[move.target]
        if not (kind == NotificationKind.CANCELLED and from_status == Status.DRAFT):
            _notify(referral=locked, kind=kind, exclude=None if is_link else by)
    # The caller's instance follows, so a view can render it without a reload.
    for name in ["status", "first_response_at", "finished_at", *fields]:
        setattr(referral, name, getattr(locked, name))
    return locked


# ---------------------------------------------------------------------------------------------
# Notifications (in-app rows in the transaction, email after commit; no personal data in either)

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
    if referral.created_by_id and referral.created_by.is_active:
        users.append(referral.created_by)
    if kind == NotificationKind.ESCALATION:
        users += list(
            users_model.objects.filter(
                is_active=True,
                pk__in=AgencyMembership.objects.filter(
                    agency_id=referral.agency_id, role=AgencyRole.AGENCY_LEAD
                ).values("user_id"),
            ).exclude(pk=referral.created_by_id)
        )
        if not users and referral.agency.email:
            return [], [referral.agency.email]
    return users, []


def _notify(*, referral: Referral, kind: str, exclude: Any = None) -> None:
    users, addresses = _recipients(referral=referral, kind=kind)
    users = [u for u in users if exclude is None or u.pk != getattr(exclude, "pk", None)]
    Notification.objects.bulk_create(
        [Notification(user=u, referral=referral, kind=kind) for u in users]
    )
    label = str(NotificationKind(kind).label)
    subject = str(
        _("[つなぐ] %(label)s（紹介番号 %(code)s）") % {"label": label, "code": referral.code}
    )
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
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
                "days": getattr(settings, "REFERRAL_LINK_MAX_AGE_DAYS", 14),
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


def notification_mark_read(*, notification: Notification, by: Any) -> Notification:
    if notification.user_id != getattr(by, "pk", None):
        raise NotAllowed()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


# ---------------------------------------------------------------------------------------------
# Reminders and retention


@dataclass
class ReminderRun:
    reminded: list[str] = field(default_factory=list)  # referral codes
    escalated: list[str] = field(default_factory=list)


def referral_reminders_send(*, now: datetime | None = None) -> ReminderRun:
    """Sent referrals unanswered for N business days: remind the provider; after 2N: tell the
    sender. Each at most once per referral, so running it again the same day sends nothing."""
    now = now or timezone.now()
    days = reminder_business_days()
    remind_before = sent_before_for_overdue(now, days)
    escalate_before = sent_before_for_overdue(now, days * 2)
    run = ReminderRun()
    due = (
        Referral.objects.filter(status=Status.SENT, sent_at__lt=remind_before)
        .select_related("service", "organization", "agency", "created_by")
        .order_by("sent_at", "pk")
    )
    for referral in due:
        steps = [(ReferralReminder.Kind.REMINDER, NotificationKind.REMINDER, run.reminded)]
        if referral.sent_at < escalate_before:
            steps.append(
                (ReferralReminder.Kind.ESCALATION, NotificationKind.ESCALATION, run.escalated)
            )
        for reminder_kind, notification_kind, bucket in steps:
            with transaction.atomic():
                _, created = ReferralReminder.objects.get_or_create(
                    referral=referral,
                    kind=reminder_kind,
                    defaults={"sent_on": timezone.localdate(now)},
                )
                if created:
                    _notify(referral=referral, kind=notification_kind)
                    bucket.append(referral.code)
    return run


def clients_anonymise(*, older_than: timedelta, now: datetime | None = None) -> list[int]:
    """Remove the personal data of clients whose referrals all ended before the retention period.

    Referral rows, statuses, timestamps, reasons, outcomes, services and municipality stay for
    the statistics; the client's personal fields, the referral's need and the event notes go.
    A client with an open referral (including a draft) is kept whole.
    """
    now = now or timezone.now()
    cutoff = now - older_than
    recent_or_open = Referral.objects.filter(
        Q(finished_at__isnull=True) | Q(finished_at__gt=cutoff)
    ).values("client_id")
    client_ids = list(
        Client.objects.filter(anonymised_at__isnull=True, created_at__lt=cutoff)
        .exclude(pk__in=recent_or_open)
        .values_list("pk", flat=True)
    )
    for start in range(0, len(client_ids), 500):
        chunk = client_ids[start : start + 500]
        with transaction.atomic():
            Client.objects.filter(pk__in=chunk).update(
                name="",
                name_reading="",
                phone="",
                email="",
                date_of_birth=None,
                household_type="",
                languages=[],
                needs_summary="",
                anonymised_at=now,
            )
            Referral.objects.filter(client_id__in=chunk).update(need="")
            ReferralEvent.objects.filter(referral__client_id__in=chunk).redact(note="")
    return client_ids
