"""Settings of a throwaway copy of the site that a test runs ``manage.py`` on in a subprocess:
the development settings, with the database (DATABASE_URL) and the media folder
(THROWAWAY_MEDIA_ROOT) the test gives, and a cache of its own (in THROWAWAY_CACHE_DIR where
given)."""

import os
from pathlib import Path

from config.settings.dev import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["THROWAWAY_MEDIA_ROOT"])
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
# A cache that outlives one manage.py run (to check that a restore empties it).
if os.environ.get("THROWAWAY_CACHE_DIR"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ["THROWAWAY_CACHE_DIR"],
    }
# Media in object storage (never contacted by the tests that set this).
if os.environ.get("THROWAWAY_S3_BUCKET"):
    from config.object_storage import s3_storages

    STORAGES = {
        **STORAGES,  # noqa: F405
        **s3_storages(
            bucket_name=os.environ["THROWAWAY_S3_BUCKET"], endpoint_url="http://127.0.0.1:9"
        ),
    }
