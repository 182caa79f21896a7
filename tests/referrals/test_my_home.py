"""「わたしの仕事」 (/my/): what a worker and a provider see when they sign in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from directory.choices import Availability
from referrals import services
from referrals.models import AccessLog, Referral
from referrals.selectors import provider_counts, worker_counts
from search.models import SavedSearch
from search.saved import LAST_PLACE_SESSION_KEY
from tests.otp import login_verified

pytestmark = pytest.mark.django_db


def _my(client, user):
    login_verified(client, user)
    return client.get(reverse("my"))


def test_worker_counts_drafts_awaiting_and_overdue(world):
    consent = world.consent()
    world.draft(consent=consent)
    world.sent(consent=consent)
    late = world.sent(consent=consent)
    Referral.objects.filter(pk=late.pk).update(sent_at=timezone.now() - timedelta(days=30))

    counts = worker_counts(user=world.worker)

    assert (counts.drafts, counts.awaiting_reply, counts.overdue) == (1, 2, 1)


def test_worker_counts_leave_out_colleagues_referrals(world):
    world.sent(consent=world.consent())

    assert worker_counts(user=world.lead).awaiting_reply == 0


def test_provider_counts_new_overdue_and_in_progress(world):
    consent = world.consent()
    world.sent(consent=consent)
    accepted = world.sent(consent=consent)
    services.referral_accept(referral=accepted, by=world.provider_staff)
    late = world.sent(consent=consent)
    Referral.objects.filter(pk=late.pk).update(sent_at=timezone.now() - timedelta(days=30))

    counts = provider_counts(user=world.provider_staff)

    assert (counts.new, counts.overdue, counts.in_progress) == (2, 1, 1)


def test_provider_counts_leave_out_other_organizations(world):
    world.sent(consent=world.consent())

    assert provider_counts(user=world.other_staff).new == 0


def test_counts_take_one_query_each(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        worker_counts(user=world.worker)
    with django_assert_num_queries(1):
        provider_counts(user=world.provider_staff)


def test_worker_home_shows_the_counts_and_a_new_referral_button(world, client):
    world.sent(consent=world.consent())

    text = _my(client, world.worker).content.decode()

    assert 'data-count="awaiting">1<' in text
    assert reverse("search:search") in text


def test_worker_home_lists_recent_clients_through_the_access_log(world, client):
    before = AccessLog.objects.filter(client=world.client).count()

    response = _my(client, world.worker)

    assert reverse("referrals:client", kwargs={"client_id": world.client.pk}) in (
        response.content.decode()
    )
    assert AccessLog.objects.filter(client=world.client).count() == before + 1


def test_worker_home_fills_the_search_box_with_the_last_place(world, client):
    login_verified(client, world.worker)
    session = client.session
    session[LAST_PLACE_SESSION_KEY] = "池袋駅"
    session.save()

    text = client.get(reverse("my")).content.decode()

    assert 'value="池袋駅"' in text


def test_worker_home_lists_saved_searches_as_links(world, client):
    SavedSearch.objects.create(user=world.worker, name="池袋の食料", query="q=食料&near=池袋駅")

    text = _my(client, world.worker).content.decode()

    assert "池袋の食料" in text
    assert "/search/?q=食料&amp;near=池袋駅" in text


def test_provider_home_shows_the_inbox_summary(world, client):
    world.sent(consent=world.consent())

    text = _my(client, world.provider_staff).content.decode()

    assert 'data-count="new">1<' in text
    assert reverse("referrals:inbox") + "?tab=new" in text


def test_provider_home_offers_the_availability_switch(world, client):
    text = _my(client, world.provider_staff).content.decode()

    assert reverse("providers:availability", args=[world.service.pk]) in text


def test_the_availability_switch_returns_to_the_home(world, client):
    login_verified(client, world.provider_staff)

    response = client.post(
        reverse("providers:availability", args=[world.service.pk]),
        {"availability": Availability.choices[-1][0], "next": reverse("my")},
    )

    assert response["Location"] == reverse("my")


def test_the_availability_switch_never_returns_off_site(world, client):
    login_verified(client, world.provider_staff)

    response = client.post(
        reverse("providers:availability", args=[world.service.pk]),
        {"availability": Availability.choices[-1][0], "next": "https://evil.example/"},
    )

    assert response["Location"].startswith(reverse("providers:dashboard"))


def test_provider_home_lists_listings_due_for_confirmation(world, client):
    world.service.assured_date = timezone.localdate() - timedelta(days=400)
    world.service.save_revision().publish()

    text = _my(client, world.provider_staff).content.decode()

    assert f"#service-{world.service.pk}" in text


def test_provider_home_shows_no_client_names(world, client):
    world.sent(consent=world.consent())

    text = _my(client, world.provider_staff).content.decode()

    assert "最近の相談者" not in text


@pytest.mark.parametrize("user", ["worker", "provider_staff"])
def test_home_query_count_does_not_grow(world, client, django_assert_max_num_queries, user):
    consent = world.consent()
    for _ in range(8):
        world.sent(consent=consent)
    login_verified(client, getattr(world, user))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("my"))
    assert response.status_code == 200


def test_home_is_not_stored_by_browsers(world, client):
    response = _my(client, world.worker)

    assert "no-store" in response["Cache-Control"]


def test_home_needs_sign_in(client):
    response = client.get(reverse("my"))

    assert response.status_code == 302


def test_wagtail_dashboard_shows_the_provider_counts_with_links(world, client):
    world.provider_staff.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    world.sent(consent=world.consent())
    login_verified(client, world.provider_staff)

    text = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'data-count="new">1<' in text
    assert reverse("my") in text
