"""Settings of the site the browser tests drive: the development settings, with a throwaway
database (DATABASE_URL) and media folder given by the test run."""

import os
from pathlib import Path

from config.settings.dev import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["E2E_MEDIA_ROOT"])
# The page cache of this throwaway site, shared by its gunicorn workers and nothing else. Its
# size is not limited: Django's file cache deletes a random third of its files once it holds
# MAX_ENTRIES (300 by default), which the browser suite reaches, and a page or the cache's
# writes token deleted at random made a reader's second visit a MISS now and then.
CACHES = {
    **CACHES,  # noqa: F405 (the rate limits' store: a table in the throwaway database)
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": MEDIA_ROOT.parent / "cache",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    },
}
