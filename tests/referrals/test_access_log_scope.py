"""Who reads which access-log rows (issue 13, item 7), and what else the log records (item 9):
inbox excerpts of the need, and denied probes without personal data."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from referrals import access, selectors
from referrals.choices import PlatformRoleKind
from referrals.models import AccessLog
from tests.otp import login_verified
from tests.referrals.factories import ClientFactory, PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

NERIMA = "131202"


@pytest.fixture
def nerima_coordinator(world):
    return PlatformRoleFactory(
        user=UserFactory(username="nerima_coordinator"), municipality_code=NERIMA
    ).user


@pytest.fixture
def logs(world):
    """One row for a 豊島区 client and one for a 練馬区 client."""
    nerima_client = ClientFactory(agency=world.other_agency, created_by=world.other_worker)
    access.client_record_for(user=world.worker, client_id=world.client.pk, purpose="t.toshima")
    access.client_record_for(
        user=world.other_worker, client_id=nerima_client.pk, purpose="t.nerima"
    )
    return nerima_client


def test_scoped_coordinator_reads_only_their_municipality_rows(world, logs, nerima_coordinator):
    rows = selectors.access_log_list(user=nerima_coordinator)
    assert set(rows.values_list("purpose", flat=True)) == {"t.nerima"}


def test_unscoped_coordinator_reads_every_row(world, logs):
    purposes = set(
        selectors.access_log_list(user=world.coordinator).values_list("purpose", flat=True)
    )
    assert {"t.toshima", "t.nerima"} <= purposes


def test_scoped_administrator_is_scoped_too(world, logs):
    admin = PlatformRoleFactory(
        user=UserFactory(username="nerima_admin"),
        role=PlatformRoleKind.ADMINISTRATOR,
        municipality_code=NERIMA,
    ).user
    rows = selectors.access_log_list(user=admin)
    assert set(rows.values_list("purpose", flat=True)) == {"t.nerima"}


def test_no_role_reads_no_row(world, logs):
    for user in (world.worker, world.provider_staff, world.anonymous):
        assert not selectors.access_log_list(user=user).exists()


def test_scoped_coordinator_page_and_csv_hide_other_wards(world, logs, nerima_coordinator, client):
    login_verified(client, nerima_coordinator)
    page = client.get(reverse("referrals:access_log")).content.decode()
    assert "t.nerima" in page and "t.toshima" not in page
    response = client.get(reverse("referrals:access_log") + "?format=csv")
    csv = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "t.nerima" in csv and "t.toshima" not in csv


def test_scoped_coordinator_cannot_widen_by_filtering_on_another_client(
    world, logs, nerima_coordinator, client
):
    login_verified(client, nerima_coordinator)
    url = reverse("referrals:access_log") + f"?format=csv&client_id={world.client.pk}"
    csv = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    assert "t.toshima" not in csv


def test_inbox_logs_one_need_read_per_referral_shown(world, client):
    referral = world.sent()
    login_verified(client, world.provider_staff)
    assert client.get(reverse("referrals:inbox")).status_code == 200
    log = AccessLog.objects.get(purpose="provider.inbox", referral=referral)
    assert log.user == world.provider_staff and log.fields == [access.NEED_FIELD]
    assert log.client_id == referral.client_id


def test_a_denied_probe_is_logged_without_personal_data(world):
    referral = world.sent()
    with pytest.raises(Http404):
        access.referral_get_for_user(user=world.other_staff, code=referral.code, purpose="t.probe")
    log = AccessLog.objects.get(purpose="t.probe")
    assert log.denied and log.user == world.other_staff
    assert log.client is None and log.fields == [] and log.referral == referral


def test_a_probe_for_a_code_that_does_not_exist_is_logged(world):
    with pytest.raises(Http404):
        access.referral_get_for_user(user=world.worker, code="TSN-0000-00", purpose="t.none")
    assert AccessLog.objects.get(purpose="t.none").referral is None


def test_a_client_probe_is_logged(world):
    with pytest.raises(Http404):
        access.client_get_for_user(user=world.other_worker, client_id=world.client.pk)
    assert AccessLog.objects.filter(user=world.other_worker, denied=True).exists()


def test_denied_probe_rows_follow_the_referral_agency_scope(world, nerima_coordinator):
    referral = world.sent()  # from the 豊島区 agency
    with pytest.raises(Http404):
        access.referral_get_for_user(user=world.other_worker, code=referral.code, purpose="t.p")
    assert not selectors.access_log_list(user=nerima_coordinator).filter(purpose="t.p").exists()
    assert selectors.access_log_list(user=world.coordinator).filter(purpose="t.p").exists()
