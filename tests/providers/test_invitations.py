"""Invitations: signed, expiring, single use; accepting makes a member with rights."""

import re
import time

import pytest
from django.core import mail, signing

from directory.models import ProviderInvitation
from directory.providers import links, services
from referrals.models import ProviderMembership
from tests.otp import login_verified

pytestmark = pytest.mark.django_db

PASSWORD = "kakunin-Aozora-2026"


def invite(world, django_capture_on_commit_callbacks, email="new.staff@example.jp"):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            organization=world.organization, email=email, by=world.coordinator
        )
    return invitation


def link_from_mail() -> str:
    body = mail.outbox[-1].body
    return re.search(r"http://testserver(/providers/invitation/[^\s]+/)", body).group(1)


def test_coordinator_invites_by_email_and_the_invitee_lands_in_the_admin(
    world, client, django_capture_on_commit_callbacks, django_user_model
):
    login_verified(client, world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/providers/invite/",
            {"organization": world.organization.pk, "email": "New.Staff@example.jp"},
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new.staff@example.jp"]
    assert "NPO法人 フードバンクテスト" in mail.outbox[-1].body
    path = link_from_mail()
    client.logout()

    page = client.get(path)
    assert page.status_code == 200
    assert "パスワード" in page.content.decode()
    weak = client.post(path, {"password1": "12345678", "password2": "12345678"})
    assert weak.status_code == 200  # Django's password validators said no
    assert not django_user_model.objects.filter(username="new.staff@example.jp").exists()

    response = client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{world.organization.pk}/"
    user = django_user_model.objects.get(username="new.staff@example.jp")
    assert ProviderMembership.objects.filter(user=user, organization=world.organization).exists()
    assert world.service.permissions_for_user(user).can_edit()
    assert not world.other_service.permissions_for_user(user).can_edit()
    assert client.get(f"/admin/pages/{world.service.pk}/edit/").status_code == 200

    # Single use.
    client.logout()
    again = client.get(path)
    assert again.status_code == 400
    assert "すでに使われています" in again.content.decode()


def test_only_coordinators_may_invite(world, client):
    login_verified(client, world.staff)
    response = client.post(
        "/providers/invite/", {"organization": world.organization.pk, "email": "x@example.jp"}
    )
    assert response.status_code == 403
    assert not ProviderInvitation.objects.exists()


def test_an_invitation_expires_after_seven_days(
    world, client, monkeypatch, django_capture_on_commit_callbacks
):
    real_time = time.time
    monkeypatch.setattr("time.time", lambda: real_time() - 8 * 24 * 3600)
    invite(world, django_capture_on_commit_callbacks)
    path = link_from_mail()
    monkeypatch.setattr("time.time", real_time)
    response = client.get(path)
    assert response.status_code == 400
    assert "有効期限が切れています" in response.content.decode()


def test_a_six_day_old_invitation_still_works(
    world, client, monkeypatch, django_capture_on_commit_callbacks
):
    real_time = time.time
    monkeypatch.setattr("time.time", lambda: real_time() - 6 * 24 * 3600)
    invite(world, django_capture_on_commit_callbacks)
    path = link_from_mail()
    monkeypatch.setattr("time.time", real_time)
    assert client.get(path).status_code == 200


def test_a_tampered_invitation_is_refused(world, client, django_capture_on_commit_callbacks):
    invitation = invite(world, django_capture_on_commit_callbacks)
    forged = signing.dumps({"i": invitation.pk, "e": "attacker@example.jp"}, salt="wrong-salt")
    assert client.get(f"/providers/invitation/{forged}/").status_code == 400
    token = links.invitation_token(invitation=invitation)
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    assert client.get(f"/providers/invitation/{tampered}/").status_code == 400
    with pytest.raises(links.LinkInvalid):
        links.invitation_resolve(token=tampered)


def test_an_existing_account_joins_after_logging_in(
    world, client, django_capture_on_commit_callbacks
):
    invite(world, django_capture_on_commit_callbacks, email="other@example.jp")
    path = link_from_mail()
    assert "ログイン" in client.get(path).content.decode()
    login_verified(client, world.other_staff)
    response = client.post(path)
    assert response.status_code == 302
    assert ProviderMembership.objects.filter(
        user=world.other_staff, organization=world.organization
    ).exists()
