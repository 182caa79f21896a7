"""Give demo accounts an authenticator (TOTP) with a shared, published demo key.

Demo only: the key below is in the README, so anyone can make codes for these accounts. The
command refuses to run unless DEBUG is on or ``--i-know-this-is-a-demo`` is given.
"""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services

# 20 bytes, as RFC 6238 recommends for HMAC-SHA1; base32: the key to type into an app.
DEMO_KEY_HEX = "7473756e6167752d64656d6f2d6f6e6c792d3031"
DEMO_DEVICE_NAME = "demo"


class Command(BaseCommand):
    help = "Demo accounts: an authenticator with the published demo key, and backup codes."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="*", default=["admin", "moderator"])
        parser.add_argument("--i-know-this-is-a-demo", action="store_true", dest="force")

    def handle(self, *args, usernames: list[str], force: bool, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Demo key: only with DEBUG=True or --i-know-this-is-a-demo.")
        User = get_user_model()
        secret = base64.b32encode(bytes.fromhex(DEMO_KEY_HEX)).decode()
        devices = []
        for username in usernames:
            user = User.objects.filter(username=username).first()
            if user is None:
                self.stderr.write(f"{username}: no such account (run load_demo_data first)")
                continue
            TOTPDevice.objects.filter(user=user).delete()
            device = TOTPDevice.objects.create(
                user=user, name=DEMO_DEVICE_NAME, key=DEMO_KEY_HEX, confirmed=True
            )
            devices.append(device)
            codes = services.backup_codes_renew(user=user)
            self.stdout.write(f"{username}: backup codes {' '.join(codes)}")
        self.stdout.write(f"Demo authenticator key (same for every demo account): {secret}")
        if devices:  # one QR code: the key is the same, only the label differs
            segno.make(devices[0].config_url, error="m").terminal(out=self.stdout, compact=True)
