"""Production: every secret comes from the environment; `manage.py check --deploy` is clean.

The process refuses to start without SECRET_KEY or FIELD_ENCRYPTION_KEYS: a key derived from
SECRET_KEY would make every client record unreadable the day the secret is rotated.
Every variable is listed in docs/deploy.md ("Security settings").
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, MIDDLEWARE, STORAGES, env


def _required(name: str) -> str:
    value = env.str(name, default="")
    if not value.strip():
        raise ImproperlyConfigured(
            f"{name} must be set in the environment for production (see docs/deploy.md, "
            f"'Security settings')."
        )
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
# Fernet keys, comma-separated, newest first: the first encrypts, all decrypt.
_required("FIELD_ENCRYPTION_KEYS")
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# TLS ends at the reverse proxy, which must set this header (and strip it from clients).
SECURE_PROXY_SSL_HEADER = (
    env.str("SECURE_PROXY_SSL_HEADER_NAME", default="HTTP_X_FORWARDED_PROTO"),
    env.str("SECURE_PROXY_SSL_HEADER_VALUE", default="https"),
)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Only `make serve` (plain HTTP on 127.0.0.1, var/production.env) turns this off.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = env.bool(
    "SECURE_COOKIES", default=True
)
SESSION_COOKIE_HTTPONLY = True

# Static files: collected into STATIC_ROOT (var/static) with hashed names, gzip and brotli
# copies, and served by WhiteNoise from the application with far-future caching headers.
MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware first (redirects, HSTS), then the static files
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Shared by every gunicorn worker on the host (public page cache and its generation, facet
# labels, rate limits). Several application hosts: a cache they share, e.g. a database
# cache (`dbcache://tsunagu_cache` after `manage.py createcachetable`) or memcached.
# The file cache culls a third of its entries on every write once it holds MAX_ENTRIES (300
# unless set): the public pages of a busy site (searches × languages) need thousands. Each
# write also lists the folder, so no more than that: heavy traffic wants memcached or Redis.
CACHES = {
    "default": env.cache(
        "CACHE_URL", default=f"filecache://{BASE_DIR / 'var' / 'cache'}?max_entries=5000"
    )
}

# Elasticsearch cluster: shards and replicas of each new index (the alias swap is unchanged).
ELASTICSEARCH_INDEX_REPLICAS = env.int("ELASTICSEARCH_INDEX_REPLICAS", default=1)
