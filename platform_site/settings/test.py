"""The test suite: fast hashing, immediate tasks, in-memory email."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="test_tsunagu")
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Index updates are applied in the commit hook, so tests see fresh results without a worker.
SEARCH_QUEUE_DRAIN_ON_COMMIT = True
# Tests that read a page twice must see fresh data; tests/test_public_cache.py turns it on.
PUBLIC_PAGE_CACHE_SECONDS = 0
FACET_LABEL_CACHE_SECONDS = 0
