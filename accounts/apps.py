from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Sign-in, lockout (django-axes) and two-factor sign-in (django-otp) for staff."""

    name = "accounts"
    verbose_name = _("アカウント")
