"""Two app instances sharing only PostgreSQL and Redis: a page published through one is read,
changed and freshly rendered (its cached copy purged), from the other at once.

Runs where the suite runs on PostgreSQL with Redis (DATABASE_URL and REDIS_URL set, as in CI's
second pass). Each instance is gunicorn with the production settings, on loopback, on a
throwaway database loaded as `make run` loads it."""

import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url
import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
ADMIN = ("scale-admin", "a-long-scale-out-password-4c1d")

pytestmark = pytest.mark.skipif(
    not (os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")),
    reason="needs DATABASE_URL (PostgreSQL) and REDIS_URL",
)


def psql(*sql, database="postgres"):
    server = dj_database_url.parse(os.environ["DATABASE_URL"])
    command = ["psql", "-h", server["HOST"] or "127.0.0.1", "-p", str(server["PORT"] or 5432)]
    command += ["-U", server["USER"] or "postgres", "-d", database, "-q"]
    for statement in sql:
        command += ["-c", statement]
    subprocess.run(command, check=True, capture_output=True)


def wait_until_up(base_url):
    for _ in range(100):
        try:
            if requests.get(f"{base_url}/healthz", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{base_url} did not start")


@pytest.fixture(scope="module")
def two_instances(tmp_path_factory):
    work = tmp_path_factory.mktemp("scale-out")
    name = f"skc_scale_{os.getpid()}"
    server = dj_database_url.parse(os.environ["DATABASE_URL"])
    psql(f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    database_url = (
        f"postgres://{server['USER'] or 'postgres'}@{server['HOST'] or '127.0.0.1'}:"
        f"{server['PORT'] or 5432}/{name}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.production_site_settings",
        "THROWAWAY_MEDIA_ROOT": str(work / "media"),
        "DATABASE_URL": database_url,
        "CACHE_KEY_PREFIX": f"scale-{secrets.token_hex(4)}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DJANGO_ADMIN_PASSWORD": ADMIN[1],
    }
    manage = [sys.executable, "manage.py"]
    commands = [
        ["migrate", "--noinput"],
        ["load_site_content"],
        ["ensure_admin", "--username", ADMIN[0]],
    ]
    for command in commands:
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    processes, urls = [], []
    for number in range(2):
        port = 19000 + (os.getpid() * 2 + number) % 1000
        log = (work / f"instance-{number}.log").open("wb")
        processes.append(
            subprocess.Popen(
                [gunicorn, "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            wait_until_up(url)
        yield {"urls": urls, "env": env, "manage": manage}
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)
        psql(f"DROP DATABASE IF EXISTS {name}")


class AdminClient:
    """An editor's browser over plain HTTP. The production settings mark cookies Secure, which
    a client only sends back over HTTPS, so this one keeps and sends them itself."""

    def __init__(self, base_url):
        self.base_url, self.cookies = base_url, {}

    def request(self, method, url, **kwargs):
        response = requests.request(
            method, url, cookies=self.cookies, allow_redirects=False, timeout=30, **kwargs
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def csrf_form(self, url):
        page = self.request("GET", url)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]

    def log_in(self):
        url = f"{self.base_url}/admin/login/"
        data = {"username": ADMIN[0], "password": ADMIN[1]}
        response = self.post(url, data)
        assert response.status_code == 302 and "sessionid" in self.cookies, response.text[:500]
        return self

    def post(self, url, data):
        data = {**data, "csrfmiddlewaretoken": self.csrf_form(url)}
        return self.request("POST", url, data=data, headers={"Referer": url})


def shell(instances, code):
    result = subprocess.run(
        [*instances["manage"], "shell", "-c", code],
        cwd=ROOT,
        env=instances["env"],
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_a_page_published_through_one_instance_is_read_fresh_from_the_other(two_instances):
    one, other = two_instances["urls"]
    # A draft with a new title, as an editor's "Save draft" leaves it.
    page_id, path = shell(
        two_instances,
        "from pages.models import NewsPage; p = NewsPage.objects.filter(locale__language_code='en')"
        ".live().first(); p.title = 'Shared title seen everywhere'; p.save_revision(); "
        "print(p.pk, p.url)",
    ).split()
    for _ in range(2):  # the other instance has the page cached
        cached = requests.get(f"{other}{path}", timeout=10)
    assert cached.headers["X-Cache"] == "HIT" and "Shared title" not in cached.text
    index_path = path.rstrip("/").rsplit("/", 1)[0] + "/"
    requests.get(f"{other}{index_path}", timeout=10)
    assert requests.get(f"{other}{index_path}", timeout=10).headers["X-Cache"] == "HIT"

    editor = AdminClient(one).log_in()
    published = editor.post(f"{one}/admin/bulk/wagtailcore/page/publish/?id={page_id}", {})
    assert published.status_code == 302, published.text[:500]

    fresh = requests.get(f"{other}{path}", timeout=10)
    assert fresh.headers["X-Cache"] == "MISS" and "Shared title seen everywhere" in fresh.text
    listing = requests.get(f"{other}{index_path}", timeout=10)
    assert "Shared title seen everywhere" in listing.text
    assert requests.get(f"{one}{path}", timeout=10).status_code == 200
