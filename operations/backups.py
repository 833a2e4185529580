"""Backups of the whole site, database and media, into a directory, and their restore: what
``manage.py backup_site DIR`` and ``manage.py restore_site DIR`` do.

A backup directory holds:

- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite,
  copied with SQLite's online backup API): both are consistent while the site keeps running;
- ``media.tar.gz``: the media folder (``MEDIA_ROOT``) where media are stored locally. Media in
  object storage are not copied: the bucket's versioning and replication protect them, or
  ``aws s3 sync`` copies them (docs/deploy.md);
- ``manifest.json``: what was backed up, when, and the size and sha256 of each file above;
  written last, so a directory without it is not a complete backup.

A restore verifies the whole backup before it touches anything: the manifest's checksums, the
dump read whole by ``pg_restore`` (or SQLite's integrity check of the copy), and the media
archive unpacked whole into a hidden folder beside the media. Then the database is replaced in
one transaction, and only once that is committed are the media swapped in (a few renames, undone
if one fails). The cache is emptied whatever happens.

The PostgreSQL client programs (pg_dump, pg_restore, psql) must be at least as new as the server:
``/usr/lib/postgresql/<server major>/bin`` (Debian's layout) is tried first, then ``PATH``.
"""

import contextlib
import gzip
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
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
# 1: no checksums (refused: it cannot be verified); 2: the size and sha256 of each file.
MANIFEST_FORMAT = 2
POSTGRESQL_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
ENGINES = {
    "django.db.backends.postgresql": "postgresql",
    "django.db.backends.sqlite3": "sqlite",
}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
DATABASE_FILES = {"postgresql": POSTGRESQL_DUMP, "sqlite": SQLITE_COPY}
# Hidden folders inside MEDIA_ROOT (the same file system as the media, even where MEDIA_ROOT is
# a mount point): the backup's media unpacked, and the media they replace.
MEDIA_STAGING_PREFIX = ".restore-unpacked-"
MEDIA_PREVIOUS_PREFIX = ".restore-replaced-"
# Large objects make pg_restore write its own BEGIN/COMMIT into the script (never in this site).
LARGE_OBJECT_ENTRY = re.compile(r"^\d+; \d+ \d+ BLOBS? ", re.MULTILINE)
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


def verify_postgresql_dump(dump: Path, pg_restore: str) -> None:
    """Refuses a dump pg_restore cannot list, or cannot read to its end (a damaged or truncated
    one, or one from a newer pg_dump)."""
    listing = subprocess.run([pg_restore, "--list", str(dump)], capture_output=True, text=True)
    if listing.returncode != 0:
        raise CommandError(
            f"{dump.name} is damaged: pg_restore cannot read its table of contents "
            f"({listing.stderr.strip()})."
        )
    if LARGE_OBJECT_ENTRY.search(listing.stdout):
        raise CommandError(
            f"{dump.name} holds large objects, which this site never makes: restore it by hand "
            f"(docs/deploy.md)."
        )
    # Written to nowhere, every data block is read and decompressed: a truncated dump fails here.
    whole = subprocess.run(
        [pg_restore, "--file=/dev/null", str(dump)], capture_output=True, text=True
    )
    if whole.returncode != 0:
        raise CommandError(
            f"{dump.name} is damaged: pg_restore cannot read it to its end "
            f"({whole.stderr.strip()})."
        )


def load_in_one_transaction(script: subprocess.Popen, loader: subprocess.Popen, first: str) -> None:
    """Feeds psql ``BEGIN``, ``first`` and pg_restore's script, and ``COMMIT`` only once
    pg_restore has exited without error: a script cut short by a failing pg_restore ends without
    COMMIT, and PostgreSQL rolls the transaction back when psql disconnects."""
    try:
        loader.stdin.write(f"BEGIN;\n{first}\n".encode())
        shutil.copyfileobj(script.stdout, loader.stdin, 1024 * 1024)
        if script.wait() == 0:
            loader.stdin.write(b"COMMIT;\n")
    except BrokenPipeError:
        pass  # psql stopped at an error (ON_ERROR_STOP): its message says which.
    finally:
        script.stdout.close()  # a pg_restore still writing gets SIGPIPE and stops
        script.wait()
        with contextlib.suppress(BrokenPipeError):
            loader.stdin.close()
        loader.wait()


