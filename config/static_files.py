"""Static files served in front of Django: whitenoise as WSGI middleware (config/wsgi.py).

A hashed stylesheet needs none of Django's request handling, middleware or request log; served
from here it costs a fraction of the CPU it costs through ``WhiteNoiseMiddleware``, which stays
in ``MIDDLEWARE`` for what does go through Django (the test client, ``DEBUG``'s finders).
"""

from django.conf import settings

from compat.whitenoise import DjangoConfiguredWhiteNoise


def add_security_headers(headers, path, url):
    """The headers Django's SecurityMiddleware gives every response that matter for a file."""
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = settings.SECURE_REFERRER_POLICY


class WhiteNoiseSettings:
    """The Django settings, with the security headers added to every file."""

    WHITENOISE_ADD_HEADERS_FUNCTION = staticmethod(add_security_headers)

    def __getattr__(self, name):
        return getattr(settings, name)


class StaticFilesApp(DjangoConfiguredWhiteNoise):
    """whitenoise configured from the Django settings exactly as its middleware is (hashed
    files immutable for ten years, compressed variants), but in front of ``application``."""

    def __init__(self, application):
        super().__init__(settings=WhiteNoiseSettings())
        self.application = application
