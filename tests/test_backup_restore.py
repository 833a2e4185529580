"""``backup_site`` and ``restore_site`` on a database that holds the whole site, on SQLite and on
PostgreSQL (where DATABASE_URL names one): a backup restored into an empty database and media
folder gives back every page (per language, by title; every live page renders), every
translation and every media file; a database that is not empty is refused unless ``--force``.

Each site is a throwaway copy loaded as `make run` loads it, by ``manage.py`` in a subprocess
(tests/throwaway_site_settings.py)."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parents[1]
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")

ADD_MEDIA = """
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

get_image_model().objects.get(title="EU emblem").get_rendition("fill-80x80")
get_document_model().objects.create(
    title="Annual report",
    file=ContentFile(b"%PDF-1.4\\n% annual report\\n%%EOF\\n", name="annual-report.pdf"),
)
"""

SNAPSHOT = """
import json

from django.core.files.storage import default_storage
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtail.models import Locale, Page
from wagtail_localize.models import String, StringTranslation, Translation, TranslationSource

pages = {
    locale.language_code: list(
        Page.objects.filter(locale=locale, depth__gt=1)
        .order_by("path")
        .values_list("title", flat=True)
    )
    for locale in Locale.objects.order_by("language_code")
}
client = Client(HTTP_HOST="localhost")
statuses = {
    page.url: client.get(page.url).status_code
    for page in Page.objects.live().filter(depth__gt=1)
}
files = sorted(
    item.file.name
    for model in (get_image_model(), Rendition, get_document_model())
    for item in model.objects.all()
)
print(json.dumps({
    "pages": pages,
    "live_page_statuses": sorted(set(statuses.values())),
    "live_pages": len(statuses),
    "translation_sources": TranslationSource.objects.count(),
    "translations": Translation.objects.count(),
    "strings": String.objects.count(),
    "string_translations": StringTranslation.objects.count(),
    "media_files": files,
    "missing_media_files": [name for name in files if not default_storage.exists(name)],
}))
"""


def manage(env, *args, check=True):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if check and result.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def site_env(database_url, media_root, **extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.throwaway_site_settings",
        "DATABASE_URL": database_url,
        "THROWAWAY_MEDIA_ROOT": str(media_root),
        **extra,
    }
    env.pop("REDIS_URL", None)
    return env


def load_site(env):
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_site_content")
    manage(env, "shell", "-v", "0", "-c", ADD_MEDIA)


def snapshot(env):
    output = manage(env, "shell", "-v", "0", "-c", SNAPSHOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def file_hashes(root: Path) -> dict:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def check_backup_and_restore(source_env, empty_env, tmp_path):
    source = snapshot(source_env)
    assert set(source["pages"]) == {"bg", "en"} and all(source["pages"].values())
    assert source["live_page_statuses"] == [200]
    assert source["translation_sources"] and source["string_translations"]
    # The emblem, its renditions (made by the pages) and a document.
    assert {name.split("/")[0] for name in source["media_files"]} == {
        "original_images",
        "images",
        "documents",
    }
    assert not source["missing_media_files"]

    backup = tmp_path / "backup"
    backed_up = manage(source_env, "backup_site", str(backup))
    assert "Backup complete" in backed_up.stdout
    assert {path.name for path in backup.iterdir()} >= {"manifest.json", "media.tar.gz"}

    restored = manage(empty_env, "restore_site", str(backup))
    assert "Restore complete" in restored.stdout
    assert snapshot(empty_env) == source
    source_media = file_hashes(Path(source_env["THROWAWAY_MEDIA_ROOT"]))
    assert sorted(source_media) == source["media_files"]
    assert file_hashes(Path(empty_env["THROWAWAY_MEDIA_ROOT"])) == source_media

    refused = manage(empty_env, "restore_site", str(backup), check=False)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "--force" in refused.stderr

    replaced = manage(empty_env, "restore_site", str(backup), "--force")
    assert "Restore complete" in replaced.stdout
    assert snapshot(empty_env) == source


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("backup-sqlite")
    env = site_env(f"sqlite:///{work / 'site.sqlite3'}", work / "media")
    load_site(env)
    return env


def test_sqlite_site_is_restored_whole_into_an_empty_database(sqlite_site, tmp_path):
    empty = site_env(f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored-media")
    check_backup_and_restore(sqlite_site, empty, tmp_path)


def test_backup_with_media_in_object_storage_says_how_to_keep_them(sqlite_site, tmp_path):
    env = {**sqlite_site, "THROWAWAY_S3_BUCKET": "skc-media"}
    backed_up = manage(env, "backup_site", str(tmp_path / "backup"))
    assert "object storage (bucket skc-media)" in backed_up.stdout
    assert "aws s3 sync" in backed_up.stdout and "versioning" in backed_up.stdout
    assert {path.name for path in (tmp_path / "backup").iterdir()} == {
        "manifest.json",
        "database.sqlite3",
    }


def psql(server, *sql):
    command = ["psql", "-h", server["HOST"] or "127.0.0.1", "-p", str(server["PORT"] or 5432)]
    command += ["-U", server["USER"] or "postgres", "-d", "postgres", "-q"]
    for statement in sql:
        command += ["-c", statement]
    env = {**os.environ, "PGPASSWORD": server["PASSWORD"] or ""}
    subprocess.run(command, check=True, capture_output=True, env=env)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="needs DATABASE_URL (PostgreSQL)")
def test_postgresql_site_is_restored_whole_into_an_empty_database(tmp_path):
    server = dj_database_url.parse(os.environ["DATABASE_URL"])
    password = f":{server['PASSWORD']}" if server["PASSWORD"] else ""
    base = (
        f"postgres://{server['USER'] or 'postgres'}{password}@{server['HOST'] or '127.0.0.1'}:"
        f"{server['PORT'] or 5432}"
    )
    source, target = f"skc_c_backup_{os.getpid()}_source", f"skc_c_backup_{os.getpid()}_target"
    drop = [f"DROP DATABASE IF EXISTS {name}" for name in (source, target)]
    psql(server, *drop, f"CREATE DATABASE {source}", f"CREATE DATABASE {target}")
    try:
        source_env = site_env(f"{base}/{source}", tmp_path / "media")
        load_site(source_env)
        empty_env = site_env(f"{base}/{target}", tmp_path / "restored-media")
        check_backup_and_restore(source_env, empty_env, tmp_path)
    finally:
        psql(server, *drop)
