import io
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from home.models import HomePage


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the whole site, loaded once as `make run` loads it."""
    with django_db_blocker.unblock():
        call_command("load_site_content", stdout=io.StringIO())
        call_command("setup_roles", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, so
    cached pages and invalidation tokens from an earlier test would not match it."""
    cache.clear()


ADMIN_USERNAME = "admin-en"


@pytest.fixture
def admin_client(client, db):
    """A superuser logged in, whose admin speaks English (the admin's default here is Bulgarian)."""
    user = get_user_model().objects.create_superuser(ADMIN_USERNAME, "admin@example.org", "pw")
    UserProfile.objects.create(user=user, preferred_language="en")
    client.force_login(user)
    return client


@pytest.fixture
def locales(db):
    return Locale.objects.get(language_code="bg"), Locale.objects.get(language_code="en")


@pytest.fixture
def bilingual_site(locales):
    """Both home pages: the English one is a wagtail-localize translation of the Bulgarian."""
    bg, en = locales
    return {"bg": HomePage.objects.get(locale=bg), "en": HomePage.objects.get(locale=en)}


S3_ACCESS = {"aws_access_key_id": "skc-test", "aws_secret_access_key": "skc-test-secret"}
S3_REGION = "eu-central-1"


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 API server in its own process on a free loopback port."""
    port = free_loopback_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(endpoint, timeout=1)
            break
        except requests.ConnectionError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("moto_server did not start")
            time.sleep(0.2)
    yield endpoint
    server.terminate()
    server.wait(timeout=10)


def free_loopback_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def purge_server():
    """A caching proxy's purge endpoint on loopback that records the PURGE requests it gets."""
    received = []

    class PurgeHandler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
            received.append(f"{self.headers['Host']}{self.path}")
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), PurgeHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
