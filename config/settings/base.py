"""Settings shared by every environment.

Only the infrastructure switches (``DATABASE_URL``, ``REDIS_URL``, the machine translator's
``MT_ENGINE`` and its server and key) are read here, each with a safe embedded default (machine
translation off); other secrets and hosts are read in ``production.py`` alone.
"""

import os
import zoneinfo
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from .machine_translation import machine_translator

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "home",
    "pages",
    "snippets",
    "localization",
    "caching",
    "operations",
    "sitecontent",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_tasks",  # background tasks (below)
    "django_tasks_db",
    "axes",  # login throttling (below)
]

MIDDLEWARE = [
    "operations.request_log.RequestLogMiddleware",
    # Stores complete responses (with the security headers added below it): config/wsgi.py
    # serves them as they are.
    "caching.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    # Interface texts edited in the admin, current in this process (one cache read; neither a
    # page-cache hit nor a static file gets here): localization/interface_texts.py.
    "localization.interface_texts.InterfaceTextsMiddleware",
    "operations.security.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LanguagePrefixMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.AdminSearchQueryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # login throttling (below)
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Security headers on every response; HTTPS-only ones (HSTS, Secure cookies) in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview sets its own (same origin)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content Security Policy (operations/security.py). Embeds (video) may come from these players.
EMBED_ORIGINS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *EMBED_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin renders inline scripts and styles, and previews pages in same-origin frames.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF, "blob:"],
        "frame-src": [SELF, *EMBED_ORIGINS],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# Database: SQLite beside the project unless DATABASE_URL names another (e.g. PostgreSQL).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (gunicorn workers, the task worker) write to one file: a transaction
    # takes the write lock when it begins and waits for it, instead of failing with "database
    # is locked" when a read transaction later needs to write (Django's advice for SQLite).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails a request in seconds (a 503) instead of hanging it.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else files on this machine (shared by all the processes
# of one instance, which the page cache's invalidation needs).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "skc"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Redis down: pages are served uncached (and /healthz says so), never a 500.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    # Sessions in Redis, written through to the database, so that no login is lost with Redis.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": BASE_DIR / "var" / "cache",
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "skc"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
# Rate-limit counters and used form tokens (operations/rate_limit.py): in a table of the
# database, apart from the page cache, so that a flood filling the page cache cannot evict them.
# The table is made by a migration (pages 0005).
CACHES["rate_limits"] = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "skc_rate_limits",
    "OPTIONS": {"MAX_ENTRIES": 1_000_000},
}
# Anonymous readers' pages are cached this long at most (caching/page_cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = 600
# Template fragments ({% taggedcache %}: menu, head, page content) for every reader, renewed when
# what they show changes like the page cache; this long at most. 0 turns them off.
FRAGMENT_CACHE_SECONDS = 3600
# The release of the code, part of the key of everything kept (caching/tagged_cache.py): a new
# one renders afresh. None: the installed package's version (production.py sets the image's
# SKC_RELEASE, the git commit; dev.py the time the server started).
CACHE_RELEASE = None
# How long a CDN in front of the site may keep an anonymous page (0: not at all); with a CDN,
# configure WAGTAILFRONTENDCACHE too, so that changes are purged from it (production.py).
CDN_CACHE_SECONDS = 0

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Bulgarian first, both languages URL-prefixed (/bg/, /en/).
LANGUAGE_CODE = "bg"
LANGUAGES = [
    ("bg", _("Bulgarian")),
    ("en", _("English")),
]
# Our own catalogue first, then the Bulgarian catalogues of installed apps (Wagtail,
# wagtail-localize, django-axes, ...) in locale/vendor/<app module>/ (docs/translating.md), added at
# the end of this file in INSTALLED_APPS order. LOCALE_PATHS win over the packages' own catalogues.
LOCALE_PATHS = [BASE_DIR / "locale"]
# The least share of an installed app's messages that must be Bulgarian (`manage.py
# check_catalogues`, run by `make check`; docs/translating.md lists the coverage per app).
CATALOGUE_MIN_COVERAGE = 0.99
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Sofia"
USE_I18N = True
USE_TZ = True
# The time zones an admin user may choose (Account settings): the site's own first, then every
# geographic IANA zone. The system's zone list also holds names such as "localtime" and
# "posixrules" that are files, not zones, which browsers reject.
WAGTAIL_USER_TIME_ZONES = [
    TIME_ZONE,
    *sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and name != TIME_ZONE and not name.startswith(("Etc/", "SystemV/"))
    ),
    "UTC",
]

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("bg", "Български"), ("en", "English")]
# A new translation starts as a draft: never publish the other language's text by accident.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation (a suggestion a translator confirms, never published unseen): off unless
# MT_ENGINE is set (config/settings/machine_translation.py, localization/machine_translation.py).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(os.environ)

