"""Static files through whitenoise with long cache headers, and the cache backend in use."""

import os
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.templatetags.static import static
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware


def test_hashed_static_files_are_served_immutable_for_a_year_or_more(tmp_path, settings):
    manifest = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=manifest):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = static("css/site.css")
        assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)
        middleware = WhiteNoiseMiddleware(lambda request: None)
        response = middleware(RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip"))
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert max_age >= 365 * 24 * 3600
    assert response["Content-Encoding"] == "gzip"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
def test_redis_cache_round_trip_when_redis_url_is_set(settings):
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    cache.set("skc-test-key", {"език": "български"}, timeout=30)
    assert cache.get("skc-test-key") == {"език": "български"}
    cache.delete("skc-test-key")


def test_the_wsgi_application_serves_static_files_before_django(tmp_path, settings, caplog):
    """gunicorn's entry point answers for static files without Django's request handling
    (no request log line, no middleware), with the same caching headers and nosniff; anything
    else goes through Django."""
    import logging

    from config.static_files import StaticFilesApp

    manifest = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    passed_on = []

    def django_app(environ, start_response):
        passed_on.append(environ["PATH_INFO"])
        start_response("404 Not Found", [])
        return [b""]

    with override_settings(STATIC_ROOT=tmp_path, STORAGES=manifest):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = static("css/site.css")
        app = StaticFilesApp(django_app)
    answers = []

    def start_response(status, headers):
        answers.append((status, dict(headers)))

    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": url, "HTTP_ACCEPT_ENCODING": "gzip"}
    with caplog.at_level(logging.INFO, logger="skc.requests"):
        body = b"".join(app(environ, start_response))
    status, headers = answers[0]
    assert status == "200 OK" and body and passed_on == []
    assert "immutable" in headers["Cache-Control"] and headers["Content-Encoding"] == "gzip"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert not [record for record in caplog.records if record.name == "skc.requests"]
    app({"REQUEST_METHOD": "GET", "PATH_INFO": "/en/"}, start_response)
    assert passed_on == ["/en/"]


def test_gunicorns_entry_point_is_the_static_files_app():
    from config import wsgi
    from config.static_files import StaticFilesApp

    assert isinstance(wsgi.application, StaticFilesApp)
