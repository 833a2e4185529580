"""Two app instances sharing only PostgreSQL, Redis and S3-compatible object storage (moto's S3
server on loopback): a page published through one is read, changed and freshly rendered (its
cached copy purged), from the other at once, and an image uploaded through one is shown by the
other.

Runs where the suite runs on PostgreSQL with Redis (DATABASE_URL and REDIS_URL set, as in CI's
second pass). Each instance is gunicorn with the production settings, on loopback, on a
throwaway database loaded as `make run` loads it."""

import hashlib
import io
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import boto3
import dj_database_url
import pytest
import requests
from PIL import Image as PILImage

from tests.conftest import S3_ACCESS, S3_REGION
from tests.ports import free_port, wait_until_serving

ROOT = Path(__file__).resolve().parents[2]
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


@pytest.fixture(scope="module")
def two_instances(tmp_path_factory, s3_endpoint):
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
        "AWS_STORAGE_BUCKET_NAME": f"skc-scale-{secrets.token_hex(4)}",
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": S3_REGION,
        "AWS_ACCESS_KEY_ID": S3_ACCESS["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": S3_ACCESS["aws_secret_access_key"],
    }
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name=S3_REGION, **S3_ACCESS)
    bucket = env["AWS_STORAGE_BUCKET_NAME"]
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": S3_REGION})
    # As docs/deploy.md sets it up: renditions (images/) are public, everything else private.
    public_renditions = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/images/*",
            }
        ],
    }
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_renditions))
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
        port = free_port()
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
        for url, process in zip(urls, processes, strict=True):
            wait_until_serving(f"{url}/healthz", process, timeout=60, expect={200})
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

    def post(self, url, data, files=None):
        data = {**data, "csrfmiddlewaretoken": self.csrf_form(url)}
        return self.request("POST", url, data=data, files=files, headers={"Referer": url})


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


def test_an_image_uploaded_through_one_instance_is_shown_by_the_other(two_instances):
    one, other = two_instances["urls"]
    picture = io.BytesIO()
    PILImage.new("RGB", (320, 200), (0, 51, 153)).save(picture, format="PNG")
    collection = shell(
        two_instances,
        "from wagtail.models import Collection; print(Collection.get_first_root_node().pk)",
    )
    uploaded = (
        AdminClient(one)
        .log_in()
        .post(
            f"{one}/admin/images/add/",
            {"title": "Shared picture", "collection": collection, "tags": ""},
            files={"file": ("shared-picture.png", picture.getvalue(), "image/png")},
        )
    )
    assert uploaded.status_code == 302, uploaded.text[:500]
    image_id = shell(
        two_instances,
        "from wagtail.images.models import Image; "
        "print(Image.objects.get(title='Shared picture').pk)",
    )
    edit_page = AdminClient(other).log_in().request("GET", f"{other}/admin/images/{image_id}/")
    assert edit_page.status_code == 200
    endpoint = two_instances["env"]["AWS_S3_ENDPOINT_URL"]
    rendition = re.search(rf'src="({re.escape(endpoint)}/[^"]+)"', edit_page.text)
    assert rendition, "the other instance shows the image from the shared storage"
    served = requests.get(rendition[1].replace("&amp;", "&"), timeout=10)
    assert served.status_code == 200 and served.content.startswith(b"\x89PNG")


def test_an_interface_text_changed_through_one_instance_is_shown_by_the_other(two_instances):
    one, other = two_instances["urls"]
    translator = ("translator-bg", "a-long-translator-password-9e2f")
    shell(
        two_instances,
        "from django.contrib.auth.models import Group, User; "
        "from localization.roles import set_up_roles; set_up_roles(); "
        f"u = User.objects.create_user('{translator[0]}', password='{translator[1]}'); "
        "u.groups.add(Group.objects.get(name='Translators BG')); print(u.pk)",
    )
    for _ in range(2):  # the other instance has the Bulgarian home page cached
        cached = requests.get(f"{other}/bg/", timeout=10)
    assert cached.headers["X-Cache"] == "HIT" and "Търсене в сайта" in cached.text

    editor = AdminClient(one)
    logged_in = editor.post(
        f"{one}/admin/login/", {"username": translator[0], "password": translator[1]}
    )
    assert logged_in.status_code == 302, logged_in.text[:500]
    digest = hashlib.sha256(b"Search the site").hexdigest()[:16]
    saved = editor.post(f"{one}/admin/interface-texts/bg/{digest}/", {"form_0": "Намерете в сайта"})
    assert saved.status_code == 302, saved.text[:500]

    fresh = requests.get(f"{other}/bg/", timeout=10)
    assert fresh.headers["X-Cache"] == "MISS" and "Намерете в сайта" in fresh.text
    assert "Търсене в сайта" not in fresh.text
    for _ in range(4):  # every worker process of the other instance, uncached too
        search = requests.get(f"{other}/bg/search/?q=x{_}", timeout=10)
        assert "Намерете в сайта" in search.text
