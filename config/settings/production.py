"""Production: every secret and host comes from the environment; a missing one stops startup.

Required: SECRET_KEY, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, WAGTAILADMIN_BASE_URL.
Optional: DATABASE_URL, REDIS_URL, PAGE_CACHE_SECONDS (0 turns the page cache off),
FRAGMENT_CACHE_SECONDS (0 turns template fragment caching off),
FRONTEND_CACHE_PURGE_URL or CLOUDFLARE_ZONEID + CLOUDFLARE_BEARER_TOKEN (a CDN to purge),
CDN_CACHE_SECONDS, SKC_RELEASE (the release: set when the image is built, Dockerfile),
SECURE_SSL_REDIRECT (default on), SECURE_HSTS_SECONDS,
EMAIL_URL-style settings (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
DEFAULT_FROM_EMAIL, SERVER_EMAIL), MANAGERS (who gets report requests).
"""

import os
from email.utils import getaddresses

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

from .base import *  # noqa: F403


def required_env(name: str) -> str:
    """Return the environment variable ``name`` or stop with a message that says how to set it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required with config.settings.production "
            f"(see the README's table of environment variables)."
        )
    return value


def env_list(name: str) -> list[str]:
    return [item.strip() for item in required_env(name).split(",") if item.strip()]


def env_addresses(name: str) -> list[tuple[str, str]]:
    """A comma-separated list of e-mail addresses, each optionally with a name
    (``Office <office@example.org>, board@example.org``), as (name, address) pairs; empty when
    unset. A value that is not such a list stops start-up with a message that says so."""
    value = os.environ.get(name, "").strip()
    if not value:
        return []
    addresses = getaddresses([value])
    try:
        if not all(address for _name, address in addresses):
            raise ValidationError("empty")
        for _name, address in addresses:
            validate_email(address)
    except ValidationError:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a comma-separated list of e-mail "
            f'addresses, each optionally with a name: "Office <office@example.org>, '
            f'board@example.org" (got {value!r}).'
        ) from None
    return addresses


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False
# The git commit the image was built from (Dockerfile): a new release renders afresh.
CACHE_RELEASE = os.environ.get("SKC_RELEASE", "").strip() or None
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(PAGE_CACHE_SECONDS)))  # noqa: F405
FRAGMENT_CACHE_SECONDS = int(
    os.environ.get("FRAGMENT_CACHE_SECONDS", str(FRAGMENT_CACHE_SECONDS))  # noqa: F405
)
SECRET_KEY = required_env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = required_env("WAGTAILADMIN_BASE_URL")

# HTTPS, assuming a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
# Background work (search indexing, subtree translations, CDN purges) waits in the database for
# `python manage.py db_worker`, which can run on another instance.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers check over plain HTTP
# Reverse proxies in front of the app that each append the address they saw to X-Forwarded-For
# (1 behind one TLS-terminating proxy, 2 behind a CDN and a load balancer). None unless told:
# gunicorn reached directly must not believe a client's own X-Forwarded-For, or every request
# could claim a new address and slip past the per-address limits (docs/deploy.md).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# A CDN or caching proxy in front of the site: purged through wagtail.contrib.frontend_cache.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # e.g. Varnish: http://127.0.0.1:6081
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
elif os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": required_env("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
        }
    }
CDN_CACHE_SECONDS = int(
    os.environ.get("CDN_CACHE_SECONDS", "300" if "WAGTAILFRONTENDCACHE" in globals() else "0")
)

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Who gets readers' report requests for a label page without its own e-mail address.
MANAGERS = env_addresses("MANAGERS")

# Media storage
# Images, documents and renditions in S3-compatible object storage (AWS S3, MinIO, ...) when
# AWS_STORAGE_BUCKET_NAME is set, so that every app instance sees the same files; MEDIA_ROOT on
# this machine otherwise (one instance only). Optional: AWS_S3_ENDPOINT_URL (not AWS),
# AWS_S3_REGION_NAME, AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (else boto3's own credentials,
# e.g. an instance role), AWS_S3_CUSTOM_DOMAIN + AWS_S3_URL_PROTOCOL (where readers fetch
# renditions, e.g. a CDN). The bucket stays private but for images/ (config/object_storage.py);
# documents always pass Wagtail's privacy checks (serve_view), never a bucket URL.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    from config.object_storage import allow_images_from, media_origins, s3_storages

    media_location = {
        "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL"),
        "region_name": os.environ.get("AWS_S3_REGION_NAME"),
        "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN"),
        "url_protocol": os.environ.get("AWS_S3_URL_PROTOCOL", "https:"),
    }
    STORAGES = {
        **STORAGES,  # noqa: F405
        **s3_storages(
            **media_location,
            access_key=os.environ.get("AWS_ACCESS_KEY_ID"),
            secret_key=(
                required_env("AWS_SECRET_ACCESS_KEY")
                if os.environ.get("AWS_ACCESS_KEY_ID")
                else None
            ),
        ),
    }
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
    # Pages and the admin show images from the bucket (or its CDN): the policies allow that.
    media_image_origins = media_origins(**media_location)
    CONTENT_SECURITY_POLICY = allow_images_from(
        CONTENT_SECURITY_POLICY,  # noqa: F405
        media_image_origins,
    )
    ADMIN_CONTENT_SECURITY_POLICY = allow_images_from(
        ADMIN_CONTENT_SECURITY_POLICY,  # noqa: F405
        media_image_origins,
    )
