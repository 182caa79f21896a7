"""Driver and checks of scripts/drill_pg_restart.sh: referral moves and reads while PostgreSQL restarts.

    python scripts/lib/pg_restart_drill.py seed N    # the world and N draft referrals; prints codes
    python scripts/lib/pg_restart_drill.py drive     # moves and reads over HTTP; one JSON line
    python scripts/lib/pg_restart_drill.py check     # every referral's state against its timeline

``seed`` and ``check`` run Django (DJANGO_SETTINGS_MODULE and DATABASE_URL from the script);
``drive`` is a plain HTTP client of the running server (BASE_URL), signed in as the worker (send)
and as the provider's staff (accept, start, complete), for DURATION seconds. A request that fails
is not retried blindly: the referral is read again, so a move that happened is not made twice and
one that did not is made again. The script writes the moments PostgreSQL stopped and accepted
connections again to DOWN_FILE and UP_FILE; the figures are measured against them.
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PASSWORD = "drill-pg-restart-0123"  # a throw-away database's accounts only
API = "/api/v1/referrals"
# The provider's moves after the worker's send, and what each needs.
NEXT_MOVE = {
    "draft": ("worker", "send", {}),
    "sent": ("provider", "accept", {}),
    "accepted": ("provider", "start", {}),
    "in_progress": ("provider", "complete", {"outcome": "need_met"}),
}


def seed(count: int) -> int:
    import django

    django.setup()
    from tests.referrals.conftest import build_world

    world = build_world()
    for user in (world.worker, world.provider_staff):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    world.consent()
    for _ in range(count):
        referral = world.draft(idempotency_key=uuid.uuid4())
        print(referral.code)
    return 0


def check() -> int:
    """Every referral: its timeline starts at draft, each event starts where the last one ended,
    the last one ends at the referral's status, and each reached status has its time stamp."""
    import django

    django.setup()
    from referrals.models import Referral
    from referrals.services.moves import _STAMPS

    referrals = moves = broken = 0
    by_status: dict[str, int] = {}
    for referral in Referral.objects.prefetch_related("events").order_by("pk"):
        referrals += 1
        by_status[referral.status] = by_status.get(referral.status, 0) + 1
        status = "draft"
        ok = True
        for event in referral.events.all():
            moves += 1
            ok &= event.from_status == status
            status = event.to_status
            ok &= all(getattr(referral, stamp) is not None for stamp in _STAMPS[status])
        ok &= status == referral.status
        if not ok:
            broken += 1
            print(f"inconsistent: referral {referral.pk} ({referral.status})", file=sys.stderr)
    print(
        json.dumps(
            {"referrals": referrals, "moves": moves, "by_status": by_status, "inconsistent": broken}
        )
    )
    return 1 if broken or not referrals else 0


def _session(base: str, username: str):
    import requests

    session = requests.Session()
    login = f"{base}/accounts/login/"
    session.get(login, timeout=10)
    answer = session.post(
        login,
        data={"username": username, "password": PASSWORD},
        headers={"X-CSRFToken": session.cookies.get("csrftoken", ""), "Referer": login},
        timeout=10,
    )
    if "sessionid" not in session.cookies:
        raise SystemExit(f"cannot sign in as {username}: HTTP {answer.status_code}")
    session.headers["X-CSRFToken"] = session.cookies.get("csrftoken", "")
    session.headers["Referer"] = base + "/"
    return session


def _stamp(path: str) -> float | None:
    try:
        return float(Path(path).read_text().strip())
    except (OSError, ValueError):
        return None


def drive() -> int:
    import requests

    base = os.environ.get("BASE_URL", "http://127.0.0.1:8191")
    duration = float(os.environ.get("DURATION", 40))
    codes = Path(os.environ["CODES_FILE"]).read_text().split()
    sessions = {"worker": _session(base, "worker"), "provider": _session(base, "foodbank")}
    status = dict.fromkeys(codes, "draft")
    log: list[tuple[float, str, bool]] = []  # (time, kind, ok)
    unsure: dict[str, str] = {}  # a move's answer was lost: its status before; read it back
    lost = {"happened": 0, "did_not": 0}
    pace = float(os.environ.get("PACE", 0.1))  # seconds between requests
    started = time.time()
    turn = 0
    while time.time() - started < duration:
        code = codes[turn % len(codes)]
        turn += 1
        if code in unsure or status[code] not in NEXT_MOVE:
            kind, method, url, body, who = "read", "GET", f"{base}{API}/{code}", None, "worker"
        else:
            who, action, extra = NEXT_MOVE[status[code]]
            kind, method, url = "move", "POST", f"{base}{API}/{code}/actions/{action}"
            body = {"expected_status": status[code], **extra}
        at = time.time()
        try:
            answer = sessions[who].request(method, url, json=body, timeout=10)
            ok = answer.status_code == 200
            if ok:
                status[code] = answer.json()["status"]
                if code in unsure:
                    before = unsure.pop(code)
                    lost["happened" if status[code] != before else "did_not"] += 1
        except requests.RequestException:
            ok = False
        if not ok and kind == "move":
            unsure.setdefault(code, status[code])
        log.append((at, kind, ok))
        time.sleep(pace)
        if not [c for c in codes if status[c] in NEXT_MOVE or c in unsure]:
            status = dict.fromkeys(codes, "done")  # all completed: keep reading
    down, up = _stamp(os.environ["DOWN_FILE"]), _stamp(os.environ["UP_FILE"])
    failures = [t for t, _, ok in log if not ok]
    after_up = [t for t in failures if up is not None and t >= up]
    first_ok_after_up = next((t for t, _, ok in log if ok and up is not None and t >= up), None)
    report = {
        "requests": len(log),
        "moves": sum(1 for _, kind, ok in log if kind == "move" and ok),
        "reads": sum(1 for _, kind, ok in log if kind == "read" and ok),
        "failed": len(failures),
        "failed_after_postgres_was_back": len(after_up),
        "postgres_down_s": round(up - down, 2) if down and up else None,
        "recovered_s_after_postgres_was_back": (
            round(first_ok_after_up - up, 2) if first_ok_after_up and up else None
        ),
        "moves_without_answer": {"happened": lost["happened"], "did_not": lost["did_not"]},
        "moves_still_unknown": len(unsure),
        "completed": sum(1 for s in status.values() if s in ("completed", "done")),
    }
    print(json.dumps(report))
    healthy = down is not None and up is not None and first_ok_after_up is not None
    return 0 if healthy and not after_up and not unsure else 1


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "seed":
        sys.exit(seed(int(sys.argv[2])))
    if command == "drive":
        sys.exit(drive())
    if command == "check":
        sys.exit(check())
    raise SystemExit(__doc__)
