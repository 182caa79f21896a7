"""Hidden (DV shelter) addresses: only the staff who must send someone there may read them."""

import pytest

from directory.models import Location
from directory.selectors import can_see_hidden_address
from tests.factories import AddressFactory, LocationFactory, ServicePageFactory, service_at
from tests.otp import login_verified
from tests.referrals.factories import (
    AgencyMembershipFactory,
    ProviderMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

STREET = "東池袋1-2-3"


@pytest.fixture
def shelter(directory_index):
    service = ServicePageFactory(title="一時保護")
    location = LocationFactory(hide_address=True, organization=service.get_parent().specific)
    AddressFactory(location=location)
    service_at(service, location)
    return service


def _page(client, service, user=None) -> str:
    if user is not None:
        login_verified(client, user)
    return client.get(service.url).content.decode()


def test_plain_account_without_a_role_does_not_see_a_hidden_address(client, shelter):
    body = _page(client, shelter, UserFactory())
    assert STREET not in body
    assert "住所は公開していません" in body


def test_provider_staff_of_another_organization_does_not_see_a_hidden_address(client, shelter):
    body = _page(client, shelter, ProviderMembershipFactory().user)
    assert STREET not in body


def test_provider_staff_of_the_running_organization_sees_its_hidden_address(client, shelter):
    member = ProviderMembershipFactory(organization=shelter.get_parent().specific)
    assert STREET in _page(client, shelter, member.user)


def test_agency_support_worker_sees_a_hidden_address(client, shelter):
    assert STREET in _page(client, shelter, AgencyMembershipFactory().user)


def test_inactive_agency_worker_may_not_see_a_hidden_address(shelter):
    # Asked of the rule itself: a signed-out session would hide the address for another reason.
    worker = AgencyMembershipFactory(user=UserFactory(is_active=False)).user
    location = Location.objects.get(service_at_locations__service=shelter)
    assert not can_see_hidden_address(user=worker, location=location)


def test_handout_built_by_an_agency_worker_never_prints_a_hidden_address(client, shelter):
    login_verified(client, AgencyMembershipFactory().user)
    body = client.get(f"/handout/new?service={shelter.hsds_id}").content.decode()
    assert "一時保護" in body
    assert STREET not in body
    assert "住所は公開していません" in body
