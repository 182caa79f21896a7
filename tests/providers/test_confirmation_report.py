"""The coordinators' report of listings by age of confirmation, with one-click reminders."""

from datetime import date

import pytest
from django.core import mail

from directory.models import ListingReminder, ServicePage
from directory.providers.reminders import listing_reminders_send
from tests.otp import login_verified

pytestmark = pytest.mark.django_db


def set_confirmed(service, day):
    ServicePage.objects.filter(pk=service.pk).update(assured_date=day)


def test_report_by_age_lists_the_longest_unconfirmed_first(world, client, clock):
    set_confirmed(world.service, date(2026, 3, 1))
    set_confirmed(world.other_service, date(2025, 12, 1))
    clock.set(2026, 11, 2)
    login_verified(client, world.coordinator)
    report = client.get("/admin/listings/stale/?order=age").content.decode()
    assert report.index(world.other_service.title) < report.index(world.service.title)


def test_one_click_reminder_emails_the_provider_once_for_the_period(
    world, client, clock, django_capture_on_commit_callbacks
):
    set_confirmed(world.service, date(2026, 1, 1))
    clock.set(2026, 11, 2)
    login_verified(client, world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/listings/stale/{world.service.pk}/remind/")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["staff@example.jp"]]
    assert ListingReminder.objects.filter(
        service=world.service, kind=ListingReminder.Kind.REMINDER
    ).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        listing_reminders_send()
    assert not any(world.service.title in m.body for m in mail.outbox)


def test_one_click_reminder_is_for_coordinators_only(world, client):
    client.force_login(world.staff)
    response = client.post(f"/admin/listings/stale/{world.service.pk}/remind/")
    assert response.status_code in (302, 403)
    assert not mail.outbox
