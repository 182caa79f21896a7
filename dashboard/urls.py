"""/dashboard/…: figures only, never personal data; every table also answers ?format=csv|xlsx."""

from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("panels/", views.panels, name="panels"),
    path("gaps/", views.gaps, name="gaps"),
    path("report/", views.monthly_report, name="report"),
    path("population/", views.population_upload, name="population"),
]
