"""The reads the screens will use, and the coordinators' numbers."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from referrals import selectors, services
from referrals.choices import CloseReason, DeclineReason, Outcome, Status
from referrals.models import Referral
from tests.factories import ServicePageFactory, category
from tests.referrals.factories import ClientFactory

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


def with_category(world, code: str, org=None):
    service = ServicePageFactory(parent=org or world.provider_org)
    service.categories.set([category(code)])
    service.save()
    return service


def test_inbox_buckets(world):
    new = world.sent()
    accepted = world.sent()
    services.referral_accept(referral=accepted, by=world.provider_staff)
    started = world.sent()
    services.referral_accept(referral=started, by=world.provider_staff)
    services.referral_start(referral=started, by=world.provider_staff)
    world.draft()
    old = world.sent()
    Referral.objects.filter(pk=old.pk).update(sent_at=datetime(2026, 11, 2, 10, tzinfo=TOKYO))
    inbox = selectors.inbox_for(
        user=world.provider_staff, now=datetime(2026, 11, 26, 9, tzinfo=TOKYO)
    )
    assert set(inbox.new) == {new, old}
    assert set(inbox.in_progress) == {accepted, started}
    assert list(inbox.overdue) == [old]
    assert not selectors.inbox_for(user=world.other_staff).new.exists()


def test_referrals_sent_by_filters(world):
    food = with_category(world, "food-bank")
    housing = with_category(world, "housing-support")
    a = world.sent(service=food)
    b = world.sent(service=housing)
    services.referral_accept(referral=b, by=world.provider_staff)
    lead_referral = services.referral_create_draft(
        client=world.client, service=food, by=world.lead, need="x"
    )
    mine = selectors.referrals_sent_by(user=world.worker)
    assert set(mine) == {a, b}
    assert set(selectors.referrals_sent_by(user=world.worker, whole_agency=True)) == {
        a,
        b,
        lead_referral,
    }
    assert list(selectors.referrals_sent_by(user=world.worker, status=Status.ACCEPTED)) == [b]
    assert list(selectors.referrals_sent_by(user=world.worker, category="food")) == [a]
    assert list(selectors.referrals_sent_by(user=world.worker, category="housing-support")) == [b]
    assert list(selectors.referrals_sent_by(user=world.worker, service=housing)) == [b]
    assert set(selectors.referrals_sent_by(user=world.worker, overdue=False)) == {a, b}
    assert not selectors.referrals_sent_by(user=world.other_worker).exists()


def test_lists_do_not_query_per_row(world):
    for _i in range(5):
        world.sent()
    with CaptureQueriesContext(connection) as few:
        list(
            (r.code, r.service.title, r.organization.title, r.agency.name)
            for r in selectors.referrals_sent_by(user=world.worker)
        )
    for _i in range(5):
        world.sent()
    with CaptureQueriesContext(connection) as more:
        list(
            (r.code, r.service.title, r.organization.title, r.agency.name)
            for r in selectors.referrals_sent_by(user=world.worker)
        )
    assert len(few) == len(more) <= 3


def test_client_referrals_and_timeline(world):
    a = world.sent()
    b = world.sent(service=world.other_service)
    services.referral_decline(referral=b, by=world.other_staff, reason=DeclineReason.NO_CAPACITY)
    assert set(selectors.client_referrals(client=world.client)) == {a, b}
    timeline = list(selectors.referral_timeline(referral=b))
    assert [(e.from_status, e.to_status) for e in timeline] == [
        ("draft", "sent"),
        ("sent", "declined"),
    ]
    assert timeline[1].actor == world.other_staff


def test_statistics_for_coordinators(world):
    food = with_category(world, "food-bank")
    other_client = ClientFactory(agency=world.agency)
    # Client 1 → two providers; client 2 → one.
    r1 = world.sent(service=food)
    r2 = world.sent(service=world.other_service)
    r3 = world.sent(client=other_client, service=food)
    world.draft()  # drafts are not counted
    services.referral_accept(referral=r1, by=world.provider_staff)
    services.referral_start(referral=r1, by=world.provider_staff)
    services.referral_complete(referral=r1, by=world.provider_staff, outcome=Outcome.NEED_MET)
    services.referral_decline(referral=r2, by=world.other_staff, reason=DeclineReason.OTHER)
    services.referral_accept(referral=r3, by=world.provider_staff)
    services.referral_close(
        referral=r3, by=world.provider_staff, reason=CloseReason.COULD_NOT_CONTACT
    )
    base = datetime(2026, 11, 2, 9, tzinfo=TOKYO)
    for referral, hours in ((r1, 1), (r2, 3), (r3, 10)):
        Referral.objects.filter(pk=referral.pk).update(
            sent_at=base, first_response_at=base + timedelta(hours=hours)
        )

    stats = selectors.referral_statistics()
    assert stats.total == 3
    assert stats.by_status == {Status.COMPLETED: 1, Status.DECLINED: 1, Status.CLOSED: 1}
    assert stats.by_outcome == {Outcome.NEED_MET: 1}
    assert stats.by_category == {"food": {Status.COMPLETED: 1, Status.CLOSED: 1}}
    by_provider = {p.organization_id: p for p in stats.by_provider}
    assert by_provider[world.provider_org.pk].sent == 2
    assert by_provider[world.provider_org.pk].accepted == 2
    assert by_provider[world.provider_org.pk].completed == 1
    assert by_provider[world.other_org.pk].accepted == 0
    assert stats.median_first_response == timedelta(hours=3)
    assert stats.clients_referred == 2 and stats.clients_referred_to_two_or_more == 1
    assert stats.multi_provider_share == 0.5
    assert selectors.referral_statistics(municipality_code="131202").total == 0
