from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformSiteConfig(AppConfig):
    name = "platform_site"
    verbose_name = _("サイト")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from platform_site import signal_handlers

        signal_handlers.register()
