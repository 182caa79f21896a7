"""Two staff accepting at once on PostgreSQL: the row lock lets exactly one win."""

from __future__ import annotations

import threading
import time
from unittest import mock

import pytest
from django.db import connection

from referrals import access, services
from referrals.choices import DeclineReason, Status
from referrals.models import Referral, ReferralEvent
from referrals.state import InvalidTransition
from tests.referrals.conftest import build_world
from tests.referrals.factories import ProviderMembershipFactory, UserFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_accept_and_decline_exactly_one_wins():
    world = build_world()
    second_staff = ProviderMembershipFactory(
        organization=world.provider_org, user=UserFactory(username="foodbank2")
    ).user
    referral = world.sent()
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}
    real_sides_for = access.sides_for

    def slow_sides_for(actor, locked):
        # Hold the row lock a moment so the other thread is sure to be waiting on it.
        time.sleep(0.3)
        return real_sides_for(actor, locked)

    def attempt(name, call):
        try:
            copy = Referral.objects.get(pk=referral.pk)  # both read "sent"
            barrier.wait(timeout=10)
            call(copy)
            results[name] = "won"
        except InvalidTransition as exc:
            results[name] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=attempt,
            args=(
                "accept",
                lambda r: services.referral_accept(referral=r, by=world.provider_staff),
            ),
        ),
        threading.Thread(
            target=attempt,
            args=(
                "decline",
                lambda r: services.referral_decline(
                    referral=r, by=second_staff, reason=DeclineReason.NO_CAPACITY
                ),
            ),
        ),
    ]
    with mock.patch.object(services.access, "sides_for", slow_sides_for):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    winners = [name for name, result in results.items() if result == "won"]
    losers = [result for result in results.values() if result != "won"]
    assert len(winners) == 1 and len(losers) == 1, results
    assert "先に他の方が対応しました" in str(losers[0])
    referral.refresh_from_db()
    assert referral.status == {"accept": Status.ACCEPTED, "decline": Status.DECLINED}[winners[0]]
    assert ReferralEvent.objects.filter(referral=referral).count() == 2  # send + the winner
