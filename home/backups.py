"""Backups of the whole site, database and media, into a directory, and their restore: what
``manage.py backup_site DIR`` and ``manage.py restore_site DIR`` do.

A backup directory holds:

- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite,
  copied with SQLite's online backup API): both are consistent while the site keeps running;
- ``media.tar.gz``: the media folder (``MEDIA_ROOT``) where media are stored locally. Media in
  object storage are not copied: the bucket's versioning and replication protect them, or
  ``aws s3 sync`` copies them (docs/deploy.md);
- ``manifest.json``: what was backed up, when, and how big; written last, so a directory without
  it is not a complete backup.

The PostgreSQL client programs (pg_dump, pg_restore, psql) must be at least as new as the server:
``/usr/lib/postgresql/<server major>/bin`` (Debian's layout) is tried first, then ``PATH``.
"""

import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import CommandError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count
from django.utils import timezone

MANIFEST = "manifest.json"
POSTGRESQL_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
ENGINES = {
    "django.db.backends.postgresql": "postgresql",
    "django.db.backends.sqlite3": "sqlite",
}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
# Relations a restore replaces, by pg_class.relkind, in the order they are dropped: sequences
# last, once the tables that own them (and drop them along) are gone.
POSTGRESQL_RELATIONS = {
    "v": "VIEW",
    "m": "MATERIALIZED VIEW",
    "r": "TABLE",
    "p": "TABLE",
    "f": "FOREIGN TABLE",
    "S": "SEQUENCE",
}
MEDIA_PROGRESS_EVERY = 500  # files

Say = Callable[[str], None]


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    value, unit = size / 1000, "kB"
    for larger in ("MB", "GB"):
        if value < 1000:
            break
        value, unit = value / 1000, larger
    return f"{value:.1f} {unit}"


