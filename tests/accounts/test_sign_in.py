"""The sign-in page, where people land after it, the header links and password reset."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.selectors import home_url_for
from referrals.choices import PlatformRoleKind
from tests.referrals.factories import (
    AgencyMembershipFactory,
    PlatformRoleFactory,
    ProviderMembershipFactory,
)

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_uses_the_site_look(client):
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 200
    assert "base.html" in [t.name for t in response.templates]


def test_the_header_links_to_sign_in(client):
    response = client.get(reverse("accounts:login"))

    assert f'href="{reverse("accounts:login")}"' in response.content.decode()


def test_the_header_shows_the_name_and_sign_out_when_signed_in(client):
    user = AgencyMembershipFactory(user__username="tanaka").user
    client.force_login(user)

    text = client.get(reverse("referrals:list")).content.decode()

    assert "tanaka" in text
    assert reverse("accounts:logout") in text


def test_a_support_worker_lands_on_my_work():
    assert home_url_for(user=AgencyMembershipFactory().user) == reverse("my")


def test_provider_staff_land_on_my_work():
    assert home_url_for(user=ProviderMembershipFactory().user) == reverse("my")


def test_a_coordinator_lands_on_the_dashboard():
    user = PlatformRoleFactory(role=PlatformRoleKind.COORDINATOR).user
    assert home_url_for(user=user) == reverse("dashboard:index")


def test_an_administrator_lands_in_the_admin(django_user_model):
    user = django_user_model.objects.create_superuser("boss", "b@example.jp", "x")
    assert home_url_for(user=user) == reverse("wagtailadmin_home")


def test_signing_in_sends_a_support_worker_to_their_work(client, password):
    user = AgencyMembershipFactory().user
    user.set_password(password)
    user.save()

    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": password}
    )

    assert response["Location"] == reverse("my")


def test_a_short_new_password_is_refused(django_user_model):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("kT9#vq2!Lm", user=django_user_model(username="x"))


def test_password_reset_mails_a_link_to_our_page(client, member):
    response = client.post(reverse("accounts:password_reset"), {"email": member.email})

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body
    assert "新しいパスワード" in mail.outbox[0].body


def test_staff_are_signed_out_after_inactivity(settings):
    # Renewed by accounts.middleware.SessionRenewalMiddleware (tests/accounts/test_session_renewal.py).
    assert "accounts.middleware.SessionRenewalMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_RENEW_SECONDS <= 5 * 60
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
