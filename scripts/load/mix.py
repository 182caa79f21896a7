"""The load test's requests, without locust: the locustfile and scripts/load/request_costs.py
draw from the same words, places and flags, so single-request costs match the load run."""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
import struct
import time

# 70 % public searches, 20 % service pages, 10 % signed-in worker and provider actions.
SEARCH_WEIGHT, SERVICE_PAGE_WEIGHT, SIGNED_IN_WEIGHT = 7, 2, 1
WORDS = [
    "",
    "食料",
    "フードバンク",
    "住まい",
    "相談",
    "就労",
    "子ども",
    "学習支援",
    "居場所",
    "生活保護",
    "DV",
    "外国語",
    "こども食堂",
    "弁当",
    "シェルター",
    "無料",
    "家計",
]
PLACES = ["", "", "豊島区", "練馬区", "新宿区", "170-0013"]
FLAGS = ["", "", "", "&open_now=1", "&weekends=1", "&evenings=1"]
# What each signed-in demo account does on every visit: its own lists, never cached.
SIGNED_IN_PAGES = {
    "worker": [("/referrals/", "/referrals/ (worker)"), ("/referrals/notifications/", None)],
    "provider": [
        ("/providers/", "/providers/ (provider)"),
        ("/referrals/inbox/", "/referrals/inbox/ (provider)"),
    ],
}


def search_url(rng: random.Random | None = None) -> str:
    """One public search as visitors type it: a word, a place or both, now and then a flag."""
    rng = rng or random
    word, place = rng.choice(WORDS), rng.choice(PLACES)
    flags = rng.choice(FLAGS)
    if place and rng.random() < 0.3:
        flags += "&sort=distance"  # only with a place: without one it is a 400 by design
    return f"/search/?q={word}&near={place}{flags}"


def totp(key_base32: str, *, at: float | None = None) -> str:
    """RFC 6238 code (30 s, 6 digits, SHA-1), as an authenticator app shows it: the signed-in
    users' second factor with the demo key (``manage.py otp_demo_device``)."""
    counter = int((time.time() if at is None else at) // 30)
    raw = hmac.new(base64.b32decode(key_base32), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = raw[-1] & 0x0F
    return f"{(struct.unpack('>I', raw[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"
