"""/admin/listings/…: the coordinators' lists and the merge (see wagtail_hooks.py)."""

from django.urls import path

from directory.providers import admin_views

app_name = "providers_admin"

urlpatterns = [
    path("applications/", admin_views.applications, name="applications"),
    path("applications/<int:pk>/", admin_views.application_detail, name="application"),
    path("reports/", admin_views.error_reports, name="error_reports"),
    path("reports/<int:pk>/", admin_views.error_report_handle, name="error_report_handle"),
    path("stale/", admin_views.stale, name="stale"),
    path("stale/<int:pk>/remind/", admin_views.stale_remind, name="stale_remind"),
    path("duplicates/", admin_views.duplicate_list, name="duplicates"),
    path("duplicates/merge/", admin_views.merge, name="merge"),
]
