"""The referral world: two agencies, two providers, a client with consent, one of each role."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction

from referrals import services
from referrals.choices import AgencyRole, ClientField, ConsentBasis, ConsentMethod
from tests.factories import OrganizationPageFactory, ServicePageFactory
from tests.referrals.factories import (
    AgencyFactory,
    AgencyMembershipFactory,
    ClientFactory,
    PlatformRoleFactory,
    ProviderMembershipFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked ``postgres`` need real row locks: skip them on SQLite (CI runs both)."""
    if request.node.get_closest_marker("postgres") is None:
        return
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL); SQLite has no row locks")


@dataclass
class World:
    agency: Any
    other_agency: Any
    worker: Any
    lead: Any
    other_worker: Any
    provider_org: Any
    service: Any
    provider_staff: Any
    other_org: Any
    other_service: Any
    other_staff: Any
    coordinator: Any
    anonymous: Any
    client: Any

    def draft(self, *, consent=None, service=None, client=None, **kwargs):
        return services.referral_create_draft(
            client=client or self.client,
            service=service or self.service,
            by=self.worker,
            need=kwargs.pop("need", "食料の支援をお願いします"),
            consent=consent,
            idempotency_key=kwargs.pop("idempotency_key", uuid.uuid4()),
            **kwargs,
        )

    def sent(self, **kwargs):
        return services.referral_send(referral=self.draft(**kwargs), by=self.worker)

    def consent(self, *, scope=(ClientField.NAME, ClientField.PHONE), organizations=None, **kw):
        return services.consent_record(
            client=kw.pop("client", self.client),
            by=self.worker,
            basis=ConsentBasis.CONSENT,
            method=ConsentMethod.WRITTEN,
            scope=scope,
            organizations=[self.provider_org] if organizations is None else organizations,
            **kw,
        )


def build_world() -> World:
    from directory.services import site_structure_ensure

    directory_index = site_structure_ensure()
    agency = AgencyFactory(name="豊島区 くらし・しごと相談支援センター")
    other_agency = AgencyFactory(name="練馬区 生活サポートセンター", municipality_code="131202")
    worker = AgencyMembershipFactory(agency=agency, user=UserFactory(username="worker")).user
    lead = AgencyMembershipFactory(
        agency=agency, user=UserFactory(username="lead"), role=AgencyRole.AGENCY_LEAD
    ).user
    other_worker = AgencyMembershipFactory(
        agency=other_agency, user=UserFactory(username="other_worker")
    ).user
    provider_org = OrganizationPageFactory(title="としまフードバンク", parent=directory_index)
    service = ServicePageFactory(title="食料品の無料配布", parent=provider_org)
    provider_staff = ProviderMembershipFactory(
        organization=provider_org, user=UserFactory(username="foodbank")
    ).user
    other_org = OrganizationPageFactory(title="別の団体", parent=directory_index)
    other_service = ServicePageFactory(title="学習支援", parent=other_org)
    other_staff = ProviderMembershipFactory(
        organization=other_org, user=UserFactory(username="other_staff")
    ).user
    coordinator = PlatformRoleFactory(user=UserFactory(username="coordinator")).user
    client = ClientFactory(agency=agency, created_by=worker)
    return World(
        agency=agency,
        other_agency=other_agency,
        worker=worker,
        lead=lead,
        other_worker=other_worker,
        provider_org=provider_org,
        service=service,
        provider_staff=provider_staff,
        other_org=other_org,
        other_service=other_service,
        other_staff=other_staff,
        coordinator=coordinator,
        anonymous=AnonymousUser(),
        client=client,
    )


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction that is rolled back at the end (Wagtail pages
    are slow to create); each test still runs in its own savepoint, like setUpTestData."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(_module_world, db) -> World:
    _module_world.client.refresh_from_db()
    return _module_world
