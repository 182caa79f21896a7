"""A small referral world with known answers (see the docstring of ``dataset``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from dashboard.mesh import mesh3_code
from directory.models import ServiceArea
from referrals.choices import AgencyRole, DeclineReason, Outcome, PlatformRoleKind, Status
from referrals.models import Referral
from tests.factories import (
    LocationFactory,
    OrganizationPageFactory,
    ServicePageFactory,
    category,
    service_at,
)
from tests.referrals.factories import (
    AgencyFactory,
    AgencyMembershipFactory,
    ClientFactory,
    PlatformRoleFactory,
    UserFactory,
)

TOKYO = ZoneInfo("Asia/Tokyo")
MARCH = datetime(2026, 3, 10, 9, 0, tzinfo=TOKYO)
APRIL = datetime(2026, 4, 10, 9, 0, tzinfo=TOKYO)
HOME_MESH = mesh3_code(latitude=35.7263, longitude=139.7167)  # 豊島区役所のあたり
# "Now" for every dashboard test: the default period (the 12 months up to this month) is then
# 1 January to 3 December 2026, whatever day the tests run.
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=TOKYO)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch) -> datetime:
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


@dataclass
class Dataset:
    agency: Any
    other_agency: Any
    food_org: Any
    housing_org: Any
    food: Any
    housing: Any
    users: dict[str, Any]


_codes = iter(range(1, 10_000))


def _referral(*, client, agency, service, status, sent_at, answer_h=None, done_days=None, **kw):
    first = sent_at + timedelta(hours=answer_h) if answer_h is not None else None
    accepted = first if status in (Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED) else None
    return Referral.objects.create(
        code=f"TSN-T{next(_codes):03d}",
        client=client,
        agency=agency,
        service=service,
        organization=service.get_parent().specific,
        service_title=service.title,
        need="テスト",
        status=status,
        sent_at=sent_at,
        first_response_at=first,
        accepted_at=accepted,
        declined_at=first if status == Status.DECLINED else None,
        completed_at=sent_at + timedelta(days=done_days) if done_days else None,
        **kw,
    )


@pytest.fixture
def dataset(db) -> Dataset:
    """17 sent referrals (and one draft), 8 clients:

    * food service (豊島区 area, a location near the clients' mesh), agency A, March:
      6 completed (answered after 1–6 h, done after 10 days; 5 need met, 1 partly),
      3 declined for no capacity (answered after 5 h), 1 cancelled, 1 waiting (overdue);
    * housing service (no area, no location), agency A, April: 5 accepted (answered after 24 h);
    * food service, agency B (練馬区), March: 1 completed (answered after 2 h, done after 20 days).

    Clients 1–5 each have one food and one housing referral (two organisations, two categories).
    """
    agency = AgencyFactory(name="豊島区 相談センター", municipality_code="131164")
    other = AgencyFactory(name="練馬区 相談センター", municipality_code="131202")
    food_org = OrganizationPageFactory(title="フードバンクA")
    housing_org = OrganizationPageFactory(title="居住支援B")
    food = ServicePageFactory(title="食料配布", parent=food_org)
    food.categories.set([category("food-bank")])
    food.save_revision().publish()
    ServiceArea.objects.create(service=food, municipality_code="131164", name="豊島区")
    service_at(food, LocationFactory(organization=food_org, latitude=35.7295, longitude=139.7190))
    housing = ServicePageFactory(title="住まい探し", parent=housing_org)
    housing.categories.set([category("housing-support")])
    housing.save_revision().publish()

    clients = [
        ClientFactory(agency=agency, municipality_code="131164", mesh_code=HOME_MESH)
        for _ in range(7)
    ]
    outsider = ClientFactory(agency=other, municipality_code="131202")
    A = {"agency": agency, "service": food}
    for i in range(6):
        _referral(
            client=clients[i],
            **A,
            status=Status.COMPLETED,
            sent_at=MARCH,
            answer_h=i + 1,
            done_days=10,
            outcome=Outcome.PARTLY_MET if i == 5 else Outcome.NEED_MET,
        )
    for client in (clients[5], clients[6], clients[6]):
        _referral(
            client=client,
            **A,
            status=Status.DECLINED,
            sent_at=MARCH,
            answer_h=5,
            decline_reason=DeclineReason.NO_CAPACITY,
        )
    _referral(client=clients[6], **A, status=Status.CANCELLED, sent_at=MARCH)
    _referral(client=clients[6], **A, status=Status.SENT, sent_at=MARCH)
    for i in range(5):
        _referral(
            client=clients[i],
            agency=agency,
            service=housing,
            status=Status.ACCEPTED,
            sent_at=APRIL,
            answer_h=24,
        )
    _referral(
        client=outsider,
        agency=other,
        service=food,
        status=Status.COMPLETED,
        sent_at=MARCH,
        answer_h=2,
        done_days=20,
        outcome=Outcome.NEED_MET,
    )
    _referral(client=outsider, agency=other, service=food, status=Status.DRAFT, sent_at=None)

    users = {
        "admin": PlatformRoleFactory(role=PlatformRoleKind.ADMINISTRATOR).user,
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
        "coordinator_all": PlatformRoleFactory(municipality_code="").user,
        "coordinator_nerima": PlatformRoleFactory(municipality_code="131202").user,
        "lead": AgencyMembershipFactory(agency=agency, role=AgencyRole.AGENCY_LEAD).user,
        "worker": AgencyMembershipFactory(agency=agency).user,
        "nobody": UserFactory(),
    }
    return Dataset(agency, other, food_org, housing_org, food, housing, users)
