"""/providers/…: the provider dashboard, invitations and the public forms."""

from django.urls import path

from directory.providers import views

app_name = "providers"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("services/<int:service_id>/availability/", views.quick_availability, name="availability"),
    path("services/<int:service_id>/capacity/", views.quick_capacity_note, name="capacity_note"),
    path("services/<int:service_id>/alert/", views.quick_alert, name="alert"),
    path("services/<int:service_id>/closure/", views.quick_closure, name="closure"),
    path("services/<int:service_id>/confirm/", views.confirm, name="confirm"),
    # Signed tokens (django.core.signing) are URL-safe base64 with ":" separators: no "/".
    path("confirm/<str:token>/", views.confirm_link, name="confirm_link"),
    path("invite/", views.invite, name="invite"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.apply_done, name="apply_done"),
    path("report/<uuid:hsds_id>/", views.report_error, name="report"),
    path("report/<uuid:hsds_id>/thanks/", views.report_done, name="report_done"),
]
