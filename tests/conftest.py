import datetime
import io
import json
import os
import subprocess
import sys
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from home.models import HomePage
from pages.forms import form_token
from sitecontent.loader import SiteContentLoader
from tests.ports import free_port, wait_until_serving


def pytest_collection_modifyitems(config, items):
    """With pytest-xdist's ``--dist loadgroup`` (make test), tests go one by one to the worker
    that is free, except: the real-browser tests share one site under gunicorn and one chromium,
    so all of them run in one worker; a module or test class whose fixtures are made once for it
    (servers, whole throwaway sites, setUpTestData) runs in one worker, so they are made once."""
    for item in items:
        if item.get_closest_marker("browser"):
            group = "browser"
        elif item.cls is not None and issubclass(item.cls, unittest.TestCase):
            group = f"{item.module.__name__}.{item.cls.__qualname__}"
        elif any(  # (pytest keeps an item's fixture definitions in _fixtureinfo)
            definition.scope in ("module", "class")
            for definitions in item._fixtureinfo.name2fixturedefs.values()
            for definition in definitions
        ):
            group = item.module.__name__
        else:
            continue
        item.add_marker(pytest.mark.xdist_group(group))
    keep_browser_tests_in_file_order(items)


def keep_browser_tests_in_file_order(items):
    """pytest-randomly shuffles before this hook runs; the real-browser tests share one site and
    walk one day's story in it (a page translated, renamed, published), so they go back to the
    order of their files and lines, in the places the shuffle gave them."""
    places = [index for index, item in enumerate(items) if item.get_closest_marker("browser")]
    ordered = sorted((items[index] for index in places), key=lambda item: item.location[:2])
    for index, item in zip(places, ordered, strict=True):
        items[index] = item


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds what every site has: the two locales, the Bulgarian home page
    and its English translation (made through wagtail-localize), and the editors' and
    translators' groups. Tests build their pages with tests/factories.py; the cluster's own
    content is loaded only for tests/sitecontent/ (``seed_site`` below)."""
    with django_db_blocker.unblock():
        SiteContentLoader(log=lambda message: None).load_home()
        call_command("setup_roles", stdout=io.StringIO())


@pytest.fixture(scope="module")
def seed_site(django_db_setup, django_db_blocker):
    """The cluster's content, loaded as `make run` loads it, once for the module that asks for
    it and rolled back after it: tests/sitecontent/ (its conftest), the smoke layer."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # (what would run on commit runs now, as when `make run` loads it: search index
            # updates, translations published on commit)
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("load_site_content", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, so
    cached pages and invalidation tokens from an earlier test would not match it."""
    cache.clear()  # (the rate limits' store is a database table: rolled back with the rest)


def form_shown(seconds_ago):
    """The report form's signed token as the site issued it ``seconds_ago`` (the clock moved
    back with time-machine while it is made)."""
    with time_machine.travel(datetime.timedelta(seconds=-seconds_ago), tick=False):
        return form_token()


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
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(endpoint, server, timeout=30)
    except RuntimeError as error:
        server.kill()
        pytest.fail(f"moto_server did not start: {error}")
    yield endpoint
    server.terminate()
    server.wait(timeout=10)


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "a-realistic-secret-key-of-more-than-fifty-characters-0123456789abcdef",
    "ALLOWED_HOSTS": "www.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://www.example.org",
    "WAGTAILADMIN_BASE_URL": "https://www.example.org",
}
PRINT_SETTINGS = (
    "import json, sys, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}))"
)


def read_production_settings(*names, **environment):
    """The settings ``names`` as config.settings.production makes them from the environment it
    requires (and ``environment``), read in a new process: (the process, their values or None
    when the settings refused to start)."""
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    env |= {**PRODUCTION_ENV, **environment}
    process = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS, *names],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    values = json.loads(process.stdout.splitlines()[-1]) if process.returncode == 0 else None
    return process, values


@pytest.fixture(scope="session")
def production_trusted_proxy_count():
    """``TRUSTED_PROXY_COUNT`` as production sets it when the environment does not say."""
    process, values = read_production_settings("TRUSTED_PROXY_COUNT")
    assert values is not None, process.stderr
    return values["TRUSTED_PROXY_COUNT"]


@pytest.fixture
def purge_server():
    """A caching proxy's purge endpoint on loopback that records the PURGE requests it gets."""
    received = []

    class PurgeHandler(BaseHTTPRequestHandler):
        def do_PURGE(self):
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
