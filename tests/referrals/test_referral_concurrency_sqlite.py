"""Accept and decline at once on SQLite (the default database): one wins, the other is told.

Runs on a file copy of the test database, as an in-memory one shares a cache between threads
and locks differently from the file a real installation uses.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.test import Client

from referrals import access
from referrals.choices import DeclineReason, Status
from tests.referrals.conftest import build_world
from tests.referrals.factories import ProviderMembershipFactory, UserFactory

CONFLICT = "先に他の方が対応しました"


@pytest.fixture
def sqlite_file(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite locking only")
    return tmp_path / "copy.sqlite3"


def copy_database_to(path) -> None:
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()


def post_form(client, referral, action):
    body = {"action": action, "seen_status": Status.SENT}
    if action == "decline":
        body["reason"] = DeclineReason.NO_CAPACITY
    response = client.post(f"/referrals/{referral.code}/act/", body)
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    return response.status_code, " ".join(texts)


def post_api(client, referral, action):
    body = {"expected_status": "sent"}
    if action == "decline":
        body["reason"] = DeclineReason.NO_CAPACITY
    response = client.post(
        f"/api/v1/referrals/{referral.code}/actions/{action}",
        json.dumps(body),
        content_type="application/json",
    )
    return response.status_code, json.dumps(response.json(), ensure_ascii=False)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("send", [post_form, post_api], ids=["form", "api"])
def test_concurrent_accept_and_decline_one_wins_the_other_is_told(sqlite_file, send):
    world = build_world()
    second = ProviderMembershipFactory(
        organization=world.provider_org, user=UserFactory(username="foodbank2")
    ).user
    referral = world.sent()
    clients = {}
    for action, user in (("accept", world.provider_staff), ("decline", second)):
        clients[action] = Client(raise_request_exception=False)
        clients[action].force_login(user)
    copy_database_to(sqlite_file)

    barrier = threading.Barrier(2)
    results: dict[str, tuple[int, str]] = {}
    real_sides_for = access.sides_for

    def slow_sides_for(actor, locked):
        time.sleep(0.3)  # hold the transaction so the other request surely runs into it
        return real_sides_for(actor, locked)

    def attempt(action):
        own = connections["default"]
        own.settings_dict = {**own.settings_dict, "NAME": str(sqlite_file)}
        try:
            barrier.wait(timeout=10)
            results[action] = send(clients[action], referral, action)
        finally:
            own.close()

    threads = [threading.Thread(target=attempt, args=(a,)) for a in ("accept", "decline")]
    with mock.patch.object(access, "sides_for", slow_sides_for):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert set(results) == {"accept", "decline"}, results
    codes = sorted(code for code, _ in results.values())
    assert 500 not in codes, results
    if send is post_api:
        assert codes == [200, 409], results
    conflicts = [a for a, (_, text) in results.items() if CONFLICT in text]
    assert len(conflicts) == 1, results
    winner = ({"accept", "decline"} - set(conflicts)).pop()
    with sqlite3.connect(sqlite_file) as database:
        (status,) = database.execute(
            "SELECT status FROM referrals_referral WHERE id = ?", [referral.pk]
        ).fetchone()
    assert status == {"accept": Status.ACCEPTED, "decline": Status.DECLINED}[winner]
