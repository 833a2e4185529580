"""The production settings for a site a test runs under gunicorn
(tests/operations/test_scale_out.py), with its media in the folder the test gives
(THROWAWAY_MEDIA_ROOT) and static files named as they are (no collectstatic manifest needed).
Nothing else changes."""

import os
from pathlib import Path

from config.settings.production import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["THROWAWAY_MEDIA_ROOT"])
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
