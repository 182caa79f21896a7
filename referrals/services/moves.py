"""The referral's moves: one named service per action, each over the private mover ``_move``.

A move locks the row (``select_for_update``), looks itself up in ``referrals.state``, checks the
actor's side with ``referrals.access``, writes a ``ReferralEvent`` and in-app notifications, and
sends email only after commit. Two staff acting at once: the second waits for the lock, then
gets ``ReferralConflict``.
"""

from __future__ import annotations

import inspect
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from referrals import access
from referrals.access import Actor, account_of
from referrals.choices import (
    Action,
    ActorKind,
    CancelReason,
    CloseReason,
    DeclineReason,
    ExternalChannel,
    NotificationKind,
    Outcome,
    Status,
)
from referrals.links import ProviderLinkGrant
from referrals.models import Referral, ReferralEvent
from referrals.services.notifications import _notify
from referrals.state import (
    MOVE_SERVICES,
    TERMINAL,
    NotAllowed,
    ReferralConflict,
    ReferralError,
    Side,
    transition_for,
)


def referral_mark_logged(
    *, referral: Referral, by: Actor, channel: str, note: str = ""
) -> Referral:
    """A draft that was handed over outside the platform after all (phone, FAX, slip)."""
    _check_choice("channel", channel, ExternalChannel)
    return _move(
        referral=referral,
        by=by,
        action=Action.LOG_EXTERNAL,
        note=note,
        changes={"logged": True, "external_channel": channel},
    )


def referral_send(*, referral: Referral, by: Actor, note: str = "") -> Referral:
    return _move(referral=referral, by=by, action=Action.SEND, note=note)


def referral_accept(*, referral: Referral, by: Actor, note: str = "") -> Referral:
    return _move(referral=referral, by=by, action=Action.ACCEPT, note=note)


def referral_decline(*, referral: Referral, by: Actor, reason: str, note: str = "") -> Referral:
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
    *, referral: Referral, by: Actor, appointment_at: datetime | None = None, note: str = ""
) -> Referral:
    """First contact made (or an appointment set)."""
    return _move(
        referral=referral,
        by=by,
        action=Action.START,
        note=note,
        changes={"appointment_at": appointment_at},
    )


def referral_complete(*, referral: Referral, by: Actor, outcome: str, note: str = "") -> Referral:
    _check_choice("outcome", outcome, Outcome)
    return _move(
        referral=referral,
        by=by,
        action=Action.COMPLETE,
        note=note,
        reason_code=outcome,
        changes={"outcome": outcome},
    )


def referral_close(*, referral: Referral, by: Actor, reason: str, note: str = "") -> Referral:
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
    *, referral: Referral, by: Actor, reason: str = CancelReason.OTHER, note: str = ""
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


def provider_link_revoke(*, referral: Referral, by: Actor) -> Referral:
    """The sending side stops every provider link of ``referral`` at once (a link mailed to the
    wrong address); the provider's staff keep their accounts' access."""
    if Side.SENDER not in access.sides_for(by, referral):
        raise NotAllowed()
    if referral.link_revoked_at is None:
        referral.link_revoked_at = timezone.now()
        referral.save(update_fields=["link_revoked_at", "updated_at"])
    return referral


def referral_act(
    *,
    referral: Referral,
    by: Actor,
    action: str,
    reason: str = "",
    outcome: str = "",
    channel: str = "",
    appointment_at: datetime | None = None,
    note: str = "",
) -> Referral:
    """One entry for screens and the API that take the action as data (e.g. a provider link
    form or ``POST /api/referrals/{code}/actions``): ``state.MOVE_SERVICES`` names the service.

    Each service gets the arguments it declares; an empty optional one takes the service's
    default (a cancel without a reason is "other").
    """
    name = MOVE_SERVICES.get(action)
    if name is None:
        raise ValidationError({"action": _("操作が正しくありません。")})
    move = globals()[name]
    parameters = inspect.signature(move).parameters
    given: dict[str, Any] = {
        "reason": reason,
        "outcome": outcome,
        "channel": channel,
        "appointment_at": appointment_at,
    }
    arguments = {
        key: value
        for key, value in given.items()
        if key in parameters and (value or parameters[key].default is inspect.Parameter.empty)
    }
    return move(referral=referral, by=by, note=note, **arguments)


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
    by: Actor,
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
            actor=account_of(by),  # None for a provider link
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
