"""``backup_site`` and ``restore_site`` on a database that holds the whole site, on SQLite and on
PostgreSQL (where DATABASE_URL names one).

- A backup restored into an empty database and media folder gives back every page (per language,
  by title; every live page renders), every translation and every media file; a database that is
  not empty is refused unless ``--force``, which replaces the database and the media folder.
- A damaged backup (a truncated or garbage database file, a manifest whose checksum does not
  match, a damaged media archive, each also with the manifest rewritten to match; no manifest, or
  one without checksums) is refused with a message naming what is wrong, and the site it was
  restored over keeps every row of every table, a title changed after the backup and every media
  file. On PostgreSQL a dump that reads whole but fails to load midway is rolled back.

Each site is a throwaway copy loaded as `make run` loads it, by ``manage.py`` in a subprocess
(tests/throwaway_site_settings.py)."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parents[2]
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith("postgres")
# Each engine once: a run on PostgreSQL (CI's second pass) leaves SQLite to the run without
# DATABASE_URL (its first), where these throwaway sites take minutes to load.
ENGINES = [
    pytest.param(
        "sqlite",
        marks=pytest.mark.skipif(ON_POSTGRESQL, reason="the run without DATABASE_URL has it"),
    ),
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not ON_POSTGRESQL, reason="needs DATABASE_URL (PostgreSQL)"),
    ),
]
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
CHANGED_TITLE = "Changed after the backup"

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

# What a site holds after its backup was made: a page retitled, a document added (a row and a
# file). A restore of that backup would undo both.
CHANGE_AFTER_BACKUP = f"""
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

