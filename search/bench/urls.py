"""The project's URLs plus two benchmark-only views; used only by ``manage.py benchmark_search``.

Never the ``ROOT_URLCONF`` of a deployed site: the benchmark server switches to it with
``override_settings``. ``/bench/floor`` is the bare floor (the same server, middleware and URL
resolution as ``/api/v1/search``, with nothing behind it) and ``/bench/stats`` reports the
serving process's peak memory and CPU time per request.
"""

from __future__ import annotations

import os
import resource

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from platform_site.urls import urlpatterns as site_urlpatterns
from search.bench.server import cpu_samples_take

FLOOR_BODY = b'{"count": 0, "results": [], "facets": {}}'


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(FLOOR_BODY, content_type="application/json")


def stats(request: HttpRequest) -> JsonResponse:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return JsonResponse(
        {"pid": os.getpid(), "max_rss_kb": usage.ru_maxrss, "cpu_s": cpu_samples_take()}
    )


# Spliced into the project's list rather than include()d, so whatever must stay at the root of
# the URLconf (Wagtail's catch-all, last) stays there.
urlpatterns = [
    path("bench/floor", floor, name="bench-floor"),
    path("bench/stats", stats, name="bench-stats"),
    *site_urlpatterns,
]
