"""The referral state machine, as one table of data (PRODUCT.md, "The referral and consent rules").

draft → sent → accepted | declined → in progress → completed | closed unsuccessful;
the sender may cancel until it is completed. Every service in ``referrals.services`` looks its
move up here, and the tests walk every (status, action) pair against this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from referrals.choices import Action, Status


class Side(StrEnum):
    SENDER = "sender"  # the referring agency's workers (支援員)
    PROVIDER = "provider"  # the receiving organization's staff, or its signed link
    SYSTEM = "system"  # scheduled jobs; no transition is theirs today (reminders move nothing)


@dataclass(frozen=True)
class Transition:
    source: Status
    action: Action
    target: Status
    side: Side


TRANSITIONS: tuple[Transition, ...] = (
    Transition(Status.DRAFT, Action.SEND, Status.SENT, Side.SENDER),
    Transition(Status.DRAFT, Action.LOG_EXTERNAL, Status.SENT, Side.SENDER),
    Transition(Status.SENT, Action.ACCEPT, Status.ACCEPTED, Side.PROVIDER),
    Transition(Status.SENT, Action.DECLINE, Status.DECLINED, Side.PROVIDER),
    Transition(Status.ACCEPTED, Action.START, Status.IN_PROGRESS, Side.PROVIDER),
    # Accepted but the person never came or could not be reached.
    Transition(Status.ACCEPTED, Action.CLOSE, Status.CLOSED, Side.PROVIDER),
    Transition(Status.IN_PROGRESS, Action.COMPLETE, Status.COMPLETED, Side.PROVIDER),
    Transition(Status.IN_PROGRESS, Action.CLOSE, Status.CLOSED, Side.PROVIDER),
    Transition(Status.DRAFT, Action.CANCEL, Status.CANCELLED, Side.SENDER),
    Transition(Status.SENT, Action.CANCEL, Status.CANCELLED, Side.SENDER),
    Transition(Status.ACCEPTED, Action.CANCEL, Status.CANCELLED, Side.SENDER),
    Transition(Status.IN_PROGRESS, Action.CANCEL, Status.CANCELLED, Side.SENDER),
)

# ``referrals.services.referral_act``'s table: the named service (in ``referrals.services``) that
# makes each action. A test asserts it names every action of ``TRANSITIONS`` and nothing else.
MOVE_SERVICES: dict[str, str] = {
    Action.SEND: "referral_send",
    Action.LOG_EXTERNAL: "referral_mark_logged",
    Action.ACCEPT: "referral_accept",
    Action.DECLINE: "referral_decline",
    Action.START: "referral_start",
    Action.COMPLETE: "referral_complete",
    Action.CLOSE: "referral_close",
    Action.CANCEL: "referral_cancel",
}

_BY_KEY: dict[tuple[str, str], Transition] = {(t.source, t.action): t for t in TRANSITIONS}
assert len(_BY_KEY) == len(TRANSITIONS), "one move per (status, action)"

TERMINAL: frozenset[Status] = frozenset(
    {Status.DECLINED, Status.COMPLETED, Status.CLOSED, Status.CANCELLED}
)


class ReferralError(Exception):
    """A referral could not be changed; ``str()`` is a message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidTransition(ReferralError):
    def __init__(self, *, status: str, action: str, message: str | None = None) -> None:
        self.status = status
        self.action = action
        if message is None:
            message = str(
                _("「%(status)s」の紹介は「%(action)s」ことができません。")
                % {"status": Status(status).label, "action": Action(action).label}
            )
        super().__init__(message)


class ReferralConflict(InvalidTransition):
    """Someone else changed the referral first (two staff acting at once)."""

    def __init__(self, *, status: str, action: str) -> None:
        message = str(
            _(
                "この紹介は先に他の方が対応しました（現在の状態: 「%(status)s」）。"
                "画面を更新して確かめてください。"
            )
            % {"status": Status(status).label}
        )
        super().__init__(status=status, action=action, message=message)


class NotAllowed(ReferralError):
    """The actor is not on the side that may make this move (or not a member at all)."""

    def __init__(self, *, action: str | None = None) -> None:
        if action is None:
            message = str(_("この操作をする権限がありません。"))
        else:
            message = str(
                _("この紹介を「%(action)s」権限がありません。") % {"action": Action(action).label}
            )
        super().__init__(message)


def transition_for(status: str, action: str) -> Transition:
    """The move for ``action`` from ``status``, or ``InvalidTransition``."""
    try:
        return _BY_KEY[(status, action)]
    except KeyError:
        raise InvalidTransition(status=status, action=action) from None


def actions_from(status: str, sides: frozenset[Side] | set[Side] | None = None) -> list[Action]:
    """The actions open from ``status`` (for ``sides``, if given), in table order."""
    return [
        t.action for t in TRANSITIONS if t.source == status and (sides is None or t.side in sides)
    ]
