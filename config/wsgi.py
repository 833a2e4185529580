"""WSGI entry point; gunicorn serves ``config.wsgi:application``: static files straight from
whitenoise (config/static_files.py), everything else through Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_application = get_wsgi_application()

from config.static_files import StaticFilesApp  # noqa: E402 (needs the settings configured)

application = StaticFilesApp(django_application)