def restore_postgresql(dump: Path, say: Say, programs: dict, verbose: bool) -> None:
    """Replaces every table, view and sequence of the schema ``public`` with the dump's, in one
    transaction: when anything fails, the database is left as it was."""
    connection = connections["default"]
    database = connection.settings_dict
    order = list(POSTGRESQL_RELATIONS)
    relations = sorted(postgresql_relations(), key=lambda relation: order.index(relation[1]))
    drops = "".join(
        f"DROP {POSTGRESQL_RELATIONS[kind]} IF EXISTS public.{connection.ops.quote_name(name)} "
        "CASCADE;\n"
        for name, kind in relations
    )
    connection.close()
    env = postgresql_environment(database)
    # A site still running (a transaction holding a table) fails the restore, instead of hanging it.
    env["PGOPTIONS"] += " -c lock_timeout=30s"
    say(
        f"Database: restoring into {database['NAME']} in one transaction with "
        f"{programs['pg_restore']} and {programs['psql']} ..."
    )
    with (
        tempfile.TemporaryFile(mode="w+") as restore_errors,
        tempfile.TemporaryFile(mode="w+") as load_errors,
    ):
        loader = subprocess.Popen(
            [programs["psql"], "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--file=-"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=None if verbose else load_errors,
        )
        script = subprocess.Popen(
            [programs["pg_restore"], "--no-owner", "--no-privileges", "--file=-", str(dump)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=restore_errors,
        )
        load_in_one_transaction(script, loader, drops)
        if script.returncode == 0 and loader.returncode == 0:
            return
        restore_errors.seek(0)
        load_errors.seek(0)
        failed, detail = (
            ("pg_restore", restore_errors.read())
            if script.returncode != 0
            else ("psql", load_errors.read())
        )
    advice = (
        "\nThe database is in use: stop the app instances and the worker, then restore again."
        if "lock timeout" in detail
        else ""
    )
    raise CommandError(
        f"The restore failed in {failed} and was rolled back: the database {database['NAME']} is "
        f"as it was, and the media were not touched.\n{detail.strip()}{advice}"
    )


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


def verify_sqlite_copy(copy: Path) -> None:
    """Refuses a copy SQLite cannot open, whose integrity check finds anything, or that is not a
    database of this site (no django_migrations)."""
    try:
        database = sqlite3.connect(f"{sqlite_uri(copy, 'ro')}&immutable=1", uri=True)
        try:
            problems = [row[0] for row in database.execute("PRAGMA integrity_check(10)")]
            migrations = database.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
        finally:
            database.close()
    except sqlite3.DatabaseError as error:
        raise CommandError(f"{copy.name} is damaged: SQLite cannot read it ({error}).") from error
    if problems != ["ok"]:
        raise CommandError(
            f"{copy.name} is damaged: SQLite's integrity check found {'; '.join(problems)}."
        )
    if migrations is None:
        raise CommandError(f"{copy.name} is not a database of this site (no django_migrations).")


def restore_sqlite(copy: Path, say: Say) -> None:
    """Copies the backup over the database with SQLite's online backup API, which writes the
    destination in one transaction: rolled back if the copy stops short."""
    connection = connections["default"]
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    say(f"Database: restoring into {target} (SQLite online backup, one transaction) ...")
    try:
        copy_sqlite(sqlite_uri(copy, "ro"), target, say)
    except sqlite3.Error as error:
        raise CommandError(
            f"The restore failed and was rolled back: the database {target} is as it was, and "
            f"the media were not touched.\n{error}"
        ) from error


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


def stage_media(archive_path: Path, root: Path, expected: dict, say: Say) -> Path:
    """Unpacks the media archive whole into a new hidden folder inside ``root``, where the swap
    can later move it with renames; refuses an archive that cannot be read to its end or that
    does not hold the files the manifest counts. Nothing of ``root`` itself is changed."""
    say(f"Media: unpacking {archive_path.name} into a hidden folder in {root} ...")
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=MEDIA_STAGING_PREFIX, dir=root))
    try:
        # Read to its end first: gzip checks its CRC only there, and tarfile stops reading at the
        # archive's last member, so a damaged file inside would otherwise unpack silently.
        with gzip.open(archive_path) as stream:
            while stream.read(1024 * 1024):
                pass
        with tarfile.open(archive_path, "r:gz") as archive:
            # The "data" filter refuses absolute paths, links out of the folder and special files.
            archive.extractall(staging, filter="data")
            files = [member for member in archive.getmembers() if member.isfile()]
        count, size = len(files), sum(member.size for member in files)
        if (count, size) != (expected["files"], expected["bytes"]):
            raise CommandError(
                f"{archive_path.name} is damaged: it holds {files_text(count)} ({size} bytes), "
                f"the manifest says {files_text(expected['files'])} ({expected['bytes']} bytes)."
            )
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        shutil.rmtree(staging)
        raise CommandError(
            f"{archive_path.name} is damaged: it cannot be unpacked to its end ({error})."
        ) from error
    except OSError as error:
        shutil.rmtree(staging)
        raise CommandError(
            f"{archive_path.name} cannot be unpacked into {root}: {error}"
        ) from error
    except CommandError:
        shutil.rmtree(staging)
        raise
    return staging


