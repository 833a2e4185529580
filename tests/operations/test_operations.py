"""Operations: /healthz, structured request logs, and faults of the services the site depends
on (an unreachable Redis, an unreachable database) giving uncached pages or a 503, never a 500
or a hang."""

import json
import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from operations.request_log import JsonFormatter
from tests.ports import free_port, wait_until_serving

ROOT = Path(__file__).resolve().parents[2]
# Nothing listens on port 1 of the loopback: a real connection refused, not a mock.
DEAD_REDIS = "redis://127.0.0.1:1/0"
DEAD_POSTGRES = "postgres://postgres@127.0.0.1:1/skc"


def dead_redis_cache():
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


def test_healthz_reports_database_and_cache_and_is_never_cached(client, db):
    for _ in range(2):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json()["database"] == "ok" and response.json()["cache"] == "ok"
        assert "no-cache" in response["Cache-Control"] and "X-Cache" not in response


def test_with_redis_down_pages_are_served_uncached_and_healthz_says_so(client, db, settings):
    settings.CACHES = dead_redis_cache()  # Django reconnects its caches on this change
    for _ in range(2):
        response = client.get("/en/")
        assert response.status_code == 200 and response.headers.get("X-Cache") != "HIT"
    started = time.monotonic()
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["cache"] == "unreachable"
    assert time.monotonic() - started < 5


def test_every_request_is_logged_as_one_json_line(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="skc.requests"):
        client.get("/en/")
        client.get("/en/no-such-page/")
    records = [record for record in caplog.records if record.name == "skc.requests"]
    lines = [json.loads(JsonFormatter().format(record)) for record in records]
    assert [(line["path"], line["status"]) for line in lines] == [
        ("/en/", 200),
        ("/en/no-such-page/", 404),
    ]
    assert all(line["ms"] >= 0 and line["method"] == "GET" for line in lines)
    assert lines[0]["cache"] == "MISS"


def test_an_unreachable_database_gives_a_503_quickly_not_a_500_or_a_hang(tmp_path):
    """The production settings under gunicorn, with a PostgreSQL address where nothing listens."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": DEAD_POSTGRES,
        "SECRET_KEY": "operations-test-secret-key-that-is-long-enough-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "PAGE_CACHE_SECONDS": "0",
    }
    env.pop("REDIS_URL", None)
    log = tmp_path / "gunicorn.log"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(gunicorn), "config.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        # The first answer also waits for the worker to start (slow on a loaded machine); the
        # ones timed below are the steady state.
        wait_until_serving(f"http://127.0.0.1:{port}/healthz", server, timeout=60)
        statuses = {}
        for path in ("/en/", "/bg/novini/", "/healthz"):
            started = time.monotonic()
            statuses[path] = http_status(f"http://127.0.0.1:{port}{path}")
            assert time.monotonic() - started < 10, path
        assert statuses == {"/en/": 503, "/bg/novini/": 503, "/healthz": 503}, log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)


def http_status(url):
    """The status of one GET to a server that is up."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
