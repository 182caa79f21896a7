"""Time the dashboard: first paint (the HTML of /dashboard/: the headline counts), the panels
it then fetches (/dashboard/panels/: the other figures, tables, charts) and every export.

``--referrals N`` first writes N demo referrals (load_demo_data must have run). A benchmark,
not a test: targets are first paint <= 1 s and each export <= 5 s at 100,000 referrals
(p50/p95 of ``--runs`` after a warm-up).
"""

from __future__ import annotations

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.test import Client
from django.test.utils import override_settings

from accounts.client_login import client_login_verified
from dashboard.demo import demo_referrals_bulk
from referrals.models import Referral

PAGES = {
    "first paint /dashboard/": "/dashboard/",
    "first paint 豊島区・住まい": "/dashboard/?municipality=131164&category=housing",
    "panels /dashboard/panels/": "/dashboard/panels/",
    "panels 豊島区・住まい": "/dashboard/panels/?municipality=131164&category=housing",
    "gaps /dashboard/gaps/": "/dashboard/gaps/",
    "report /dashboard/report/": "/dashboard/report/?month=2026-10",
    "export index csv": "/dashboard/?format=csv",
    "export index xlsx": "/dashboard/?format=xlsx",
    "export gaps csv": "/dashboard/gaps/?format=csv",
    "export gaps xlsx": "/dashboard/gaps/?format=xlsx",
    "export report xlsx": "/dashboard/report/?month=2026-10&format=xlsx",
}


def _signed_in(user) -> Client:
    """A test client signed in past two-factor sign-in (every dashboard role requires it)."""
    client = Client()
    client_login_verified(client=client, user=user, device_name="benchmark")
    return client


class Command(BaseCommand):
    help = "Time the dashboard's first paint and exports (p50/p95)."

    def add_arguments(self, parser):
        parser.add_argument("--referrals", type=int, default=None)
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, referrals, runs, **options):
        if referrals:
            with override_settings(DEBUG=False):
                demo_referrals_bulk(count=referrals)
        self.stdout.write(f"referrals in the database: {Referral.objects.count()}")
        user, _ = get_user_model().objects.get_or_create(
            username="benchmark-dashboard", defaults={"is_superuser": True, "is_staff": True}
        )
        client = _signed_in(user)
        with override_settings(DEBUG=False):
            for label, url in PAGES.items():
                client.get(url)  # warm-up (caches, first connection)
                times = []
                for _ in range(runs):
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - started)
                    assert response.status_code == 200, (url, response.status_code)
                times.sort()
                p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                self.stdout.write(
                    f"{label:32} p50 {statistics.median(times):6.2f} s   p95 {p95:6.2f} s"
                )
