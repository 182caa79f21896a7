"""Referring to a paused or wait-listed service: the form shows 受付状況 and asks to confirm."""

from __future__ import annotations

import pytest
from django.urls import reverse

from referrals.models import Referral
from tests.otp import login_verified
from tests.referrals.test_views_referrals import refer_data

pytestmark = pytest.mark.django_db

NOTE = "1か月ほどお待ちいただいています"


@pytest.fixture
def waitlisted(world):
    world.service.availability = "waitlist"
    world.service.capacity_note = NOTE
    world.service.save(update_fields=["availability", "capacity_note"])
    return world


def _new_url(world):
    return reverse("referrals:new") + f"?service={world.service.hsds_id}"


def test_form_shows_the_availability_and_the_note_of_a_waitlisted_service(waitlisted, client):
    login_verified(client, waitlisted.worker)
    page = client.get(_new_url(waitlisted)).content.decode()
    assert "順番待ち" in page and NOTE in page
    assert 'name="availability_confirmed"' in page


def test_form_for_an_accepting_service_asks_no_confirmation(world, client):
    login_verified(client, world.worker)
    page = client.get(_new_url(world)).content.decode()
    assert "受付中" in page
    assert 'name="availability_confirmed"' not in page


def test_sending_to_a_waitlisted_service_without_confirming_is_refused(waitlisted, client):
    login_verified(client, waitlisted.worker)
    response = client.post(_new_url(waitlisted), refer_data(waitlisted))
    assert response.status_code == 400
    assert "受付状況のメモを読んでから" in response.content.decode()
    assert not Referral.objects.exists()


def test_sending_to_a_waitlisted_service_after_confirming_creates_the_referral(waitlisted, client):
    login_verified(client, waitlisted.worker)
    response = client.post(
        _new_url(waitlisted), refer_data(waitlisted, availability_confirmed="on")
    )
    assert response.status_code == 302
    assert Referral.objects.count() == 1


def test_an_urgent_referral_to_a_paused_service_warns_about_the_urgency(world, client):
    world.service.availability = "paused"
    world.service.save(update_fields=["availability"])
    login_verified(client, world.worker)
    response = client.post(_new_url(world), refer_data(world, urgency="urgent"))
    assert response.status_code == 400
    assert "至急の紹介ですが" in response.content.decode()


def test_a_draft_to_a_waitlisted_service_needs_no_confirmation(waitlisted, client):
    login_verified(client, waitlisted.worker)
    response = client.post(_new_url(waitlisted), refer_data(waitlisted, submit="draft"))
    assert response.status_code == 302