# django-modeltranslation only for plain taxonomies (Topic); never on pages or snippets.
MODELTRANSLATION_DEFAULT_LANGUAGE = "bg"
MODELTRANSLATION_LANGUAGES = ("bg", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("bg",)

# Static files: served by whitenoise, hashed and compressed, cached for a year.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed files get "immutable" and a 10-year max-age from whitenoise; other files one day.
WHITENOISE_MAX_AGE = 86400

# Complex page forms in Wagtail's editor can exceed Django's default of 1000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Sofia Knowledge City"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
# Wagtail's database search: SQLite FTS5 by default, PostgreSQL full-text search there. PostgreSQL
# has no Bulgarian stemmer, and one index holds both languages, so the "simple" configuration
# (lower-cased words, no stemming, no stop words) serves Bulgarian and English alike.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_INLINE_CONTENT_TYPES = []  # every document is downloaded, never shown inline
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]  # no SVG
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from Gravatar: no editor's e-mail hash goes to a third party, and the admin's
# Content Security Policy loads images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# One JSON line per request and per log record, on stdout (operations/request_log.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "operations.request_log.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {"skc.requests": {"handlers": ["stdout"], "level": "INFO", "propagate": False}},
}

# Background tasks
# Wagtail's own tasks (search and reference index updates) and this site's long jobs (translating
# a page subtree, localization/tasks.py) go through django-tasks. Here (development, tests) they
# run at once; production.py keeps them in the database for `python manage.py db_worker`
# (django-tasks-db), which runs them in its own process, on any instance.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Media storage
# Admin uploads are written to the media storage while their form validates, so a storage that is
# down gives the editor a form error, never a 500 (operations/storage_errors.py). Object storage
# (S3) for media is switched on in production.py. The form bases are set once, under "Upload
# checks".

# Login throttling
# django-axes counts failed admin sign-ins per user name and client address; the fifth failure
# locks that pair until an administrator runs `python manage.py axes_reset_username NAME` (or
# `axes_reset_ip_username IP NAME`, or `axes_reset` for everyone). Per account, from any address:
# SIGN_IN_ACCOUNT_LIMIT failures within its period pause signing in to that account until fewer
# remain in the period (at most that long, so a stranger cannot lock an editor out for long;
# attempts refused meanwhile do not count). The login page says which, in the admin's language,
# with status 429 (operations/login_throttling.py). Password reset requests are limited per client
# address (a form error) and per e-mail address (silently).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # failures only: no record of every successful sign-in
AXES_CLIENT_IP_CALLABLE = "operations.rate_limit.client_ip"
AXES_LOCKOUT_CALLABLE = "operations.login_throttling.lockout_response"
AXES_HANDLER = "operations.login_throttling.AccountPausingHandler"
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # each failure's time: what the account limit counts
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
SIGN_IN_ACCOUNT_LIMIT = (10, 15 * 60)  # (failures, seconds) per user name, from any address
WAGTAILADMIN_USER_LOGIN_FORM = "operations.login_throttling.LoginForm"
PASSWORD_RESET_LIMIT = (5, 60 * 60)  # (requests, seconds) per client address
PASSWORD_RESET_EMAIL_LIMIT = (3, 60 * 60)  # e-mails per address asked for

# Rate limits
# Per client address, counted in the cache (operations/rate_limit.py): REMOTE_ADDR, or with
# TRUSTED_PROXY_COUNT reverse proxies in front of the app, the address the outermost one appended
# to X-Forwarded-For (behind one TLS-terminating proxy: 1).
TRUSTED_PROXY_COUNT = 0
REPORT_REQUEST_LIMIT = (5, 60 * 60)  # benchmarking report requests (pages/forms.py)
ACCESSIBILITY_FEEDBACK_LIMIT = (5, 60 * 60)  # pages/models/accessibility.py

# Upload checks
# A damaged image (a sound header, truncated or corrupt data) is a form error rather than a 500,
# and an animation's frames count towards WAGTAILIMAGES_MAX_IMAGE_PIXELS, as Wagtail means but its
# Pillow backend does not do (operations/image_checks.py). Replacing the file of an existing image
# or document needs the collection's "change" permission (localization/media_permissions.py). Each
# form builds on the one before: storage errors -> image checks -> replace permission.
WAGTAILIMAGES_IMAGE_FORM_BASE = "localization.media_permissions.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "localization.media_permissions.DocumentForm"


def vendor_locale_paths(installed_apps):
    """locale/vendor/<app>/ in INSTALLED_APPS order: all of an app's `django` domain messages are
    merged into one catalogue and the first path that translates a message wins, so a message that
    Wagtail and Django both have reads as Wagtail's, as without our catalogues."""
    vendor = BASE_DIR / "locale" / "vendor"
    order = {app: position for position, app in enumerate(installed_apps)}
    found = [path for path in vendor.iterdir() if path.is_dir()] if vendor.is_dir() else []
    return sorted(found, key=lambda path: (order.get(path.name, len(order)), path.name))


LOCALE_PATHS += vendor_locale_paths(INSTALLED_APPS)

# The translation memory's fuzzy-match index (localization/memory.py) is rebuilt in a background
# thread of each web process when something is published; the previous index answers meanwhile.
SKC_MEMORY_INDEX_IN_BACKGROUND = True
