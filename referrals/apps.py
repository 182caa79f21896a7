from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("紹介（つなぎ）")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from referrals import checks  # noqa: F401  (registers the deploy checks)
