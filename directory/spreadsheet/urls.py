"""Admin URLs of the spreadsheet import, mounted at /admin/spreadsheet/ by wagtail_hooks.py."""

from django.urls import path, re_path

from directory.spreadsheet import views

app_name = "spreadsheet_admin"

urlpatterns = [
    path("", views.upload, name="upload"),
    re_path(r"^template\.(?P<fmt>xlsx|csv)$", views.template_download, name="template"),
]
