"""Retention: personal data goes, statistics stay."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from referrals import access, selectors, services
from referrals.access import Withheld
from referrals.choices import DeclineReason, Outcome, Status
from referrals.models import Client, Referral, ReferralEvent
from tests.referrals.factories import ClientFactory

pytestmark = pytest.mark.django_db


def age(client: Client, days: int) -> None:
    past = timezone.now() - timedelta(days=days)
    Client.objects.filter(pk=client.pk).update(created_at=past)
    Referral.objects.filter(client=client, finished_at__isnull=False).update(finished_at=past)


def test_anonymise_keeps_statistics_and_removes_personal_fields(world):
    done = world.sent(consent=world.consent())
    services.referral_accept(referral=done, by=world.provider_staff, note="花子さんと面談")
    services.referral_start(referral=done, by=world.provider_staff)
    services.referral_complete(referral=done, by=world.provider_staff, outcome=Outcome.NEED_MET)
    declined = world.sent(service=world.other_service)
    services.referral_decline(
        referral=declined, by=world.other_staff, reason=DeclineReason.NO_CAPACITY
    )
    age(world.client, 400)

    still_open = ClientFactory(agency=world.agency, name="開いている 太郎")
    open_referral = world.sent(client=still_open)
    age(still_open, 400)
    recent = ClientFactory(agency=world.agency, name="最近 次郎")
    recent_referral = world.sent(client=recent)
    services.referral_cancel(referral=recent_referral, by=world.worker)

    stats_before = selectors.referral_statistics()
    out = StringIO()
    call_command("anonymise_closed_referrals", "--older-than", "365", stdout=out)
    assert "anonymised clients: 1" in out.getvalue()

    client = Client.objects.get(pk=world.client.pk)
    assert client.anonymised_at is not None
    assert (client.name, client.phone, client.email, client.needs_summary) == ("", "", "", "")
    assert client.date_of_birth is None and client.languages == []
    assert client.municipality_code == "131164"
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone FROM referrals_client WHERE id = %s", [client.pk])
        assert cursor.fetchone() == ("", "")

    done.refresh_from_db()
    assert done.status == Status.COMPLETED and done.outcome == Outcome.NEED_MET
    assert done.sent_at and done.first_response_at and done.completed_at
    assert done.need == ""
    assert [e.note for e in ReferralEvent.objects.filter(referral=done)] == ["", "", "", ""]
    assert selectors.referral_statistics() == stats_before

    view = access.client_view_for(user=world.worker, referral=done, purpose="t")
    assert view.fields == {} and view.withheld == Withheld.ANONYMISED

    # Open or recently closed: untouched.
    assert Client.objects.get(pk=still_open.pk).name == "開いている 太郎"
    assert Client.objects.get(pk=recent.pk).name == "最近 次郎"
    assert Referral.objects.get(pk=open_referral.pk).need


def test_anonymise_is_idempotent(world):
    referral = world.sent()
    services.referral_cancel(referral=referral, by=world.worker)
    age(world.client, 40)
    assert services.clients_anonymise(older_than=timedelta(days=30)) == [world.client.pk]
    assert services.clients_anonymise(older_than=timedelta(days=30)) == []
