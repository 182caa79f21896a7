import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


def test_demo_accounts_get_an_authenticator_with_the_published_key(django_user_model, settings):
    settings.DEBUG = True
    admin = django_user_model.objects.create_superuser("admin", "a@example.jp", "x")
    out = io.StringIO()

    call_command("otp_demo_device", "admin", stdout=out)

    device = TOTPDevice.objects.get(user=admin, confirmed=True)
    assert device.key == "7473756e6167752d64656d6f2d6f6e6c792d3031"
    assert "ORZXK3TBM52S2ZDFNVXS233ONR4S2MBR" in out.getvalue()


def test_the_demo_key_is_refused_outside_debug(django_user_model, settings):
    settings.DEBUG = False
    django_user_model.objects.create_superuser("admin", "a@example.jp", "x")

    with pytest.raises(CommandError):
        call_command("otp_demo_device", "admin")
