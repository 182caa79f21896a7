"""「情報の誤りを報告」: no account, honeypot, rate limit per IP, mail to provider and coordinator."""

import pytest
from django.core import mail

from directory.models import ErrorReport
from tests.otp import login_verified

pytestmark = pytest.mark.django_db


def url(service) -> str:
    return f"/providers/report/{service.hsds_id}/"


def test_every_service_page_links_to_the_form(world, client):
    assert url(world.service) in client.get(world.service.url).content.decode()


def test_a_report_reaches_the_provider_and_the_coordinator(
    world, client, django_capture_on_commit_callbacks
):
    assert client.get(url(world.service)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(world.service),
            {"problem": "hours", "message": "土曜日は休みになりました", "contact": ""},
        )
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert (report.service_id, report.problem, report.status) == (world.service.pk, "hours", "new")
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["coordinator@example.jp", "staff@example.jp"]
    assert all("土曜日は休みになりました" in m.body for m in mail.outbox)

    login_verified(client, world.coordinator)
    listing = client.get("/admin/listings/reports/").content.decode()
    assert "土曜日は休みになりました" in listing
    client.post(f"/admin/listings/reports/{report.pk}/", {"status": "done"})
    report.refresh_from_db()
    assert report.status == "done" and report.handled_by == world.coordinator


def test_the_honeypot_drops_spam_quietly(world, client):
    response = client.post(
        url(world.service), {"problem": "other", "message": "buy", "homepage": "http://spam"}
    )
    assert response.status_code == 302  # looks accepted to the bot
    assert not ErrorReport.objects.exists()


def test_five_reports_an_hour_per_address(world, client):
    for n in range(5):
        response = client.post(url(world.service), {"problem": "other", "message": f"{n}"})
        assert response.status_code == 302
    response = client.post(url(world.service), {"problem": "other", "message": "6"})
    assert response.status_code == 429
    assert "しばらくしてから" in response.content.decode()
    assert ErrorReport.objects.count() == 5
    # Another address is not affected.
    other = client.post(
        url(world.service), {"problem": "other", "message": "7"}, REMOTE_ADDR="192.0.2.9"
    )
    assert other.status_code == 302


def test_a_problem_must_be_chosen(world, client):
    response = client.post(url(world.service), {"message": "?"})
    assert response.status_code == 200
    assert not ErrorReport.objects.exists()


def test_unpublished_services_have_no_form(world, client):
    world.other_service.unpublish()
    assert client.get(url(world.other_service)).status_code == 404
