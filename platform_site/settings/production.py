"""Production: every secret comes from the environment; `manage.py check --deploy` is clean.

The process refuses to start without SECRET_KEY or FIELD_ENCRYPTION_KEYS: a key derived from
SECRET_KEY would make every client record unreadable the day the secret is rotated.
Every variable is listed in docs/deploy.md ("Security settings").
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env


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
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
