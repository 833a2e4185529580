"""Media (original images, documents, renditions) in S3-compatible object storage (AWS S3, MinIO,
...): the ``STORAGES`` entries production.py uses when ``AWS_STORAGE_BUCKET_NAME`` is set. Built
from explicit arguments, so that the tests configure the very same storages against their own S3
server.

One private bucket, two storages on it:

- ``default``: original images (``original_images/``) and documents (``documents/``). Its URLs
  are signed and expire. Documents are served through Wagtail's view
  (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), which applies collection privacy (login,
  password, groups) before streaming the file, so no document URL of the bucket is handed out.
- ``renditions`` (``WAGTAILIMAGES_RENDITION_STORAGE``): the resized images the pages show, under
  ``images/``. Plain, stable URLs that browsers and a CDN can cache: the bucket lets anyone read
  that prefix (a bucket policy), or a CDN that may read the bucket serves them (``custom_domain``).

Pages and the admin show these images from another origin than the site's, which the Content
Security Policy must allow (``media_origins``).
"""

from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"
# How long a signed URL of an original image or a document is valid, in seconds.
SIGNED_URL_SECONDS = 3600
RENDITION_CACHE_SECONDS = 86400


def s3_storages(
    *,
    bucket_name: str,
    endpoint_url: str | None = None,
    region_name: str | None = None,
    access_key: str | None = None,
    secret_key: str | None = None,
    custom_domain: str | None = None,
    url_protocol: str = "https:",
) -> dict:
    """The ``default`` and ``renditions`` entries of ``STORAGES`` for ``bucket_name``. Without
    keys, boto3 finds credentials itself (instance role, ``~/.aws``)."""
    from botocore.config import Config

    common = {
        "bucket_name": bucket_name,
        "endpoint_url": endpoint_url or None,
        "region_name": region_name or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        # Two uploads named alike get two objects (Wagtail expects unique names, as on disk).
        "file_overwrite": False,
        # The bucket's own policy decides who reads what; objects carry no ACL.
        "default_acl": None,
        # Storage down: an upload fails in seconds with a clear form error
        # (operations/storage_errors.py) instead of holding a worker for minutes.
        "client_config": Config(
            signature_version="s3v4",
            connect_timeout=5,
            read_timeout=30,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    }
    return {
        "default": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "querystring_auth": True,
                "querystring_expire": SIGNED_URL_SECONDS,
            },
        },
        "renditions": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **common,
                "querystring_auth": False,
                "custom_domain": custom_domain or None,
                "url_protocol": url_protocol,
                # Browsers and a CDN keep a rendition a day (its name is reused when an image's
                # file is replaced, so not for ever).
                "object_parameters": {"CacheControl": f"public, max-age={RENDITION_CACHE_SECONDS}"},
            },
        },
    }


def media_origins(
    *,
    bucket_name: str,
    endpoint_url: str | None = None,
    region_name: str | None = None,
    custom_domain: str | None = None,
    url_protocol: str = "https:",
) -> list[str]:
    """The origins browsers fetch media from, for the Content Security Policy's ``img-src``:
    where renditions are served (``custom_domain``) and where the storage's own URLs point (the
    endpoint, else AWS S3's global and regional addresses of the bucket)."""
    origins = []
    if custom_domain:
        origins.append(f"{url_protocol}//{custom_domain.split('/')[0]}")
    if endpoint_url:
        endpoint = urlsplit(endpoint_url)
        origins.append(f"{endpoint.scheme}://{endpoint.netloc}")
    else:
        origins.append(f"https://{bucket_name}.s3.amazonaws.com")
        if region_name:
            origins.append(f"https://{bucket_name}.s3.{region_name}.amazonaws.com")
    return origins


def allow_images_from(policy: dict, origins: list[str]) -> dict:
    """A copy of a django-csp ``policy`` whose ``img-src`` also allows ``origins``."""
    directives = policy["DIRECTIVES"]
    return {
        **policy,
        "DIRECTIVES": {**directives, "img-src": [*directives.get("img-src", []), *origins]},
    }
