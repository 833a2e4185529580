"""The production settings, with every file they write moved to the benchmark's temporary directory.

``load_site_content`` saves an image and pages render its thumbnail, and a file-based cache
writes its entries: this keeps them out of the repository's ``media/`` and ``var/`` (as
``tests/e2e/server_settings.py`` does for the browser tests). Nothing else changes.
"""

import os
from pathlib import Path

from config.settings.production import *  # noqa: F403

BENCH_TMP = Path(os.environ["BENCH_TMP"])
MEDIA_ROOT = BENCH_TMP / "media"
for cache in CACHES.values():  # noqa: F405
    if cache["BACKEND"].endswith("FileBasedCache"):
        cache["LOCATION"] = BENCH_TMP / "cache"
