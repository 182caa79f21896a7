"""Services: each move writes an event, stamps its time and notifies after commit."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from referrals import services
from referrals.choices import (
    Action,
    ActorKind,
    ClientField,
    DeclineReason,
    ExternalChannel,
    NotificationKind,
    Outcome,
    Status,
)
from referrals.models import Notification, Referral, ReferralEvent
from referrals.models.immutable import ImmutableRecordError
from referrals.services import CODE_ALPHABET, referral_code_generate
from referrals.state import NotAllowed, ReferralConflict

pytestmark = pytest.mark.django_db


def test_referral_code_is_short_and_readable():
    for _i in range(200):
        code = referral_code_generate()
        assert len(code) == 11 and code.startswith("TSN-") and code[8] == "-"
        assert set(code[4:8] + code[9:]) <= set(CODE_ALPHABET)


def test_send_writes_event_and_notifies_provider_without_personal_data(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_create_and_send(
            client=world.client,
            service=world.service,
            by=world.worker,
            need="食料の支援をお願いします",
            idempotency_key=uuid.uuid4(),
        )
    assert referral.status == Status.SENT and referral.sent_at is not None
    assert referral.organization_id == world.provider_org.pk
    event = referral.events.get()
    assert (event.from_status, event.to_status, event.action) == ("draft", "sent", "send")
    assert event.actor == world.worker and event.actor_kind == ActorKind.USER
    assert Notification.objects.filter(
        user=world.provider_staff, referral=referral, kind=NotificationKind.SENT
    ).exists()
    assert [m.to for m in mail.outbox] == [[world.provider_staff.email]]
    message = mail.outbox[0]
    assert referral.code in message.subject + message.body
    for personal in ("豊島 花子", "090-1234-5678", "hanako@example.jp", "食料の支援"):
        assert personal not in message.subject + message.body


def test_accept_records_first_response_and_tells_the_worker(
    world, django_capture_on_commit_callbacks
):
    referral = world.sent()
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(referral=referral, by=world.provider_staff, note="明日連絡します")
    referral.refresh_from_db()
    assert referral.status == Status.ACCEPTED
    assert referral.first_response_at == referral.accepted_at
    assert referral.response_time is not None and referral.response_time.total_seconds() >= 0
    assert Notification.objects.filter(user=world.worker, kind=NotificationKind.ACCEPTED).exists()
    assert mail.outbox[-1].to == [world.worker.email]
    assert referral.events.last().note == "明日連絡します"


def test_full_life_with_outcome(world):
    referral = world.sent()
    services.referral_accept(referral=referral, by=world.provider_staff)
    services.referral_start(referral=referral, by=world.provider_staff)
    services.referral_complete(referral=referral, by=world.provider_staff, outcome=Outcome.NEED_MET)
    referral.refresh_from_db()
    assert referral.status == Status.COMPLETED and referral.outcome == Outcome.NEED_MET
    assert referral.finished_at == referral.completed_at
    assert [e.to_status for e in referral.events.all()] == [
        "sent",
        "accepted",
        "in_progress",
        "completed",
    ]


def test_decline_needs_a_reason_code(world):
    referral = world.sent()
    with pytest.raises(ValidationError):
        services.referral_decline(referral=referral, by=world.provider_staff, reason="because")
    services.referral_decline(
        referral=referral, by=world.provider_staff, reason=DeclineReason.OUT_OF_AREA
    )
    referral.refresh_from_db()
    assert referral.decline_reason == DeclineReason.OUT_OF_AREA
    assert referral.events.last().reason_code == DeclineReason.OUT_OF_AREA
    assert referral.first_response_at is not None


def test_double_submitted_form_creates_one_referral(world):
    key = uuid.uuid4()
    kwargs = dict(client=world.client, service=world.service, by=world.worker, need="食料")
    first = services.referral_submit(agency=world.agency, idempotency_key=key, **kwargs)
    second = services.referral_submit(agency=world.agency, idempotency_key=key, **kwargs)
    assert first.referral.pk == second.referral.pk
    assert Referral.objects.filter(idempotency_key=key).count() == 1
    assert ReferralEvent.objects.filter(referral=first.referral).count() == 1


def test_idempotency_key_of_another_client_is_refused(world):
    from tests.referrals.factories import ClientFactory

    key = uuid.uuid4()
    world.draft(idempotency_key=key)
    other = ClientFactory(agency=world.agency)
    with pytest.raises(ValidationError):
        world.draft(idempotency_key=key, client=other)


def test_stale_copy_gets_a_conflict_message(world):
    referral = world.sent()
    stale = Referral.objects.get(pk=referral.pk)
    services.referral_accept(referral=referral, by=world.provider_staff)
    with pytest.raises(ReferralConflict) as excinfo:
        services.referral_decline(
            referral=stale, by=world.provider_staff, reason=DeclineReason.NO_CAPACITY
        )
    assert "先に他の方が対応しました" in str(excinfo.value)


def test_only_the_clients_agency_can_refer(world):
    with pytest.raises(NotAllowed):
        services.referral_create_draft(
            client=world.client, service=world.service, by=world.other_worker, need="x"
        )
    with pytest.raises(NotAllowed):
        services.referral_create_draft(
            client=world.client, service=world.service, by=world.provider_staff, need="x"
        )


def test_consent_must_be_the_clients(world):
    from tests.referrals.factories import ClientFactory

    other = ClientFactory(agency=world.agency)
    consent = world.consent(client=other)
    with pytest.raises(ValidationError):
        world.draft(consent=consent)


def test_consent_record_validates_scope_and_method(world):
    with pytest.raises(ValidationError):
        world.consent(scope=["password"])
    with pytest.raises(ValidationError):
        world.consent(scope=[])
    with pytest.raises(ValidationError):
        world.consent(organizations=[])
    consent = world.consent(scope=[ClientField.NAME, ClientField.NAME])
    assert consent.scope == ["name"]


def test_logged_referral_emails_the_service_a_signed_link_when_nobody_has_an_account(
    world, django_capture_on_commit_callbacks
):
    from tests.factories import OrganizationPageFactory, ServicePageFactory

    org = OrganizationPageFactory(parent=world.service.get_parent().get_parent())
    service = ServicePageFactory(parent=org, email="info@small-npo.example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_log_external(
            client=world.client,
            service=service,
            by=world.worker,
            need="住まいの相談",
            channel=ExternalChannel.FAX,
            idempotency_key=uuid.uuid4(),
        )
    assert referral.status == Status.SENT and referral.logged
    assert referral.external_channel == ExternalChannel.FAX
    assert referral.events.get().action == Action.LOG_EXTERNAL
    assert [m.to for m in mail.outbox] == [["info@small-npo.example.jp"]]
    assert "/referrals/link/" in mail.outbox[0].body


def test_cancelling_a_draft_tells_nobody(world, django_capture_on_commit_callbacks):
    referral = world.draft()
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_cancel(referral=referral, by=world.worker)
    assert referral.status == Status.CANCELLED
    assert not Notification.objects.filter(referral=referral).exists()
    assert mail.outbox == []


def test_events_are_immutable(world):
    referral = world.sent()
    event = referral.events.get()
    event.note = "書き換え"
    with pytest.raises(ImmutableRecordError):
        event.save()
    with pytest.raises(ImmutableRecordError):
        event.delete()
    with pytest.raises(ImmutableRecordError):
        ReferralEvent.objects.filter(pk=event.pk).update(note="x")
    with pytest.raises(ImmutableRecordError):
        ReferralEvent.objects.filter(pk=event.pk).delete()


def test_notification_mark_read(world):
    referral = world.sent()
    notification = Notification.objects.get(referral=referral, user=world.provider_staff)
    with pytest.raises(NotAllowed):
        services.notification_mark_read(notification=notification, by=world.worker)
    services.notification_mark_read(notification=notification, by=world.provider_staff)
    notification.refresh_from_db()
    assert notification.read_at is not None