Page.objects.filter(pk=Page.objects.filter(depth=3).order_by("path").first().pk).update(
    title={CHANGED_TITLE!r}
)
get_document_model().objects.create(
    title="Minutes", file=ContentFile(b"%PDF-1.4\\n% minutes\\n%%EOF\\n", name="minutes.pdf")
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

# The rows of every table and the first pages' titles: what a failed restore must leave as is;
# and whether the key this left in the cache last time is still there (a restore empties it).
ROWS_AND_TITLES = """
import json

from django.core.cache import cache
from django.db import connection
from wagtail.models import Page

cache_key_kept = cache.get("left-by-the-last-check") is not None
cache.set("left-by-the-last-check", 1, None)

with connection.cursor() as cursor:
    rows = {}
    for table in connection.introspection.table_names():
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        rows[table] = cursor.fetchone()[0]
titles = list(Page.objects.filter(depth__lte=3).order_by("path").values_list("title", flat=True))
print(json.dumps({"rows": rows, "titles": titles, "cache_key_kept": cache_key_kept}))
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


def last_json_line(output: str):
    return json.loads(output.strip().splitlines()[-1])


def snapshot(env):
    return last_json_line(manage(env, "shell", "-v", "0", "-c", SNAPSHOT).stdout)


def file_hashes(root: Path) -> dict:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def site_state(env) -> dict:
    """Every table's row count, the first pages' titles, every file under MEDIA_ROOT (also any
    a restore would have left behind), and whether the cache was emptied since the last call."""
    state = last_json_line(manage(env, "shell", "-v", "0", "-c", ROWS_AND_TITLES).stdout)
    state["media"] = file_hashes(Path(env["THROWAWAY_MEDIA_ROOT"]))
    return state


def psql(server, *sql, database="postgres"):
    command = ["psql", "-h", server["HOST"] or "127.0.0.1", "-p", str(server["PORT"] or 5432)]
    command += ["-U", server["USER"] or "postgres", "-d", database, "-q", "-v", "ON_ERROR_STOP=1"]
    for statement in sql:
        command += ["-c", statement]
    env = {**os.environ, "PGPASSWORD": server["PASSWORD"] or ""}
    subprocess.run(command, check=True, capture_output=True, env=env)


class Databases:
    """Throwaway databases of one engine: SQLite files in a folder, or PostgreSQL databases on
    DATABASE_URL's server named after DATABASE_URL's database (dropped by ``drop_all``)."""

    def __init__(self, engine: str, folder: Path):
        self.engine, self.folder, self.created = engine, folder, []
        if engine == "postgresql":
            self.server = dj_database_url.parse(os.environ["DATABASE_URL"])
            password = f":{self.server['PASSWORD']}" if self.server["PASSWORD"] else ""
            self.base_url = (
                f"postgres://{self.server['USER'] or 'postgres'}{password}@"
                f"{self.server['HOST'] or '127.0.0.1'}:{self.server['PORT'] or 5432}"
            )

    def new(self, name: str, copy_of: str | None = None) -> str:
        """The URL of a new empty database, or of a copy of the database ``copy_of``."""
        if self.engine == "sqlite":
            path = self.folder / f"{name}.sqlite3"
            if copy_of:
                shutil.copyfile(self.folder / f"{copy_of}.sqlite3", path)
            return f"sqlite:///{path}"
        database = self.postgresql_name(name)
        template = f" TEMPLATE {self.postgresql_name(copy_of)}" if copy_of else ""
        psql(
            self.server,
            f"DROP DATABASE IF EXISTS {database}",
            f"CREATE DATABASE {database}{template}",
        )
        self.created.append(database)
        return f"{self.base_url}/{database}"

    def postgresql_name(self, name: str) -> str:
        """Unique to this process: two test runs (or pytest-xdist workers) on one server never
        share a throwaway database."""
        return f"{self.server['NAME']}_backup_{os.getpid()}_{name}"

    def run_sql(self, name: str, *sql):
        psql(self.server, *sql, database=self.postgresql_name(name))

    def drop_all(self):
        if self.created:
            psql(self.server, *(f"DROP DATABASE IF EXISTS {name}" for name in self.created))


@pytest.fixture(scope="module", params=ENGINES)
def databases(request, tmp_path_factory):
    databases = Databases(request.param, tmp_path_factory.mktemp(f"backup-{request.param}"))
    yield databases
    databases.drop_all()


@pytest.fixture(scope="module")
def site(databases):
    """The whole site, loaded once per engine: the source of every backup here."""
    env = site_env(databases.new("source"), databases.folder / "media")
    load_site(env)
    return env


def test_site_is_restored_whole_into_an_empty_database(databases, site):
    source = snapshot(site)
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

    backup = databases.folder / "round-trip-backup"
    backed_up = manage(site, "backup_site", str(backup))
    assert "Backup complete" in backed_up.stdout
    assert {path.name for path in backup.iterdir()} == {
        "manifest.json",
        "media.tar.gz",
        DATABASE_FILES[databases.engine],
    }
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["files"] == {
        path.name: {
            "bytes": path.stat().st_size,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        }
        for path in backup.iterdir()
        if path.name != "manifest.json"
    }

    media_root = databases.folder / "restored-media"
    empty = site_env(databases.new("restored"), media_root)
    restored = manage(empty, "restore_site", str(backup))
    assert "Restore complete" in restored.stdout
    assert snapshot(empty) == source
    source_media = file_hashes(Path(site["THROWAWAY_MEDIA_ROOT"]))
    assert sorted(source_media) == source["media_files"]
    assert file_hashes(media_root) == source_media

    refused = manage(empty, "restore_site", str(backup), check=False)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "--force" in refused.stderr

    # --force replaces the database and the media folder: what was added since is gone.
    manage(empty, "shell", "-v", "0", "-c", CHANGE_AFTER_BACKUP)
    (media_root / "stray.txt").write_text("not in the backup")
    replaced = manage(empty, "restore_site", str(backup), "--force")
    assert "Restore complete" in replaced.stdout
    assert snapshot(empty) == source
    assert file_hashes(media_root) == source_media


def test_backup_with_media_in_object_storage_says_how_to_keep_them(databases, site):
    env = {**site, "THROWAWAY_S3_BUCKET": "skc-media"}
    backup = databases.folder / "object-storage-backup"
    backed_up = manage(env, "backup_site", str(backup))
    assert "object storage (bucket skc-media)" in backed_up.stdout
    assert "aws s3 sync" in backed_up.stdout and "versioning" in backed_up.stdout
    assert {path.name for path in backup.iterdir()} == {
        "manifest.json",
        DATABASE_FILES[databases.engine],
    }


# Damaged backups


@pytest.fixture(scope="module")
def backup(databases, site):
    """A sound backup of the site."""
    directory = databases.folder / "backup"
    manage(site, "backup_site", str(directory))
    return directory


@pytest.fixture(scope="module")
def changed_site(databases, site, backup):
    """A copy of the site, changed since the backup, with its own media folder; and its state."""
    media_root = databases.folder / "changed-media"
    shutil.copytree(site["THROWAWAY_MEDIA_ROOT"], media_root)
    env = site_env(
        databases.new("changed", copy_of="source"),
        media_root,
        THROWAWAY_CACHE_DIR=str(databases.folder / "changed-cache"),
    )
    manage(env, "shell", "-v", "0", "-c", CHANGE_AFTER_BACKUP)
    state = site_state(env)
    assert CHANGED_TITLE in state["titles"] and not state["cache_key_kept"]
    # The key is kept from one call to the next, unless something empties the cache.
    assert site_state(env) == {**state, "cache_key_kept": True}
    return env, state


def truncate(path: Path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])


def garble(path: Path):
    path.write_bytes(hashlib.sha512(b"garbage").digest() * 200)


def damage_gzip_stream(path: Path):
    """Flips bytes in the middle of the compressed stream: gzip's CRC no longer matches."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(byte ^ 0xFF for byte in data[middle : middle + 64])
    path.write_bytes(bytes(data))


def rewrite_manifest(directory: Path):
    """The manifest made to match the files as they are now (as a careless copy tool might)."""
    manifest_path = directory / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for name in manifest["files"]:
        content = (directory / name).read_bytes()
        manifest["files"][name] = {
            "bytes": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }
    manifest_path.write_text(json.dumps(manifest))


def wrong_checksum(directory: Path, database_file: str):
    manifest_path = directory / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["files"][database_file]["sha256"] = hashlib.sha256(b"another file").hexdigest()
    manifest_path.write_text(json.dumps(manifest))


def old_format(directory: Path, database_file: str):
    """A manifest as backup_site wrote it before checksums (format 1)."""
    manifest_path = directory / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    del manifest["files"]
    manifest["format"] = 1
    manifest_path.write_text(json.dumps(manifest))


# damage: (what it does to a copy of the backup, what the refusal says)
DAMAGES = {
    "truncated database file": (
        lambda directory, database_file: truncate(directory / database_file),
        "{database_file} does not match the manifest",
    ),
    "garbage in place of the database file": (
        lambda directory, database_file: garble(directory / database_file),
        "{database_file} does not match the manifest",
    ),
    "manifest checksum that does not match": (
        wrong_checksum,
        "{database_file} does not match the manifest",
    ),
    "damaged media archive": (
        lambda directory, database_file: damage_gzip_stream(directory / "media.tar.gz"),
        "media.tar.gz does not match the manifest",
    ),
    "truncated database file, manifest rewritten": (
        lambda directory, database_file: (
            truncate(directory / database_file),
            rewrite_manifest(directory),
        ),
        "{database_file} is damaged",
    ),
    "garbage database file, manifest rewritten": (
        lambda directory, database_file: (
            garble(directory / database_file),
            rewrite_manifest(directory),
        ),
        "{database_file} is damaged",
    ),
    "damaged media archive, manifest rewritten": (
        lambda directory, database_file: (
            damage_gzip_stream(directory / "media.tar.gz"),
            rewrite_manifest(directory),
        ),
        "media.tar.gz is damaged",
    ),
    "truncated media archive, manifest rewritten": (
        lambda directory, database_file: (
            truncate(directory / "media.tar.gz"),
            rewrite_manifest(directory),
        ),
        "media.tar.gz is damaged",
    ),
    "no manifest": (
        lambda directory, database_file: (directory / "manifest.json").unlink(),
        "make a new backup",
    ),
    "manifest without checksums (the format before them)": (
        old_format,
        "make a new backup",
    ),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_damaged_backup_is_refused_and_nothing_changes(
    databases, backup, changed_site, tmp_path, damage
):
    env, state_before = changed_site
    damaged = tmp_path / "damaged"
    shutil.copytree(backup, damaged)
    database_file = DATABASE_FILES[databases.engine]
    make_damage, refusal = DAMAGES[damage]
    make_damage(damaged, database_file)

    result = manage(env, "restore_site", str(damaged), "--force", check=False)

    assert result.returncode != 0, result.stdout
    assert site_state(env) == state_before
    assert refusal.format(database_file=database_file) in result.stderr
    assert "Nothing was restored: the database and the media are as they were." in result.stderr


def test_postgresql_dump_that_fails_midway_is_rolled_back(databases, site, changed_site):
    """A sound dump (its checksums match, pg_restore reads it whole) of a database holding a row
    that breaks a foreign key: the restore drops the tables, loads the data and fails at the end
    when it adds the constraint. Everything is rolled back."""
    if databases.engine != "postgresql":
        pytest.skip("PostgreSQL only (SQLite's online backup API writes in one transaction)")
    env, state_before = changed_site
    databases.new("broken", copy_of="source")
    databases.run_sql(
        "broken",
        "SET session_replication_role = replica; "
        "UPDATE wagtailcore_page SET owner_id = 999999 WHERE depth = 2",
    )
    broken_backup = databases.folder / "broken-backup"
    broken_site = site_env(
        f"{databases.base_url}/{databases.postgresql_name('broken')}", site["THROWAWAY_MEDIA_ROOT"]
    )
    manage(broken_site, "backup_site", str(broken_backup))

    result = manage(env, "restore_site", str(broken_backup), "--force", check=False)

    assert result.returncode != 0, result.stdout
    assert site_state(env) == state_before
    assert "rolled back" in result.stderr and "foreign key" in result.stderr