def files_text(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def database_engine(alias: str = "default") -> str:
    engine = connections[alias].settings_dict["ENGINE"]
    if engine not in ENGINES:
        raise CommandError(f"Backups support PostgreSQL and SQLite, not {engine}.")
    return ENGINES[engine]


# PostgreSQL


def postgresql_environment(database: dict) -> dict:
    """The environment for libpq programs: the connection of ``database`` and nothing inherited
    from the caller's own PG* variables."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    options = database.get("OPTIONS", {})
    given = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database["NAME"],
        "PGSSLMODE": options.get("sslmode"),
        "PGCONNECT_TIMEOUT": options.get("connect_timeout"),
        # Quiet NOTICEs (e.g. "drop cascades to ..."); warnings and errors still show.
        "PGOPTIONS": "-c client_min_messages=warning",
    }
    env.update({key: str(value) for key, value in given.items() if value})
    return env


def client_major_version(program: str) -> int:
    output = subprocess.run([program, "--version"], capture_output=True, text=True).stdout
    match = re.search(r"\)\s+(\d+)", output)
    if match is None:
        raise CommandError(f"Cannot tell the version of {program}: {output.strip()!r}")
    return int(match[1])


def postgresql_program(name: str, server_major: int, bin_dir: str | None) -> str:
    """The path of ``name`` (pg_dump, pg_restore, psql) at least as new as the server."""
    if bin_dir:
        candidates = [Path(bin_dir) / name]
    else:
        candidates = [Path(f"/usr/lib/postgresql/{server_major}/bin/{name}")]
        if found := shutil.which(name):
            candidates.append(Path(found))
    seen = []
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            major = client_major_version(str(candidate))
            if major >= server_major:
                return str(candidate)
            seen.append(f"{candidate} ({major})")
    found_text = f"found only {', '.join(seen)}" if seen else "found none"
    raise CommandError(
        f"{name} of PostgreSQL {server_major} or newer is needed for this PostgreSQL "
        f"{server_major} server; {found_text}. Install postgresql-client-{server_major} or give "
        f"its directory with --pg-bin."
    )


def server_major_version(alias: str = "default") -> int:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.pg_version // 10000


def run_program(command: list[str], env: dict, verbose: bool, **kwargs) -> None:
    result = subprocess.run(
        command, env=env, stderr=None if verbose else subprocess.PIPE, text=True, **kwargs
    )
    if result.returncode != 0:
        detail = (result.stderr or "").strip()
        raise CommandError(f"{Path(command[0]).name} failed ({result.returncode}): {detail}")


def dump_postgresql(target: Path, say: Say, bin_dir: str | None, verbose: bool) -> dict:
    database = connections["default"].settings_dict
    server_major = server_major_version()
    pg_dump = postgresql_program("pg_dump", server_major, bin_dir)
    say(f"Database: dumping {database['NAME']} (PostgreSQL {server_major}) with {pg_dump} ...")
    command = [pg_dump, "--format=custom", f"--file={target}"]
    if verbose:
        command.append("--verbose")
    run_program(command, postgresql_environment(database), verbose)
    return {"engine": "postgresql", "file": target.name, "server_major": server_major}


def postgresql_relations(alias: str = "default") -> list[tuple[str, str]]:
    """(name, relkind) of every table, view and sequence in the schema ``public``."""
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relkind FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = ANY(%s) ORDER BY c.relname",
            [list(POSTGRESQL_RELATIONS)],
        )
        return cursor.fetchall()


def restore_postgresql(dump: Path, say: Say, bin_dir: str | None, verbose: bool) -> None:
    """Replaces the schema ``public`` with the dump's, in one transaction: when anything fails,
    the database is left as it was."""
    connection = connections["default"]
    database = connection.settings_dict
    server_major = server_major_version()
    pg_restore = postgresql_program("pg_restore", server_major, bin_dir)
    psql = postgresql_program("psql", server_major, bin_dir)
    order = list(POSTGRESQL_RELATIONS)
    relations = sorted(postgresql_relations(), key=lambda relation: order.index(relation[1]))
    drops = "".join(
        f"DROP {POSTGRESQL_RELATIONS[kind]} IF EXISTS public.{connection.ops.quote_name(name)} "
        "CASCADE;"
        for name, kind in relations
    )
    connection.close()
    env = postgresql_environment(database)
    # A site still running (a transaction holding a table) fails the restore, instead of hanging it.
    env["PGOPTIONS"] += " -c lock_timeout=30s"
    say(f"Database: restoring into {database['NAME']} (PostgreSQL {server_major}) with {psql} ...")
    psql_command = [psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction"]
    if drops:
        psql_command += ["--command", drops]
    psql_command += ["--file", "-"]
    with tempfile.TemporaryFile(mode="w+") as restore_errors:
        script = subprocess.Popen(
            [pg_restore, "--no-owner", "--no-privileges", "--file=-", str(dump)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=restore_errors,
        )
        try:
            run_program(psql_command, env, verbose, stdin=script.stdout, stdout=subprocess.DEVNULL)
        except CommandError as error:
            if "lock timeout" not in str(error):
                raise
            raise CommandError(
                f"{error}\nThe database is in use and was left as it was: stop the app instances "
                f"and the worker, then restore again."
            ) from error
        finally:
            script.stdout.close()
            script.wait()
        if script.returncode != 0:
            restore_errors.seek(0)
            raise CommandError(f"pg_restore failed ({script.returncode}): {restore_errors.read()}")


# SQLite


def sqlite_uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


def copy_sqlite(source_uri: str, target: Path, say: Say) -> None:
    """Copies with SQLite's online backup API, a step at a time, saying how far it got."""
    reported = set()

    def progress(status, remaining, total):
        done = total - remaining
        quarter = done * 4 // max(total, 1)
        if quarter not in reported and 0 < quarter < 4:
            reported.add(quarter)
            say(f"  {done * 100 // total}% ({done} of {total} pages)")

    source = sqlite3.connect(source_uri, uri=True)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination, pages=256, progress=progress)
    finally:
        destination.close()
        source.close()


