"""The floor: a bare Django view that answers "ok", with no middleware, apps or database.

Served by the same gunicorn command as the site: ``gunicorn bench.floor_app -w 2 -k sync``.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="floor-app-has-no-secrets-to-keep-but-django-wants-a-key",  # noqa: S106
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_I18N=False,
)


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("", ok)]

application = get_wsgi_application()
