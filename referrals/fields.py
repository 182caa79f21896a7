"""Model fields encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256) from ``cryptography``.

Why not a packaged field library: django-fernet-encrypted-fields (maintained, Django 5.2) derives
its key from ``SECRET_KEY`` + ``SALT_KEY``, which ties personal data to the session-signing
secret; the Django 5 fork of django-cryptography has had no release since 2024. The cryptography
is ``cryptography``'s MultiFernet; this module is only the Django glue (about 100 lines).

Keys: ``settings.FIELD_ENCRYPTION_KEYS``, a list of Fernet keys (urlsafe base64 of 32 bytes),
newest first: the first encrypts, all decrypt, so a key is rotated by putting a new one in front
and running ``manage.py reencrypt_personal_data`` (``referrals.rekeying``). Without the setting
a development key is derived from ``SECRET_KEY`` (HKDF), in development and tests only: the
production settings refuse to start without ``FIELD_ENCRYPTION_KEYS``.

Ciphertext cannot be searched or compared, so only ``isnull`` lookups are allowed: a filter on
an encrypted column is a bug (it would silently match nothing).
"""

from __future__ import annotations

import base64
import datetime
import functools
import json
from typing import TYPE_CHECKING, Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.lookups import IsNull

_HKDF_SALT = b"tsunagu.referrals.fields"


def development_key(secret_key: str) -> bytes:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=_HKDF_SALT, info=b"field-encryption"
    ).derive(secret_key.encode())
    return base64.urlsafe_b64encode(derived)


@functools.lru_cache(maxsize=8)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be Fernet keys (Fernet.generate_key())."
        ) from exc


def configured_keys() -> tuple[str, ...]:
    keys = getattr(settings, "FIELD_ENCRYPTION_KEYS", None) or []
    if isinstance(keys, str | bytes):
        keys = [keys]
    if not keys:
        keys = [development_key(settings.SECRET_KEY)]
    return tuple(k.decode() if isinstance(k, bytes) else k for k in keys)


def fernet() -> MultiFernet:
    # Settings are read per call (not at import) so override_settings and rotation work.
    return _fernet_for(configured_keys())


def encrypt_text(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt_text(value: str) -> str:
    try:
        return fernet().decrypt(value.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An encrypted field could not be decrypted: is FIELD_ENCRYPTION_KEYS complete?"
        ) from exc


class EncryptedMixin:
    """Encrypt the serialised value on the way to the database, decrypt on the way back.

    The empty string is stored as is (it is what anonymisation leaves behind), NULL stays NULL.
    """

    def get_internal_type(self) -> str:
        return "TextField"

    def serialise(self, value: Any) -> str:
        return str(value)

    def deserialise(self, text: str) -> Any:
        return self.to_python(text)  # type: ignore[attr-defined]

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if not prepared:
            value = self.get_prep_value(value)  # type: ignore[attr-defined]
        if value is None:
            return None
        text = self.serialise(value)
        return encrypt_text(text) if text != "" else ""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        if value == "":
            return self.to_python("")  # type: ignore[attr-defined]
        return self.deserialise(decrypt_text(value))

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "isnull":
            return IsNull
        return None


class EncryptedCharField(EncryptedMixin, models.CharField):
    """max_length applies to the plaintext (form validation); the column is text."""


class EncryptedTextField(EncryptedMixin, models.TextField):
    pass


class EncryptedEmailField(EncryptedMixin, models.EmailField):
    pass


class EncryptedDateField(EncryptedMixin, models.DateField):
    def serialise(self, value: datetime.date) -> str:
        return value.isoformat()

    def to_python(self, value: Any) -> Any:
        if value == "":
            return None
        return super().to_python(value)


if TYPE_CHECKING:  # for django-stubs: in Python the field holds a list, not the stored text
    _ListColumn = models.TextField[list[str], list[str]]
else:
    _ListColumn = models.TextField


class EncryptedJSONListField(EncryptedMixin, _ListColumn):
    """A list of short codes (e.g. language codes), encrypted as one JSON document."""

    def serialise(self, value: Any) -> str:
        return json.dumps(list(value or []), ensure_ascii=False)

    def get_prep_value(self, value: Any) -> Any:
        return value

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, list):
            return value
        if value == "":
            return []
        return json.loads(value)

    def deserialise(self, text: str) -> Any:
        return json.loads(text)

    def value_to_string(self, obj: Any) -> str:
        return self.serialise(self.value_from_object(obj))
