"""Two-factor sign-in: required for administrators, coordinators, agency leads and moderators;
set up on our own pages (issue 12, item 1)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.selectors import two_factor_required_for
from referrals.choices import AgencyRole, PlatformRoleKind
from tests.otp import login_verified
from tests.referrals.factories import (
    AgencyMembershipFactory,
    PlatformRoleFactory,
    ProviderMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_superusers_need_two_factor(django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.jp", "x")
    assert two_factor_required_for(user=user)


def test_django_admin_staff_need_two_factor():
    assert two_factor_required_for(user=UserFactory(is_staff=True))


@pytest.mark.parametrize("role", [PlatformRoleKind.COORDINATOR, PlatformRoleKind.ADMINISTRATOR])
def test_municipal_roles_need_two_factor(role):
    assert two_factor_required_for(user=PlatformRoleFactory(role=role).user)


def test_agency_leads_need_two_factor():
    lead = AgencyMembershipFactory(role=AgencyRole.AGENCY_LEAD).user
    assert two_factor_required_for(user=lead)


def test_moderators_need_two_factor():
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    assert two_factor_required_for(user=user)


def test_support_workers_and_provider_staff_may_choose():
    assert not two_factor_required_for(user=AgencyMembershipFactory().user)
    assert not two_factor_required_for(user=ProviderMembershipFactory().user)


def test_a_coordinator_without_an_app_is_sent_to_set_one_up(client):
    client.force_login(PlatformRoleFactory().user)

    response = client.get(reverse("dashboard:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_a_coordinator_with_an_app_is_asked_for_a_code(client):
    user = PlatformRoleFactory().user
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)

    response = client.get(reverse("dashboard:index"))

    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_the_wagtail_admin_is_behind_the_second_factor_too(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.jp", "x"))

    response = client.get("/admin/")

    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_the_api_answers_403_until_the_second_factor(client):
    client.force_login(PlatformRoleFactory().user)

    response = client.get("/api/v1/referrals/")

    assert response.status_code == 403


def test_a_support_worker_is_not_asked(client):
    client.force_login(AgencyMembershipFactory().user)

    response = client.get(reverse("referrals:list"))

    assert response.status_code == 200


def test_setting_up_an_app_verifies_the_session_and_shows_backup_codes(client):
    user = PlatformRoleFactory().user
    client.force_login(user)
    page = client.get(reverse("accounts:two_factor_setup"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = client.post(reverse("accounts:two_factor_setup"), {"token": _code(device)})

    assert response.status_code == 200
    assert StaticDevice.objects.get(user=user).token_set.count() == 10
    assert client.get(reverse("dashboard:index")).status_code == 200


def test_a_wrong_code_does_not_set_up_the_app(client):
    user = PlatformRoleFactory().user
    client.force_login(user)
    client.get(reverse("accounts:two_factor_setup"))

    response = client.post(reverse("accounts:two_factor_setup"), {"token": "000000"})

    assert "コードが違う" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_a_password_alone_cannot_replace_an_existing_app(client):
    user = PlatformRoleFactory().user
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)

    response = client.get(reverse("accounts:two_factor_setup"))

    assert response["Location"] == reverse("accounts:two_factor_verify")


def test_a_code_from_the_app_lets_the_coordinator_in(client):
    user = PlatformRoleFactory().user
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)

    response = client.post(
        reverse("accounts:two_factor_verify") + "?next=/dashboard/",
        {"token": _code(device), "next": "/dashboard/"},
    )

    assert response["Location"] == "/dashboard/"
    assert client.get(reverse("dashboard:index")).status_code == 200


def test_a_backup_code_works_once(client):
    user = PlatformRoleFactory().user
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    static.token_set.create(token="abcd1234")
    client.force_login(user)

    client.post(reverse("accounts:two_factor_verify"), {"token": "abcd1234"})

    assert client.get(reverse("dashboard:index")).status_code == 200
    assert not static.token_set.exists()


def test_login_verified_helper_passes_the_second_factor(client):
    login_verified(client, PlatformRoleFactory().user)

    assert client.get(reverse("dashboard:index")).status_code == 200
