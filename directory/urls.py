from django.urls import path

from directory import views
from directory.hsds.feeds import ChangesFeed

app_name = "directory"

urlpatterns = [
    path("categories/<slug:code>/", views.category_detail, name="category"),
    path("services/<uuid:hsds_id>/", views.service_redirect, name="service_by_id"),
    # /handout/new?service=<uuid>&service=… is the GET form the search results submit.
    path("handout/new", views.handout_new, name="handout_new"),
    path("h/<str:code>", views.handout_detail, name="handout"),
    path("h/<str:code>/mail", views.handout_mail, name="handout_mail"),
    # Changed and removed listings, for directories that follow ours (directory/hsds/feeds.py).
    path("feeds/changes.atom", ChangesFeed(), name="feed_changes"),
]
