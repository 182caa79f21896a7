"""Settings shared by every environment.

The embedded default needs no server and no environment variable: SQLite, the database
search backend and console email. ``DATABASE_URL`` switches to PostgreSQL and
``ELASTICSEARCH_URL`` (with ``SEARCH_BACKEND=elasticsearch``) to Elasticsearch.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "platform_site",
    "directory",
    "search",
    "referrals",
    "dashboard",
    "accounts",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "platform_site.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "platform_site.security.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Right after the sessions: renews a signed-in session at most once a minute.
    "accounts.middleware.SessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: it needs the visitor (auth), the language (locale) and the CSRF cookie (csrf).
    "platform_site.public_cache.PublicPageCacheMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "platform_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "platform_site.context_processors.map_tiles",
            ],
        },
    },
]

WSGI_APPLICATION = "platform_site.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a management command writes. IMMEDIATE takes the
    # write lock when a transaction begins, and the busy timeout makes a second writer wait for
    # it: two staff acting on one referral get "someone was first", never "database is locked".
    _sqlite_options = DATABASES["default"].setdefault("OPTIONS", {})
    _sqlite_options["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    _sqlite_options.setdefault("transaction_mode", "IMMEDIATE")
    _sqlite_options.setdefault("timeout", env.int("SQLITE_TIMEOUT", default=20))
else:
    # A worker keeps its connection for CONN_MAX_AGE seconds and checks it before reusing it, so a
    # restarted PostgreSQL costs only the requests made while it was down, with no app restart
    # (scripts/drill_pg_restart.sh measures it).
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault(
        "CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS", default=True)
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ja"
# やさしい日本語 (plain Japanese) is a site language of its own. Django needs a code it accepts
# (``ja-easy``, catalogue in locale/ja_Easy) and an entry in LANG_INFO for the switcher; pages
# still declare ``lang="ja"`` (templates/base.html), as "easy" is no registered BCP 47 subtag.
LANGUAGES = [
    ("ja", _("日本語")),
    ("ja-easy", _("やさしい日本語")),
    ("en", _("English")),
]
LANG_INFO.setdefault(
    "ja-easy",
    {"bidi": False, "code": "ja-easy", "name": "Easy Japanese", "name_local": "やさしい にほんご"},
)
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAILADMIN_DEFAULT_LANGUAGE = "ja"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "platform_site" / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Development prints one line per mail (platform_site.mail); set EMAIL_BACKEND for real delivery.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="platform_site.mail.OneLineConsoleEmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="つなぐ <noreply@tsunagu.invalid>")

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Anonymous visitors' public pages (search, service pages) are cached this many seconds, and
# dropped at once when a page is published or unpublished (platform_site/public_cache.py);
# the bound is for what changes with the clock alone ("open now"). 0 turns the cache off.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)
# Category facet labels, kept until a term or page changes (search/services.py).
FACET_LABEL_CACHE_SECONDS = env.int("FACET_LABEL_CACHE_SECONDS", default=3600)

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "つなぐ"
# The site's own address for absolute links (e-mails, signed provider links), without a
# trailing slash. `make run PORT=…` passes PORT, so the default follows the port served.
SITE_URL = env("SITE_URL", default=f"http://127.0.0.1:{env('PORT', default='8000')}").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# Wagtail's own admin search stays on its database backend; the product's search is search/.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# Sign-in (accounts/): one page for the site and both admins; see docs and README.
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "accounts:login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day
# Signed out after this many seconds without a request. A request renews the session when it
# was last renewed SESSION_RENEW_SECONDS ago or more (accounts.middleware.SessionRenewalMiddleware),
# not on every request: the idle sign-out comes at most that much earlier, and a signed-in
# page saves no session most of the time.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=8 * 60 * 60)
SESSION_RENEW_SECONDS = env.int("SESSION_RENEW_SECONDS", default=60)
SESSION_SAVE_EVERY_REQUEST = False
# django-axes checks every authenticate() call, whatever the login URL; its check and Django's
# ModelBackend in one class (accounts.backends), so django.contrib.auth.login() needs no name.
AUTHENTICATION_BACKENDS = ["accounts.backends.LockoutModelBackend"]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# Two-factor sign-in (django-otp) is required for these Wagtail groups besides superusers,
# coordinators, administrators and agency leads (accounts.selectors.two_factor_required_for).
TWO_FACTOR_REQUIRED_GROUPS = env.list(
    "TWO_FACTOR_REQUIRED_GROUPS", default=["Moderators", "コーディネーター"]
)
OTP_TOTP_ISSUER = "つなぐ"

# The product's search (search/): "database" (default) or "elasticsearch".
SEARCH_BACKEND = env("SEARCH_BACKEND", default="database")
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="tsunagu")
# Shards and replicas of each new index. One shard keeps facet counts exact (ample for 100k
# services); one replica per extra node lets a cluster lose a node (production default: 1).
ELASTICSEARCH_INDEX_SHARDS = env.int("ELASTICSEARCH_INDEX_SHARDS", default=1)
ELASTICSEARCH_INDEX_REPLICAS = env.int("ELASTICSEARCH_INDEX_REPLICAS", default=0)
# Publishing only queues index updates for Elasticsearch; `process_search_queue --loop` (started
# by `make run`) applies them, so a hung node never slows a publish. True: apply them in the
# commit hook as well (the test suite, to see fresh results at once).
SEARCH_QUEUE_DRAIN_ON_COMMIT = env.bool("SEARCH_QUEUE_DRAIN_ON_COMMIT", default=False)

# Geocoding: "offline" (bundled gazetteer, default) or "nominatim" (network, opt-in).
GEOCODER = env("GEOCODER", default="offline")
GEOCODER_USER_AGENT = env("GEOCODER_USER_AGENT", default="tsunagu-directory")

# Referrals (referrals/): Fernet keys for personal data at rest, newest first. Empty: a
# development key derived from SECRET_KEY (development and tests only: production refuses to
# start without the setting, see settings/production.py).
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
REFERRAL_REMINDER_BUSINESS_DAYS = env.int("REFERRAL_REMINDER_BUSINESS_DAYS", default=3)
REFERRAL_LINK_MAX_AGE_DAYS = env.int("REFERRAL_LINK_MAX_AGE_DAYS", default=14)

# Security headers (platform_site/security.py). No inline script anywhere: scripts are static
# files, data goes through json_script (type application/json, never executed). The Wagtail
# admin gets inline styles and scripts it still needs, under ADMIN_PATH_PREFIXES only.
# Map tiles (search map, dashboard gap map): 地理院タイル (標準地図) unless set otherwise; the
# attribution is HTML, shown in the map's corner. Their origin is allowed as an image source.
MAP_TILE_URL = env(
    "MAP_TILE_URL", default="https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png"
)
MAP_TILE_ATTRIBUTION = env(
    "MAP_TILE_ATTRIBUTION",
    default='出典: <a href="https://maps.gsi.go.jp/development/ichiran.html">国土地理院</a>',
)
MAP_TILE_MAX_ZOOM = env.int("MAP_TILE_MAX_ZOOM", default=18)
_TILES = "/".join(MAP_TILE_URL.split("/")[:3])  # scheme://host of the tile URL
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", _TILES],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CSP_RELAXATIONS = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", _TILES, "https://www.gravatar.com"],
    "frame-src": ["'self'"],
}
# Only the search page's 「現在地を使う」 reads the position; nothing uses camera or microphone.
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": ["self"],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}
# Pages and API answers that can carry personal data: never stored by a browser or a proxy.
NO_STORE_PATH_PREFIXES = (
    "/referrals/",
    "/providers/",
    "/api/v1/referrals",
    "/admin/",
    "/django-admin/",
    # Sign-in, two-factor set-up (backup codes) and the coordinator's figures.
    "/accounts/",
    "/dashboard/",
    # 「わたしの仕事」: recent clients' names.
    "/my/",
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
