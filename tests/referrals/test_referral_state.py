"""The state table, exhaustively: every status × action is allowed (table) or refused."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referrals import services
from referrals.choices import (
    Action,
    CancelReason,
    CloseReason,
    DeclineReason,
    ExternalChannel,
    Outcome,
    Status,
)
from referrals.models import ReferralEvent
from referrals.state import (
    TERMINAL,
    TRANSITIONS,
    InvalidTransition,
    NotAllowed,
    Side,
    actions_from,
    transition_for,
)

pytestmark = pytest.mark.django_db

# How to reach each status from a fresh draft.
PATHS: dict[str, list[tuple[str, str]]] = {
    Status.DRAFT: [],
    Status.SENT: [(Action.SEND, Side.SENDER)],
    Status.ACCEPTED: [(Action.SEND, Side.SENDER), (Action.ACCEPT, Side.PROVIDER)],
    Status.DECLINED: [(Action.SEND, Side.SENDER), (Action.DECLINE, Side.PROVIDER)],
    Status.IN_PROGRESS: [
        (Action.SEND, Side.SENDER),
        (Action.ACCEPT, Side.PROVIDER),
        (Action.START, Side.PROVIDER),
    ],
    Status.COMPLETED: [
        (Action.SEND, Side.SENDER),
        (Action.ACCEPT, Side.PROVIDER),
        (Action.START, Side.PROVIDER),
        (Action.COMPLETE, Side.PROVIDER),
    ],
    Status.CLOSED: [
        (Action.SEND, Side.SENDER),
        (Action.ACCEPT, Side.PROVIDER),
        (Action.CLOSE, Side.PROVIDER),
    ],
    Status.CANCELLED: [(Action.CANCEL, Side.SENDER)],
}


def act(world, referral, action, side):
    by = world.worker if side == Side.SENDER else world.provider_staff
    reason = {
        Action.DECLINE: DeclineReason.NO_CAPACITY,
        Action.CLOSE: CloseReason.COULD_NOT_CONTACT,
        Action.CANCEL: CancelReason.CLIENT_WITHDREW,
    }.get(action, "")
    return services.referral_act(
        referral=referral,
        by=by,
        action=action,
        reason=reason,
        outcome=Outcome.NEED_MET,
        channel=ExternalChannel.PHONE,
    )


def referral_in(world, status):
    referral = world.draft()
    for action, side in PATHS[status]:
        act(world, referral, action, side)
    assert referral.status == status
    return referral


def test_table_is_complete_and_consistent():
    assert set(PATHS) == set(Status.values)
    for t in TRANSITIONS:
        assert t.source not in TERMINAL
    for status in TERMINAL:
        assert actions_from(status) == []
    # Everything that is not terminal can be cancelled by the sender.
    for status in set(Status.values) - TERMINAL:
        assert transition_for(status, Action.CANCEL).side == Side.SENDER
    assert transition_for(Status.SENT, Action.ACCEPT).target == Status.ACCEPTED


def test_every_status_and_action(world):
    for status in Status.values:
        for action in Action.values:
            check_pair(world, status, action)


def check_pair(world, status, action):
    context = f"{status} × {action}"
    move = next((t for t in TRANSITIONS if t.source == status and t.action == action), None)
    if move is None:
        for side in (Side.SENDER, Side.PROVIDER):
            referral = referral_in(world, status)
            with pytest.raises(InvalidTransition) as excinfo:
                act(world, referral, action, side)
            assert "できません" in str(excinfo.value), context
            referral.refresh_from_db()
            assert referral.status == status, context
        return
    wrong = Side.PROVIDER if move.side == Side.SENDER else Side.SENDER
    referral = referral_in(world, status)
    events_before = ReferralEvent.objects.filter(referral=referral).count()
    with pytest.raises(NotAllowed):
        act(world, referral, action, wrong)
    assert ReferralEvent.objects.filter(referral=referral).count() == events_before, context
    act(world, referral, action, move.side)
    referral.refresh_from_db()
    assert referral.status == move.target, context
    last = ReferralEvent.objects.filter(referral=referral).last()
    assert (last.from_status, last.action, last.to_status) == (status, action, move.target)


def test_invalid_transition_message_is_japanese(world):
    referral = referral_in(world, Status.COMPLETED)
    with pytest.raises(InvalidTransition) as excinfo:
        services.referral_accept(referral=referral, by=world.provider_staff)
    assert str(excinfo.value) == "「完了」の紹介は「受け入れる」ことができません。"


def test_provider_cannot_act_on_a_draft(world):
    referral = world.draft()
    with pytest.raises((NotAllowed, InvalidTransition)):
        services.referral_accept(referral=referral, by=world.provider_staff)


STEPS = st.lists(
    st.tuples(st.sampled_from(Action.values), st.sampled_from([Side.SENDER, Side.PROVIDER])),
    max_size=8,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_random_action_sequences_follow_the_table(world, steps):
    referral = world.draft()
    expected = Status.DRAFT
    for action, side in steps:
        move = next((t for t in TRANSITIONS if t.source == expected and t.action == action), None)
        if move is not None and move.side == side:
            act(world, referral, action, side)
            expected = move.target
        else:
            with pytest.raises((InvalidTransition, NotAllowed)):
                act(world, referral, action, side)
        referral.refresh_from_db()
        assert referral.status == expected
        assert referral.status in Status.values

    events = list(ReferralEvent.objects.filter(referral=referral).order_by("at", "pk"))
    status = Status.DRAFT
    for event in events:
        assert event.from_status == status
        move = transition_for(event.from_status, event.action)
        assert event.to_status == move.target
        status = event.to_status
    assert status == referral.status
    # Timestamps follow the chain.
    if referral.status != Status.DRAFT and not (
        referral.status == Status.CANCELLED and len(events) == 1
    ):
        assert referral.sent_at is not None
    assert (referral.finished_at is not None) == (referral.status in TERMINAL)


def test_referral_act_has_a_service_for_every_action_of_the_table():
    from referrals.state import MOVE_SERVICES, TRANSITIONS

    assert set(MOVE_SERVICES) == {t.action for t in TRANSITIONS}
    for name in MOVE_SERVICES.values():
        assert callable(getattr(services, name)), name