def backup_sqlite(target: Path, say: Say) -> dict:
    source = Path(connections["default"].settings_dict["NAME"])
    if not source.is_file():
        raise CommandError(f"The SQLite database {source} does not exist.")
    say(f"Database: copying {source} (SQLite online backup) ...")
    copy_sqlite(sqlite_uri(source, "ro"), target, say)
    return {"engine": "sqlite", "file": target.name}


def restore_sqlite(copy: Path, say: Say) -> None:
    connection = connections["default"]
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    say(f"Database: restoring into {target} (SQLite online backup) ...")
    copy_sqlite(sqlite_uri(copy, "ro"), target, say)


# Media


def local_media_root() -> Path | None:
    """MEDIA_ROOT where media are stored on this machine's disk; None in object storage."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def object_storage_advice(direction: str) -> str:
    bucket = getattr(storages["default"], "bucket_name", None) or "BUCKET"
    if direction == "backup":
        return (
            f"Media: in object storage (bucket {bucket}), so not archived here. Protect them with "
            f"the bucket's versioning and replication, or copy them with "
            f"`aws s3 sync s3://{bucket} DIR/media` (docs/deploy.md)."
        )
    return (
        f"Media: this backup holds a media archive, but media are in object storage (bucket "
        f"{bucket}). Unpack {MEDIA_ARCHIVE} and upload it with `aws s3 sync MEDIA_DIR "
        f"s3://{bucket}` (docs/deploy.md)."
    )


def archive_media(root: Path, target: Path, say: Say) -> dict:
    files = sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []
    say(f"Media: archiving {files_text(len(files))} of {root} ...")
    size = 0
    with tarfile.open(target, "w:gz") as archive:
        for number, path in enumerate(files, 1):
            archive.add(path, arcname=path.relative_to(root).as_posix(), recursive=False)
            size += path.stat().st_size
            if number % MEDIA_PROGRESS_EVERY == 0:
                say(f"  {number} of {len(files)} files")
    return {"file": target.name, "files": len(files), "bytes": size}


def extract_media(archive_path: Path, root: Path, say: Say) -> int:
    root.mkdir(parents=True, exist_ok=True)
    say(f"Media: unpacking {archive_path.name} into {root} ...")
    with tarfile.open(archive_path, "r:gz") as archive:
        members = archive.getmembers()
        # The "data" filter refuses absolute paths, links out of the folder and special files.
        archive.extractall(root, members=members, filter="data")
    return sum(1 for member in members if member.isfile())


# The commands


def backup_site(directory: Path, say: Say, bin_dir: str | None = None, verbose=False) -> dict:
    started = time.monotonic()
    if (directory / MANIFEST).exists():
        raise CommandError(f"{directory} already holds a backup; give a new directory.")
    directory.mkdir(parents=True, exist_ok=True)
    if database_engine() == "postgresql":
        database = dump_postgresql(directory / POSTGRESQL_DUMP, say, bin_dir, verbose)
    else:
        database = backup_sqlite(directory / SQLITE_COPY, say)
    database["bytes"] = (directory / database["file"]).stat().st_size
    say(f"  {human_size(database['bytes'])} in {time.monotonic() - started:.1f} s")

    media_started = time.monotonic()
    root = local_media_root()
    if root is None:
        say(object_storage_advice("backup"))
        media = {"storage": "object", "bucket": getattr(storages["default"], "bucket_name", None)}
    else:
        media = {"storage": "local", **archive_media(root, directory / MEDIA_ARCHIVE, say)}
        media["archive_bytes"] = (directory / MEDIA_ARCHIVE).stat().st_size
        say(
            f"  {files_text(media['files'])}, {human_size(media['bytes'])} "
            f"(archive {human_size(media['archive_bytes'])}) in "
            f"{time.monotonic() - media_started:.1f} s"
        )

    manifest = {
        "format": 1,
        "created": timezone.now().isoformat(),
        "database": database,
        "media": media,
        "seconds": round(time.monotonic() - started, 2),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    media_text = (
        f"media {files_text(media['files'])} {human_size(media['archive_bytes'])}"
        if media["storage"] == "local"
        else "media in object storage (not archived)"
    )
    say(
        f"Backup complete in {directory}: database {human_size(database['bytes'])}, "
        f"{media_text}, {manifest['seconds']:.1f} s."
    )
    return manifest


def read_manifest(directory: Path) -> dict:
    path = directory / MANIFEST
    if not path.is_file():
        raise CommandError(
            f"{directory} holds no {MANIFEST}: not a complete backup made by backup_site."
        )
    return json.loads(path.read_text())


def existing_tables() -> list[str]:
    if database_engine() == "postgresql":
        return [name for name, kind in postgresql_relations() if kind != "S"]
    return connections["default"].introspection.table_names(include_views=True)


def empty_site_cache() -> None:
    """Cached pages and lookups show the database as it was: drop them. With Redis only this
    site's keys (its CACHE_KEY_PREFIX) go."""
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


