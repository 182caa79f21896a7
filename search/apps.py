from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "resource_search"
    verbose_name = _("検索")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from search import signal_handlers

        signal_handlers.register()
