"""Single-request cost per kind: time and query count, in-process (django.test.Client)."""
import os, random, statistics, sys, time
sys.path.insert(0, os.getcwd())
sys.path.insert(0, os.path.join(os.getcwd(), "scripts", "load"))
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
import mix  # noqa

N = int(os.environ.get("N", 60))
CACHE = os.environ.get("CACHE", "0") == "1"
if not CACHE:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.FACET_LABEL_CACHE_SECONDS = int(os.environ.get("FACET", 3600))
random.seed(1)
anon = Client(HTTP_HOST="127.0.0.1")
links = [h["url"] for h in anon.get("/api/v1/search?page_size=100").json()["results"]]
urls = [anon.get(link)["Location"] for link in links]

def run(name, client, make_url):
    times, queries, codes = [], [], {}
    for _ in range(N):
        url = make_url()
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            r = client.get(url)
            if hasattr(r, "render"): pass
            times.append((time.perf_counter() - t) * 1000)
        queries.append(len(ctx.captured_queries))
        codes[r.status_code] = codes.get(r.status_code, 0) + 1
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{name:28} p50 {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms  queries med {statistics.median(queries):4.0f} max {max(queries):3d}  {codes}")

def signed_in(username):
    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(get_user_model().objects.get(username=username))
    return c

run("/search/", anon, mix.search_url)
run("/services/<id>/ (link)", anon, lambda: random.choice(links))
run("/<service page>/", anon, lambda: random.choice(urls))
run("/api/v1/search page_size=100", anon, lambda: "/api/v1/search?page_size=100")
w, p = signed_in("worker"), signed_in("provider")
run("/referrals/ (worker)", w, lambda: "/referrals/")
run("/referrals/notifications/", w, lambda: "/referrals/notifications/")
run("/providers/ (provider)", p, lambda: "/providers/")
run("/referrals/inbox/ (provider)", p, lambda: "/referrals/inbox/")