def restored_pages_summary() -> str:
    from wagtail.models import Page

    counts = (
        Page.objects.filter(depth__gt=1)
        .values_list("locale__language_code")
        .annotate(pages=Count("id"))
        .order_by("locale__language_code")
    )
    return ", ".join(f"{language} {pages}" for language, pages in counts) or "none"


def unapplied_migrations() -> int:
    executor = MigrationExecutor(connections["default"])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def restore_site(
    directory: Path, say: Say, force=False, bin_dir: str | None = None, verbose=False
) -> None:
    started = time.monotonic()
    manifest = read_manifest(directory)
    engine = database_engine()
    backup_engine = manifest["database"]["engine"]
    if backup_engine != engine:
        raise CommandError(
            f"This backup is of a {ENGINE_NAMES[backup_engine]} database, and this site's "
            f"database is {ENGINE_NAMES[engine]}: restore it into a {ENGINE_NAMES[backup_engine]} "
            f"database."
        )
    tables = existing_tables()
    if tables and not force:
        database = connections["default"].settings_dict["NAME"]
        raise CommandError(
            f"The database {database} is not empty ({len(tables)} tables, e.g. "
            f"{', '.join(tables[:3])}). Restore into a new, empty database, or give --force "
            f"to replace everything in it with the backup."
        )
    if tables:
        say(f"Database: replacing its {len(tables)} tables (--force).")
    backup_file = directory / manifest["database"]["file"]
    if engine == "postgresql":
        restore_postgresql(backup_file, say, bin_dir, verbose)
    else:
        restore_sqlite(backup_file, say)
    say(
        f"  {human_size(backup_file.stat().st_size)} in {time.monotonic() - started:.1f} s; "
        f"pages per language: {restored_pages_summary()}"
    )

    media_started = time.monotonic()
    media = manifest["media"]
    root = local_media_root()
    if media["storage"] != "local":
        say(
            f"Media: not in this backup (object storage, bucket {media.get('bucket')}): "
            f"restore them from the bucket's versions or copy (docs/deploy.md)."
        )
    elif root is None:
        say(object_storage_advice("restore"))
    else:
        files = extract_media(directory / MEDIA_ARCHIVE, root, say)
        say(
            f"  {files_text(files)}, {human_size(media['bytes'])} in "
            f"{time.monotonic() - media_started:.1f} s"
        )

    empty_site_cache()
    say("Cache: emptied (it held pages of the database as it was before).")
    if pending := unapplied_migrations():
        say(
            f"This code has {pending} migrations the restored database lacks: run "
            f"`python manage.py migrate`."
        )
    say(f"Restore complete from {directory} in {time.monotonic() - started:.1f} s.")
