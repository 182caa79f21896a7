from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("categories/<slug:code>/", views.category_detail, name="category"),
    path("services/<uuid:hsds_id>/", views.service_redirect, name="service_by_id"),
]
