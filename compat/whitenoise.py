"""whitenoise 6 internals this project relies on; pinned by tests/compat/test_compat.py.

``WhiteNoiseMiddleware`` reads its configuration from Django's settings (what ``STATIC_ROOT``,
``STORAGES`` and ``WHITENOISE_*`` say, with the manifest's hashed files immutable), while
``WhiteNoise`` is the WSGI application; whitenoise 4.0 removed its Django WSGI integration ("The
WSGI integration option for Django has been removed", changelog) and has no WSGI class
configured from Django's settings (no upstream issue found). So the WSGI entry
(config/static_files.py) is the middleware's configuration with ``WhiteNoise``'s WSGI call and
its ``serve``, whose signatures both classes share.
"""

from whitenoise.base import WhiteNoise
from whitenoise.middleware import WhiteNoiseMiddleware


class DjangoConfiguredWhiteNoise(WhiteNoiseMiddleware):
    """whitenoise configured from the Django settings as its middleware is, answering WSGI
    ``(environ, start_response)`` in front of ``self.application``."""

    __call__ = WhiteNoise.__call__
    serve = staticmethod(WhiteNoise.serve)
