"""``/api/v1/referrals``: the same access rules as the screens, 4xx with a reason, never a 500."""

from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referrals import services
from referrals.choices import ClientField, Status
from referrals.models import AccessLog, Referral
from tests.otp import login_verified

pytestmark = pytest.mark.django_db

API = "/api/v1/referrals"
NAME, PHONE = "豊島 花子", "090-1234-5678"


def post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def create_body(world, **overrides):
    body = {
        "client_id": world.client.pk,
        "service_id": str(world.service.hsds_id),
        "need": "食料の支援をお願いします",
        "idempotency_key": str(uuid.uuid4()),
    }
    body.update(overrides)
    return body


def test_anonymous_gets_401_everywhere(world, client):
    referral = world.sent()
    assert client.get(API).status_code == 401
    assert post(client, API, create_body(world)).status_code == 401
    assert client.get(f"{API}/{referral.code}").status_code == 401
    assert post(client, f"{API}/{referral.code}/actions/accept").status_code == 401


def test_create_is_idempotent(world, client):
    login_verified(client, world.worker)
    body = create_body(world, urgency="urgent", note="午前中に")
    first = post(client, API, body)
    assert first.status_code == 201, first.content
    again = post(client, API, body)
    assert again.status_code == 200
    assert first.json()["code"] == again.json()["code"]
    assert Referral.objects.filter(idempotency_key=body["idempotency_key"]).count() == 1
    made = first.json()
    assert made["status"] == "sent" and made["urgency"] == "urgent"
    assert made["service_id"] == str(world.service.hsds_id)
    assert NAME not in first.content.decode()
    draft = post(client, API, create_body(world, send=False))
    assert draft.status_code == 201 and draft.json()["status"] == "draft"


def test_create_rejects_bad_input_with_reasons(world, client):
    login_verified(client, world.worker)
    other_client = services.client_create(
        agency=world.other_agency, by=world.other_worker, name="別の人"
    )
    assert post(client, API, create_body(world, client_id=other_client.pk)).status_code == 404
    response = post(client, API, create_body(world, service_id=str(uuid.uuid4())))
    assert response.status_code == 400 and "service_id" in response.json()["errors"]
    response = post(client, API, create_body(world, consent_id=999999))
    assert response.status_code == 400 and "consent_id" in response.json()["errors"]
    response = post(client, API, create_body(world, need="   "))
    assert response.status_code == 400 and "need" in response.json()["errors"]
    assert post(client, API, create_body(world, need="")).status_code == 422
    assert post(client, API, create_body(world, urgency="very")).status_code == 422
    assert post(client, API, create_body(world, idempotency_key="x")).status_code == 422
    # Providers and coordinators have no clients: 404.
    for role in ("provider_staff", "coordinator"):
        login_verified(client, getattr(world, role))
        assert post(client, API, create_body(world)).status_code == 404, role


def test_list_is_scoped_and_filtered(world, client):
    consent = world.consent()
    sent = world.sent(consent=consent)
    accepted = world.sent(consent=consent)
    services.referral_accept(referral=accepted, by=world.provider_staff)
    draft = world.draft()
    expectations = {
        "worker": {sent.code, accepted.code, draft.code},
        "lead": {sent.code, accepted.code, draft.code},
        "provider_staff": {sent.code, accepted.code},
        "other_worker": set(),
        "other_staff": set(),
        "coordinator": set(),
    }
    for role, expected in expectations.items():
        login_verified(client, getattr(world, role))
        codes = {r["code"] for r in client.get(f"{API}?limit=200").json()["results"]}
        assert expected <= codes, role
        if role in ("other_worker", "other_staff", "coordinator"):
            assert not codes & {sent.code, accepted.code, draft.code}, role
    login_verified(client, world.worker)
    codes = {r["code"] for r in client.get(f"{API}?status=accepted&limit=200").json()["results"]}
    assert accepted.code in codes and sent.code not in codes
    received = client.get(f"{API}?box=received").json()
    assert received["count"] == 0  # the worker receives nothing
    by_service = client.get(f"{API}?service={uuid.uuid4()}").json()
    assert by_service["count"] == 0
    assert client.get(f"{API}?overdue=true").status_code == 200
    assert client.get(f"{API}?category=food").status_code == 200
    assert client.get(f"{API}?status=nonsense").status_code == 422
    assert client.get(f"{API}?limit=0").status_code == 422


