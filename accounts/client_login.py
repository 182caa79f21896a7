"""Sign a Django test ``Client`` in past two-factor sign-in: for the test suite and for the
benchmarks that drive the site in-process (never used by a request)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


def client_login_verified(*, client: Any, user: Any, device_name: str = "test") -> TOTPDevice:
    """``client.force_login(user)`` and mark the session verified with a real, confirmed TOTP
    device (django_otp.login stores that device's id in the session)."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or (
        TOTPDevice.objects.create(user=user, name=device_name, confirmed=True)
    )
    request = HttpRequest()
    request.session = client.session
    request.user = user
    otp_login(request, device)
    request.session.save()
    return device
