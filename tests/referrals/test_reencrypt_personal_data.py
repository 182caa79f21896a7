"""Key rotation: `reencrypt_personal_data` moves every encrypted value to the newest key."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from referrals.models import Client, ReferralEvent
from tests.referrals.conftest import build_world

pytestmark = pytest.mark.django_db

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()


@pytest.fixture
def written_with_old_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    return build_world().sent()


def test_after_reencrypting_the_old_key_can_be_dropped(settings, written_with_old_key, capsys):
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]
    call_command("reencrypt_personal_data", "--batch-size", "1")
    settings.FIELD_ENCRYPTION_KEYS = [NEW]
    client = Client.objects.get(pk=written_with_old_key.client_id)
    assert client.name  # decrypts with the new key alone
    assert ReferralEvent.objects.filter(referral=written_with_old_key).exists()
    assert written_with_old_key.__class__.objects.get(pk=written_with_old_key.pk).need
    out = capsys.readouterr().out
    assert "referrals.Client: 1 rows" in out and "re-encrypted" in out


def test_a_second_run_finds_nothing_to_do(settings, written_with_old_key, capsys):
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]
    call_command("reencrypt_personal_data")
    capsys.readouterr()
    call_command("reencrypt_personal_data")
    assert "total: 0 values re-encrypted" in capsys.readouterr().out


def test_dry_run_counts_but_writes_nothing(settings, written_with_old_key, capsys):
    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]
    call_command("reencrypt_personal_data", "--dry-run")
    out = capsys.readouterr().out
    assert "to re-encrypt (dry run)" in out and "total: 0 " not in out
    settings.FIELD_ENCRYPTION_KEYS = [NEW]
    with pytest.raises(ImproperlyConfigured):
        Client.objects.get(pk=written_with_old_key.client_id)
