"""The test suite: fast hashing, outgoing mail kept in memory, no collectstatic needed."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not os.environ.get("REDIS_URL"):
    CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
elif WORKER := os.environ.get("PYTEST_XDIST_WORKER"):
    # pytest-xdist: each worker (gw0, gw1, ...) has a Redis database of its own, the one after
    # REDIS_URL's for each worker, because emptying the cache between tests empties a database
    # (FLUSHDB). Its keys get a prefix of their own too.
    _redis = urlsplit(CACHES["default"]["LOCATION"])
    _database = int(_redis.path.strip("/") or 0) + int(WORKER.removeprefix("gw"))
    if _database > 15:
        raise ImproperlyConfigured(
            f"Test worker {WORKER} would need Redis database {_database}: point REDIS_URL at a "
            "lower database number or run fewer workers."
        )
    CACHES["default"] = {
        **CACHES["default"],
        "LOCATION": urlunsplit(_redis._replace(path=f"/{_database}")),
        "KEY_PREFIX": f"{CACHES['default']['KEY_PREFIX']}-{WORKER}",
    }

DEBUG = False
# Machine translation off whatever the developer's environment says; tests that use it set it.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Media in a throwaway folder (not in memory: tests that swap storages must not lose the files
# of the site the session loaded).
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="skc-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# The translation memory's word index is built in the lookup itself (in production a background
# thread builds it while the previous one answers): tests see a publication's fuzzy matches at once.
SKC_MEMORY_INDEX_IN_BACKGROUND = False
