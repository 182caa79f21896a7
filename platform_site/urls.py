from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from directory import urls as directory_urls
from platform_site.api import api
from platform_site.my import my_home
from search import urls as search_urls

# One sign-in page for the site and both admins: their own login pages send people to it (with
# ?next=), so lockout, two-factor and the password rules apply the same everywhere.
_to_sign_in = RedirectView.as_view(pattern_name="accounts:login", query_string=True)

urlpatterns = [
    path("accounts/", include("accounts.urls")),
    path("my/", my_home, name="my"),
    path("admin/login/", _to_sign_in),
    path("django-admin/login/", _to_sign_in),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(directory_urls)),
    path("", include(search_urls)),
    path("referrals/", include("referrals.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("providers/", include("directory.providers.urls")),
    path("api/", api.urls),
]

if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
