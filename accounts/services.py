"""Writes for two-factor sign-in: an authenticator app (TOTP) and one-time backup codes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"


def totp_device_pending(*, user: Any) -> TOTPDevice:
    """The unconfirmed authenticator of ``user``: the same secret until it is confirmed, so
    reloading the set-up page does not invalidate a QR code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, request: Any, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm ``device`` with a code from the app, mark the session verified and return a
    fresh set of backup codes; ``None`` if the code is wrong."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Only one authenticator: an older one (a lost phone) stops working.
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    otp_login(request, device)
    return backup_codes_renew(user=device.user)


@transaction.atomic
def backup_codes_renew(*, user: Any) -> list[str]:
    """Replace ``user``'s backup codes with new ones (each works once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def second_factor_verify(*, request: Any, token: str) -> bool:
    """Check a code from the app or a backup code; on success the session is verified."""
    token = "".join(token.split())
    for device_class in (TOTPDevice, StaticDevice):
        for device in device_class.objects.filter(user=request.user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(token):
                otp_login(request, device)
                return True
    return False
