"""The referral screens, continued: refer links by role, query counts of the list screens,
several services at once.

Same world and helpers as ``test_views_referrals``.
"""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from referrals import services
from referrals.models import Referral
from tests.referrals.test_views_referrals import detail_url, login, refer_data

pytestmark = pytest.mark.django_db


def test_refer_links_are_shown_to_workers_only(world, client):
    login(client, world.worker)
    assert "この支援へ紹介する" in client.get(world.service.url).content.decode()
    login(client, world.provider_staff)
    assert "この支援へ紹介する" not in client.get(world.service.url).content.decode()
    client.logout()
    assert "この支援へ紹介する" not in client.get(world.service.url).content.decode()

    class Hit:
        hsds_id = world.service.hsds_id
        url = world.service.url
        name = world.service.title
        organization = "としまフードバンク"
        open_now = None
        distance_km = None
        location_name = ""
        snippet = ""

    request = RequestFactory().get("/search/")
    request.user = world.worker
    html = render_to_string("search/includes/hit.html", {"hit": Hit, "request": request})
    assert f"/referrals/new/?service={world.service.hsds_id}" in html
    request = RequestFactory().get("/search/")
    request.user = world.provider_staff
    html = render_to_string("search/includes/hit.html", {"hit": Hit, "request": request})
    assert "/referrals/new/" not in html


# ---------------------------------------------------------------------------------------------
# No N+1 on the list screens


def _many(world, n):
    consent = world.consent()
    made = [world.sent(consent=consent) for _ in range(n)]
    for referral in made[: n // 2]:
        services.referral_accept(referral=referral, by=world.provider_staff)
    return made


# Every signed-in request reads the two-factor device or the two-factor rule (accounts, 1 query),
# and once a minute renews the session (the idle sign-out, accounts.SessionRenewalMiddleware: an
# UPDATE inside a savepoint, 3 queries, as on the first request here): 4 queries of each limit.
@pytest.mark.parametrize(
    ("user", "url", "limit"),
    [
        ("worker", "/referrals/", 16),
        ("worker", "/referrals/?status=sent&overdue=on&category=food&whole_agency=on", 16),
        ("provider_staff", "/referrals/inbox/", 19),  # + one access-log insert: the needs shown
        ("provider_staff", "/referrals/inbox/?tab=in_progress", 19),
        ("provider_staff", "/referrals/notifications/", 16),
        ("worker", "client", 20),
        ("coordinator", "/referrals/access-log/", 16),
        ("coordinator", "/dashboard/", 44),
        ("worker", "/api/v1/referrals", 10),
        ("provider_staff", "/api/v1/referrals?box=received", 10),
    ],
)
def test_list_screens_query_count_does_not_grow(
    world, client, django_assert_max_num_queries, user, url, limit
):
    made = _many(world, 12)
    login(client, world.provider_staff)
    for referral in made[:6]:
        client.get(detail_url(referral))  # access-log rows to list
    login(client, getattr(world, user))
    if url == "client":
        url = reverse("referrals:client", kwargs={"client_id": world.client.pk})
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200


def test_refer_to_two_services_makes_one_referral_each_with_one_consent(world, client):
    login(client, world.worker)
    data = refer_data(world, organizations=[str(world.provider_org.pk), str(world.other_org.pk)])
    data["service"] = [str(world.service.hsds_id), str(world.other_service.hsds_id)]

    response = client.post(reverse("referrals:new"), data)

    first = Referral.objects.get(idempotency_key=data["idempotency_key"])
    made = Referral.objects.filter(client=first.client)
    assert response.status_code == 302
    assert {r.service_id for r in made} == {world.service.pk, world.other_service.pk}
    assert len({r.consent_id for r in made}) == 1


def test_refer_page_lists_every_chosen_service(world, client):
    login(client, world.worker)
    url = reverse("referrals:new")

    page = client.get(
        f"{url}?service={world.service.hsds_id}&service={world.other_service.hsds_id}"
    ).content.decode()

    assert world.service.title in page and world.other_service.title in page
    assert f'value="{world.other_org.pk}"' in page
