"""django-axes locks every sign-in path after the failure limit (issue 13, item 2)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

WRONG = "not-the-password"


def _sign_in(client, url, username, password):
    return client.post(url, {"username": username, "password": password})


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, member, password):
    url = reverse("accounts:login")
    for _ in range(30):
        _sign_in(client, url, "member", WRONG)

    response = _sign_in(client, url, "member", password)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_thirty_wrong_passwords_then_the_right_one_is_refused_on_the_admin_logins(
    client, django_user_model, password, url
):
    django_user_model.objects.create_superuser("boss", "boss@example.jp", password)
    for _ in range(30):
        _sign_in(client, url, "boss", WRONG)

    _sign_in(client, url, "boss", password)

    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_the_admin_logins_send_people_to_our_sign_in_page(client, url):
    response = client.get(url + "?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/admin/pages/"


def test_a_locked_out_person_sees_a_kind_message_with_the_wait(client, member, settings):
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("accounts:login")
    for _ in range(3):
        _sign_in(client, url, "member", WRONG)

    response = _sign_in(client, url, "member", WRONG)

    assert response.status_code == 429
    text = response.content.decode()
    assert "一時的にロックされています" in text
    assert "15分たってから" in text


def test_failures_below_the_limit_do_not_lock(client, member, password, settings):
    settings.AXES_FAILURE_LIMIT = 5
    url = reverse("accounts:login")
    for _ in range(4):
        _sign_in(client, url, "member", WRONG)

    _sign_in(client, url, "member", password)

    assert client.session["_auth_user_id"] == str(member.pk)


def test_the_lock_is_per_username_so_others_still_sign_in(
    client, member, django_user_model, password
):
    django_user_model.objects.create_user("colleague", "c@example.jp", password)
    url = reverse("accounts:login")
    for _ in range(10):
        _sign_in(client, url, "member", WRONG)

    _sign_in(client, url, "colleague", password)

    assert "_auth_user_id" in client.session


def test_the_lock_ends_after_the_cool_off(client, member, password, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt

    url = reverse("accounts:login")
    for _ in range(10):
        _sign_in(client, url, "member", WRONG)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    _sign_in(client, url, "member", password)

    assert client.session["_auth_user_id"] == str(member.pk)
