"""A signed-in session is renewed (idle sign-out pushed back) at most once a minute."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.middleware import SESSION_RENEWED_KEY

pytestmark = pytest.mark.django_db

PAGE = "/search/?q=食料"


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _age_renewal(client, seconds: int) -> None:
    session = client.session
    session[SESSION_RENEWED_KEY] -= seconds
    session.save()


def test_first_request_after_sign_in_renews_the_session(signed_in):
    signed_in.get(PAGE)

    assert SESSION_RENEWED_KEY in signed_in.session


def test_a_request_within_the_interval_saves_no_session(signed_in):
    signed_in.get(PAGE)
    before = _expiry(signed_in)

    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get(PAGE)

    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert not [sql for sql in writes if "django_session" in sql]
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert _expiry(signed_in) == before


def test_a_request_after_the_interval_pushes_the_expiry_back(signed_in):
    signed_in.get(PAGE)
    _age_renewal(signed_in, settings.SESSION_RENEW_SECONDS)
    before = _expiry(signed_in)

    response = signed_in.get(PAGE)

    assert _expiry(signed_in) > before
    assert settings.SESSION_COOKIE_NAME in response.cookies  # the browser's cookie too


def test_an_idle_session_still_ends(signed_in):
    signed_in.get(PAGE)
    Session.objects.update(expire_date="2000-01-01T00:00:00Z")

    response = signed_in.get(reverse("referrals:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_anonymous_visitors_get_no_session(client):
    response = client.get(PAGE)

    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()
