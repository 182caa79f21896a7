"""The list filters (django-filter): the same query parameters as the hand-written forms had."""

from __future__ import annotations

import uuid

import pytest

from referrals import access, selectors, services
from referrals.choices import Status
from referrals.filters import AccessLogFilter, InboxFilter, ReferralListFilter, filtered

pytestmark = pytest.mark.django_db


def my_referrals(user, **query):
    return set(filtered(ReferralListFilter(query or None, user=user, categories=[])))


def test_status_filters_my_referrals(world):
    draft, sent = world.draft(), world.sent()
    assert my_referrals(world.worker, status=Status.SENT) == {sent}
    assert my_referrals(world.worker) == {draft, sent}


def test_an_unknown_service_matches_nothing(world):
    world.sent()
    assert my_referrals(world.worker, service=str(uuid.uuid4())) == set()
    assert my_referrals(world.worker, service=str(world.service.hsds_id))


def test_any_invalid_value_filters_nothing(world):
    draft, sent = world.draft(), world.sent()
    assert my_referrals(world.worker, status=Status.SENT, category="nope") == {draft, sent}


def test_whole_agency_shows_colleagues_referrals(world):
    sent = world.sent()
    assert my_referrals(world.lead) == set()
    assert my_referrals(world.lead, whole_agency="on") == {sent}


def test_inbox_tab_picks_the_box_and_falls_back_to_new(world):
    sent = world.sent()
    accepted = services.referral_accept(referral=world.sent(), by=world.provider_staff)
    boxes = selectors.inbox_for(user=world.provider_staff)
    in_progress = InboxFilter({"tab": "in_progress"}, inbox=boxes)
    assert in_progress.chosen_tab == "in_progress" and set(filtered(in_progress)) == {accepted}
    unknown = InboxFilter({"tab": "elsewhere"}, inbox=boxes)
    assert unknown.chosen_tab == "new" and set(filtered(unknown)) == {sent}


def test_access_log_filters_by_client_and_ignores_bad_input(world):
    referral = world.sent(consent=world.consent())
    access.client_view_for(user=world.provider_staff, referral=referral, purpose="test")
    logs = selectors.access_log_list(user=world.coordinator)
    assert filtered(AccessLogFilter({"client_id": world.client.pk}, queryset=logs)).count() == 1
    assert filtered(AccessLogFilter({"client_id": world.client.pk + 1}, queryset=logs)).count() == 0
    bad = AccessLogFilter({"client_id": "abc", "since": "0001-01-01"}, queryset=logs)
    assert filtered(bad).count() == 1
