"""Settings of the site the browser tests drive: the development settings, with a throwaway
database (DATABASE_URL) and media folder given by the test run."""

import os
from pathlib import Path

from config.settings.dev import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["E2E_MEDIA_ROOT"])
# The page cache of this throwaway site, shared by its gunicorn workers and nothing else.
CACHES = {
    **CACHES,  # noqa: F405 (the rate limits' store: a table in the throwaway database)
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": MEDIA_ROOT.parent / "cache",
    },
}
