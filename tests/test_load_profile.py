"""The load test's requests (scripts/load/mix.py): the issue's shares, and a second factor
that the site accepts. The locustfile itself imports locust (gevent), so it is not run here."""

from __future__ import annotations

import base64
import importlib.util
import random
import time
from pathlib import Path

import pytest
from django.urls import resolve
from django_otp.oath import TOTP

from accounts.management.commands.otp_demo_device import DEMO_KEY_HEX

ROOT = Path(__file__).resolve().parent.parent


def _mix():
    spec = importlib.util.spec_from_file_location("mix", ROOT / "scripts" / "load" / "mix.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mix = _mix()


def test_request_shares_are_70_20_10():
    weights = (mix.SEARCH_WEIGHT, mix.SERVICE_PAGE_WEIGHT, mix.SIGNED_IN_WEIGHT)
    assert [w / sum(weights) for w in weights] == [0.7, 0.2, 0.1]


def test_demo_second_factor_matches_the_sites_totp():
    key = base64.b32encode(bytes.fromhex(DEMO_KEY_HEX)).decode()
    at = time.time()
    site = TOTP(bytes.fromhex(DEMO_KEY_HEX), step=30, t0=0, digits=6)
    site.time = at
    assert mix.totp(key, at=at) == f"{site.token():06d}"


@pytest.mark.parametrize("path", [p for pages in mix.SIGNED_IN_PAGES.values() for p, _ in pages])
def test_signed_in_pages_exist_and_are_never_cached(path, settings):
    resolve(path)
    assert path.startswith(tuple(settings.NO_STORE_PATH_PREFIXES))


def test_search_urls_are_public_searches():
    rng = random.Random(0)
    for _ in range(50):
        url = mix.search_url(rng)
        assert resolve(url.split("?")[0]).view_name == "search:search"
        assert "sort=distance" not in url or "near=&" not in url
