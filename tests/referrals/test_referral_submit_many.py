"""One client referred to several services in one go: one consent, one tracked referral each."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError

from referrals import services
from referrals.choices import ClientField, ConsentBasis, ConsentMethod, Status
from referrals.models import Client, Consent, Referral

pytestmark = pytest.mark.django_db

NEW_CLIENT = {"name": "池袋 太郎", "name_reading": "いけぶくろ たろう"}


def consent_input(world, organizations=None, **fields):
    return services.ConsentInput(
        basis=ConsentBasis.CONSENT,
        organizations=organizations or (world.provider_org, world.other_org),
        fields={"method": ConsentMethod.VERBAL, "scope": [ClientField.NAME], **fields},
    )


def submit_many(world, **kwargs):
    kwargs.setdefault("idempotency_key", uuid.uuid4())
    kwargs.setdefault("need", "食料と学習の支援をお願いします")
    kwargs.setdefault("services", [world.service, world.other_service])
    return services.referrals_submit_many(by=world.worker, agency=world.agency, **kwargs)


def test_each_service_gets_its_own_sent_referral(world):
    made = submit_many(world, new_client=NEW_CLIENT, consent=consent_input(world)).referrals

    assert [r.service_id for r in made] == [world.service.pk, world.other_service.pk]
    assert {r.status for r in made} == {Status.SENT}
    assert len({r.code for r in made}) == 2


def test_one_client_and_one_consent_cover_all_of_them(world):
    clients, consents = Client.objects.count(), Consent.objects.count()

    made = submit_many(world, new_client=NEW_CLIENT, consent=consent_input(world)).referrals

    assert (Client.objects.count(), Consent.objects.count()) == (clients + 1, consents + 1)
    assert made[0].consent_id == made[1].consent_id
    assert set(made[0].consent.organizations.all()) == {world.provider_org, world.other_org}


def test_a_second_submission_returns_the_same_referrals(world):
    key = uuid.uuid4()
    first = submit_many(
        world, new_client=NEW_CLIENT, consent=consent_input(world), idempotency_key=key
    )
    again = submit_many(
        world, new_client=NEW_CLIENT, consent=consent_input(world), idempotency_key=key
    )

    assert again.created is False
    assert [r.pk for r in again.referrals] == [r.pk for r in first.referrals]


def test_a_failure_leaves_nothing_behind(world):
    referrals, clients = Referral.objects.count(), Client.objects.count()

    with pytest.raises(ValidationError):
        submit_many(world, new_client=NEW_CLIENT, consent=consent_input(world), urgency="bogus")

    assert (Referral.objects.count(), Client.objects.count()) == (referrals, clients)


def test_the_same_service_twice_is_refused(world):
    with pytest.raises(ValidationError):
        submit_many(world, client=world.client, services=[world.service, world.service])


def test_no_service_is_refused(world):
    with pytest.raises(ValidationError):
        submit_many(world, client=world.client, services=[])
