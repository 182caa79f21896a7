"""Admin registration of the spreadsheet import; imported by ``directory/wagtail_hooks.py``
(Wagtail only discovers the hooks modules of installed apps)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from directory.providers import access
from directory.spreadsheet import urls


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_coordinator(request.user)


@hooks.register("register_admin_urls")
def register_spreadsheet_admin_urls():
    return [path("spreadsheet/", include(urls, namespace="spreadsheet_admin"))]


@hooks.register("register_admin_menu_item")
def register_spreadsheet_menu_item():
    return CoordinatorMenuItem(
        _("一覧表から取り込み"),
        reverse("spreadsheet_admin:upload"),
        icon_name="doc-full-inverse",
        order=220,
    )