def test_retrieve_shows_exactly_the_consented_fields_and_logs_the_read(world, client):
    referral = world.sent(consent=world.consent(scope=[ClientField.NAME, ClientField.PHONE]))
    login_verified(client, world.provider_staff)
    before = AccessLog.objects.filter(purpose="api.referrals.get").count()
    body = client.get(f"{API}/{referral.code}").json()
    assert body["client"]["fields"] == {"name": NAME, "phone": PHONE}
    assert body["actions"] == ["accept", "decline"]
    assert body["timeline"][0]["action"] == "send"
    assert AccessLog.objects.filter(purpose="api.referrals.get").count() == before + 1
    login_verified(client, world.worker)
    body = client.get(f"{API}/{referral.code}").json()
    assert set(body["client"]["fields"]) == set(ClientField.values)
    assert body["actions"] == ["cancel"]
    for role in ("other_worker", "other_staff", "coordinator"):
        login_verified(client, getattr(world, role))
        assert client.get(f"{API}/{referral.code}").status_code == 404, role
    login_verified(client, world.worker)
    assert client.get(f"{API}/TSN-NONE-00").status_code == 404
    assert client.get(f"{API}/{'x' * 300}").status_code == 404


def test_actions_move_or_explain(world, client):
    referral = world.sent()
    url = f"{API}/{referral.code}/actions"
    login_verified(client, world.provider_staff)
    response = post(client, f"{url}/decline")
    assert response.status_code == 400 and "reason" in response.json()["errors"]
    response = post(client, f"{url}/cancel")
    assert response.status_code == 403 and "権限がありません" in response.json()["detail"]
    response = post(client, f"{url}/complete", {"outcome": "need_met"})
    assert response.status_code == 409
    assert "ことができません" in response.json()["detail"]
    assert post(client, f"{url}/fly").status_code == 422
    response = post(client, f"{url}/accept", {"note": "お受けします"})
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    response = post(client, f"{url}/accept")
    assert response.status_code == 409
    # Acting on what one saw: someone else moved it first → 409 with the conflict message.
    response = post(client, f"{url}/decline", {"reason": "no_capacity", "expected_status": "sent"})
    assert response.status_code == 409 and "先に他の方が対応しました" in response.json()["detail"]
    response = post(client, f"{url}/start", {"appointment_at": "2026-12-01T10:00:00+09:00"})
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    referral.refresh_from_db()
    assert referral.status == Status.IN_PROGRESS
    # No body at all is the same as an empty one.
    response = client.post(f"{url}/close")
    assert response.status_code == 400


def test_openapi_document_lists_the_referral_endpoints(client):
    document = client.get("/api/openapi.json").json()
    paths = document["paths"]
    assert "/api/v1/referrals" in paths
    assert {"get", "post"} <= set(paths["/api/v1/referrals"])
    assert "/api/v1/referrals/{code}" in paths
    assert "/api/v1/referrals/{code}/actions/{action}" in paths


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)
create_keys = st.sampled_from(
    [
        "client_id",
        "service_id",
        "need",
        "urgency",
        "support_plan_reference",
        "consent_id",
        "idempotency_key",
        "send",
        "note",
    ]
)
action_keys = st.sampled_from(
    ["reason", "outcome", "channel", "appointment_at", "note", "expected_status"]
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    create=st.dictionaries(create_keys, json_values, max_size=9),
    act=st.dictionaries(action_keys, json_values, max_size=6),
    action=st.sampled_from(["accept", "decline", "start", "complete", "close", "cancel", "send"])
    | st.text(max_size=12),
    code=st.text(max_size=30),
    query=st.dictionaries(
        st.sampled_from(["box", "status", "overdue", "service", "category", "limit", "offset"]),
        st.text(max_size=20),
        max_size=4,
    ),
)
def test_fuzz_never_a_500(world, client, create, act, action, code, query):
    login_verified(client, world.worker if len(code) % 2 else world.provider_staff)
    referral = Referral.objects.filter(status=Status.SENT).first() or world.sent()
    if isinstance(create.get("client_id"), int) and create["client_id"] % 3 == 0:
        create["client_id"] = world.client.pk  # reach the service layer sometimes
    responses = [
        post(client, API, create),
        client.post(API, b"{not json", content_type="application/json"),
        post(client, f"{API}/{referral.code}/actions/{action}".replace("//", "/"), act),
        client.get(API, query),
    ]
    from urllib.parse import quote

    safe_code = quote(code, safe="")
    if safe_code:
        responses.append(client.get(f"{API}/{safe_code}"))
        responses.append(post(client, f"{API}/{safe_code}/actions/accept", act))
    for response in responses:
        assert response.status_code < 500, (response.status_code, response.content[:300])
