from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("社会資源ディレクトリ")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Receivers import models and services, which Django allows only once apps are loaded.
        from directory.providers import signal_handlers

        signal_handlers.register()
