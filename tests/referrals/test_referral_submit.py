"""The refer form's one transaction: a new client, the basis for sharing and the referral."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError

from referrals import services
from referrals.choices import ClientField, ConsentBasis, ConsentMethod, Status
from referrals.models import Client, Consent, Referral

pytestmark = pytest.mark.django_db

NEW_CLIENT = {"name": "池袋 太郎", "name_reading": "いけぶくろ たろう"}


def consent_input(world, **fields):
    return services.ConsentInput(
        basis=ConsentBasis.CONSENT,
        organizations=(world.provider_org,),
        fields={"method": ConsentMethod.VERBAL, "scope": [ClientField.NAME], **fields},
    )


def submit(world, **kwargs):
    kwargs.setdefault("idempotency_key", uuid.uuid4())
    kwargs.setdefault("need", "食料の支援をお願いします")
    return services.referral_submit(
        by=world.worker, agency=world.agency, service=world.service, **kwargs
    ).referral


def test_submit_creates_client_consent_and_sends(world):
    referral = submit(world, new_client=NEW_CLIENT, consent=consent_input(world))
    assert referral.status == Status.SENT
    assert referral.client.name == "池袋 太郎"
    assert referral.consent.organizations.get() == world.provider_org


def test_submit_as_draft_does_not_send(world):
    referral = submit(world, client=world.client, draft=True)
    assert referral.status == Status.DRAFT and referral.consent is None


def test_invalid_consent_leaves_no_new_client_behind(world):
    clients = Client.objects.count()
    with pytest.raises(ValidationError):
        submit(world, new_client=NEW_CLIENT, consent=consent_input(world, scope=[]))
    assert Client.objects.count() == clients
    assert not Referral.objects.exists()


def test_second_submission_returns_the_first_and_adds_no_client_or_consent(world):
    key = uuid.uuid4()
    first = submit(world, new_client=NEW_CLIENT, consent=consent_input(world), idempotency_key=key)
    counts = (Client.objects.count(), Consent.objects.count())
    second = submit(world, new_client=NEW_CLIENT, consent=consent_input(world), idempotency_key=key)
    assert second.pk == first.pk
    assert (Client.objects.count(), Consent.objects.count()) == counts


def test_second_submission_says_it_created_nothing(world):
    key = uuid.uuid4()
    kwargs = dict(by=world.worker, agency=world.agency, service=world.service, need="食料")
    first = services.referral_submit(client=world.client, idempotency_key=key, **kwargs)
    second = services.referral_submit(client=world.client, idempotency_key=key, **kwargs)
    assert first.created and not second.created
    assert second.referral.pk == first.referral.pk


def test_key_of_another_agency_is_refused(world):
    key = uuid.uuid4()
    services.referral_submit(
        by=world.worker,
        agency=world.agency,
        service=world.service,
        client=world.client,
        need="食料",
        idempotency_key=key,
    )
    other = services.client_create(agency=world.other_agency, by=world.other_worker, name="別")
    with pytest.raises(ValidationError):
        services.referral_submit(
            by=world.other_worker,
            agency=world.other_agency,
            service=world.service,
            client=other,
            need="食料",
            idempotency_key=key,
        )