def swap_media(root: Path, staging: Path) -> None:
    """Replaces what ``root`` holds with what ``staging`` holds, by renames on one file system;
    if a rename fails, every one done is undone, and ``root`` is as it was."""
    replaced = Path(tempfile.mkdtemp(prefix=MEDIA_PREVIOUS_PREFIX, dir=root))
    moved_aside, moved_in = [], []
    try:
        for entry in sorted(root.iterdir()):
            if entry not in (staging, replaced):
                entry.rename(replaced / entry.name)
                moved_aside.append(entry.name)
        for entry in sorted(staging.iterdir()):
            entry.rename(root / entry.name)
            moved_in.append(entry.name)
    except OSError as error:
        for name in reversed(moved_in):
            (root / name).rename(staging / name)
        for name in reversed(moved_aside):
            (replaced / name).rename(root / name)
        shutil.rmtree(replaced)
        shutil.rmtree(staging)
        raise CommandError(
            f"The database was restored, but the media could not be swapped in ({error}); the "
            f"media folder {root} is as it was: unpack {MEDIA_ARCHIVE} into it by hand."
        ) from error
    shutil.rmtree(replaced)
    staging.rmdir()


# The commands


def file_checksum(path: Path) -> dict:
    with path.open("rb") as file:
        digest = hashlib.file_digest(file, "sha256").hexdigest()
    return {"bytes": path.stat().st_size, "sha256": digest}


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

    say("Checksums: sha256 of each file ...")
    backed_up = [database["file"]] + ([media["file"]] if media["storage"] == "local" else [])
    manifest = {
        "format": MANIFEST_FORMAT,
        "created": timezone.now().isoformat(),
        "database": database,
        "media": media,
        "files": {name: file_checksum(directory / name) for name in backed_up},
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
    """The manifest, refused unless it is whole, of this format, and lists the files its backup
    must hold (the database file, and the media archive where media were local)."""
    path = directory / MANIFEST
    if not path.is_file():
        raise CommandError(
            f"{directory} holds no {MANIFEST}: it is not a complete backup made by backup_site; "
            f"make a new backup with backup_site."
        )
    try:
        manifest = json.loads(path.read_text())
        version = manifest.get("format")
        if version != MANIFEST_FORMAT:
            raise CommandError(
                f"{path} is of format {version}, without the checksums that let a restore verify "
                f"the backup before touching anything: make a new backup with backup_site "
                f"(docs/deploy.md says how to restore an older one by hand)."
                if isinstance(version, int) and version < MANIFEST_FORMAT
                else f"{path} is of format {version}, which this backup_site does not know: "
                f"restore it with the version of the site that made it."
            )
        engine, media = manifest["database"]["engine"], manifest["media"]
        expected = {DATABASE_FILES[engine]} | (
            {MEDIA_ARCHIVE} if media["storage"] == "local" else set()
        )
        listed = {
            name for name, file in manifest["files"].items() if file["sha256"] and file["bytes"]
        }
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise CommandError(
            f"{path} is damaged ({type(error).__name__}: {error}): make a new backup with "
            f"backup_site."
        ) from error
    if listed != expected:
        raise CommandError(
            f"{path} lists {', '.join(sorted(listed)) or 'no files'}, where a backup of this "
            f"kind holds {', '.join(sorted(expected))}: it is damaged; make a new backup."
        )
    return manifest


def verify_checksums(directory: Path, manifest: dict, say: Say) -> None:
    """Refuses a backup whose files are missing, or differ in size or sha256 from the manifest."""
    for name, expected in sorted(manifest["files"].items()):
        path = directory / name
        if not path.is_file():
            raise CommandError(f"{name} is missing from {directory}.")
        found = file_checksum(path)
        if found["bytes"] != expected["bytes"]:
            raise CommandError(
                f"{name} does not match the manifest: it is {found['bytes']} bytes, the manifest "
                f"says {expected['bytes']} (truncated, or changed since the backup)."
            )
        if found["sha256"] != expected["sha256"]:
            raise CommandError(
                f"{name} does not match the manifest: its sha256 is {found['sha256']}, the "
                f"manifest says {expected['sha256']} (damaged, or changed since the backup)."
            )
        say(f"  {name}: {human_size(found['bytes'])}, sha256 as in the manifest")


def existing_tables() -> list[str]:
    if database_engine() == "postgresql":
        return [name for name, kind in postgresql_relations() if kind != "S"]
    return connections["default"].introspection.table_names(include_views=True)


def empty_site_cache(say: Say) -> bool:
    """Cached pages and lookups show the database as it was: drop them. With Redis only this
    site's keys (its CACHE_KEY_PREFIX) go. False (and said) when the cache cannot be reached."""
    try:
        if hasattr(cache, "delete_pattern"):
            cache.delete_pattern("*")
        else:
            cache.clear()
    except Exception as error:  # noqa: BLE001 (any cache backend's own connection errors)
        say(f"Cache: could not be emptied ({type(error).__name__}: {error}).")
        return False
    say("Cache: emptied (it may hold pages of the database as it was before).")
    return True


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
    """Verifies the backup in ``directory`` whole, then replaces the database (in one
    transaction) and, once that is committed, the local media (by renames). The cache is emptied
    whatever happens."""
    started = time.monotonic()
    try:
        restore_verified_backup(directory, say, force, bin_dir, verbose)
    finally:
        cache_emptied = empty_site_cache(say)
    if not cache_emptied:
        raise CommandError(
            "The restore is complete, but the cache could not be emptied and may serve pages of "
            "the database as it was: empty it (or restart Redis) before starting the site."
        )
    if pending := unapplied_migrations():
        say(
            f"This code has {pending} migrations the restored database lacks: run "
            f"`python manage.py migrate`."
        )
    say(f"Restore complete from {directory} in {time.monotonic() - started:.1f} s.")


def restore_verified_backup(
    directory: Path, say: Say, force: bool, bin_dir: str | None, verbose: bool
) -> None:
    verify_started = time.monotonic()
    root = local_media_root()
    root_existed = root is not None and root.exists()
    staging = None

    def discard_staged_media():
        if staging is not None:
            shutil.rmtree(staging)
        if root is not None and not root_existed and root.exists():
            shutil.rmtree(root)  # made here for the unpacking: it held nothing else

    try:
        manifest = read_manifest(directory)
        engine = database_engine()
        backup_engine = manifest["database"]["engine"]
        if backup_engine != engine:
            backup_name, site_name = ENGINE_NAMES[backup_engine], ENGINE_NAMES[engine]
            raise CommandError(
                f"This backup is of a {backup_name} database, and this site's database is "
                f"{site_name}: restore it into a {backup_name} database."
            )
        tables = existing_tables()
        if tables and not force:
            database = connections["default"].settings_dict["NAME"]
            raise CommandError(
                f"The database {database} is not empty ({len(tables)} tables, e.g. "
                f"{', '.join(tables[:3])}). Restore into a new, empty database, or give --force "
                f"to replace everything in it with the backup."
            )

        say(f"Verifying {directory} before anything is changed ...")
        backup_file = directory / DATABASE_FILES[engine]
        media = manifest["media"]
        programs = {}
        verify_checksums(directory, manifest, say)
        if engine == "postgresql":
            server_major = server_major_version()
            programs = {
                name: postgresql_program(name, server_major, bin_dir)
                for name in ("pg_restore", "psql")
            }
            verify_postgresql_dump(backup_file, programs["pg_restore"])
        else:
            verify_sqlite_copy(backup_file)
        checked = "read whole by pg_restore" if engine == "postgresql" else "integrity check ok"
        say(f"  {backup_file.name}: {checked}")
        if media["storage"] == "local" and root is not None:
            staging = stage_media(directory / MEDIA_ARCHIVE, root, media, say)
            say(f"  {MEDIA_ARCHIVE}: unpacked whole, {files_text(media['files'])}")
    except CommandError as error:
        discard_staged_media()
        raise CommandError(
            f"{error}\nNothing was restored: the database and the media are as they were."
        ) from error
    say(f"  verified in {time.monotonic() - verify_started:.1f} s")

    if tables:
        say(f"Database: replacing its {len(tables)} tables (--force).")
    database_started = time.monotonic()
    try:
        if engine == "postgresql":
            restore_postgresql(backup_file, say, programs, verbose)
        else:
            restore_sqlite(backup_file, say)
    except BaseException:
        discard_staged_media()
        raise
    say(
        f"  {human_size(backup_file.stat().st_size)} in {time.monotonic() - database_started:.1f} s"
    )

    if media["storage"] != "local":
        say(
            f"Media: not in this backup (object storage, bucket {media.get('bucket')}): "
            f"restore them from the bucket's versions or copy (docs/deploy.md)."
        )
    elif root is None:
        say(object_storage_advice("restore"))
    else:
        swap_media(root, staging)
        say(
            f"Media: {root} replaced with the backup's {files_text(media['files'])} "
            f"({human_size(media['bytes'])})."
        )
    say(f"Pages per language: {restored_pages_summary()}")
