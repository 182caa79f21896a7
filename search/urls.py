from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/saved/", views.saved_search_create, name="saved_create"),
    path("search/saved/<int:saved_id>/delete/", views.saved_search_delete, name="saved_delete"),
]
