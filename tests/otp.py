"""Sign a test client in past two-factor sign-in, for accounts that need it."""

from __future__ import annotations

from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.client_login import client_login_verified


def login_verified(client: Any, user: Any) -> TOTPDevice:
    """``client.force_login(user)`` with the session marked verified (accounts.client_login)."""
    return client_login_verified(client=client, user=user)
