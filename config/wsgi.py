"""WSGI entry point; gunicorn serves ``config.wsgi:application``: static files straight from
whitenoise (config/static_files.py), the page cache's hits straight from the cache
(caching/page_cache.py), everything else through Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_application = get_wsgi_application()

from caching.page_cache import PageCacheApp  # noqa: E402
from config.static_files import StaticFilesApp  # noqa: E402 (needs the settings configured)

application = StaticFilesApp(PageCacheApp(django_application))
