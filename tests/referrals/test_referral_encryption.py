"""Personal fields are ciphertext in the database and decrypt only with the configured keys."""

from __future__ import annotations

import re

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import connection
from django.test import override_settings

from referrals.models import Client, Referral, ReferralEvent
from tests.referrals.factories import AgencyFactory, ClientFactory

pytestmark = pytest.mark.django_db

COLUMNS = (
    "name",
    "name_reading",
    "phone",
    "email",
    "date_of_birth",
    "household_type",
    "languages",
    "needs_summary",
)


FERNET_TOKEN = re.compile(r"gAAAAA[A-Za-z0-9_\-]+=*")


def raw(table: str, columns, pk: int):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()


def test_client_columns_are_not_plaintext():
    client = ClientFactory()
    row = raw("referrals_client", COLUMNS, client.pk)
    for column, value in zip(COLUMNS, row, strict=True):
        assert FERNET_TOKEN.fullmatch(value), column
    # Only values long enough not to turn up in random base64 by chance: a two-letter code
    # such as "vi" appears in about one token in eight, so it proves nothing here.
    text = " ".join(row)
    for plain in ("豊島", "花子", "としま", "090-1234-5678", "hanako", "家賃"):
        assert plain not in text
    loaded = Client.objects.get(pk=client.pk)
    assert loaded.name == "豊島 花子" and loaded.languages == ["ja", "vi"]


def test_need_and_event_notes_are_encrypted(world):
    from referrals import services

    referral = world.sent()
    services.referral_accept(referral=referral, by=world.provider_staff, note="本人と電話")
    assert raw("referrals_referral", ["need"], referral.pk)[0].startswith("gAAAAA")
    event = ReferralEvent.objects.filter(referral=referral).last()
    assert "本人" not in raw("referrals_referralevent", ["note"], event.pk)[0]
    assert event.note == "本人と電話"
    assert Referral.objects.get(pk=referral.pk).need == "食料の支援をお願いします"


def test_key_rotation_reads_old_rows_and_fails_without_the_key():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[old]):
        client = ClientFactory(agency=AgencyFactory())
    with override_settings(FIELD_ENCRYPTION_KEYS=[new, old]):
        assert Client.objects.get(pk=client.pk).name == "豊島 花子"
    with override_settings(FIELD_ENCRYPTION_KEYS=[new]):
        with pytest.raises(ImproperlyConfigured):
            Client.objects.get(pk=client.pk)


def test_encrypted_columns_cannot_be_filtered_on():
    with pytest.raises(FieldError):
        list(Client.objects.filter(name="豊島 花子"))
    assert Client.objects.filter(date_of_birth__isnull=True).count() == 0
