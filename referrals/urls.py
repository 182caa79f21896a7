"""/referrals/…: codes (TSN-XXXX-XX) and numeric ids in paths, never a name."""

from django.urls import path
from django.views.generic import RedirectView

from referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("new/", views.referral_new, name="new"),
    path("inbox/", views.inbox, name="inbox"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read-all/", views.notification_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    # The statistics moved to the dashboard (issue 14); the name stays for old links.
    path(
        "stats/",
        RedirectView.as_view(pattern_name="dashboard:index", query_string=True),
        name="stats",
    ),
    path("access-log/", views.access_log, name="access_log"),
    path("favourites/new/", views.favourite_list_create, name="favourite_list_create"),
    path("favourites/service/", views.favourite_service, name="favourite_service"),
    path("favourites/<int:list_id>/", views.favourite_list_detail, name="favourite_list"),
    path(
        "favourites/<int:list_id>/rename/",
        views.favourite_list_rename,
        name="favourite_list_rename",
    ),
    path(
        "favourites/<int:list_id>/delete/",
        views.favourite_list_delete,
        name="favourite_list_delete",
    ),
    path("clients/<int:client_id>/", views.client_detail, name="client"),
    path(
        "clients/<int:client_id>/consents/<int:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    # The signed token (referrals.links) is URL-safe base64 with ":" separators: no "/".
    path("link/<str:token>/", views.provider_link, name="provider_link"),
    path("<str:code>/", views.referral_detail, name="detail"),
    path("<str:code>/act/", views.referral_act, name="act"),
    path("<str:code>/slip/", views.referral_slip, name="slip"),
]
