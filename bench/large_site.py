"""Shared by the large-tree benchmarks: Django on a throwaway SQLite database holding the site's
content and a large synthetic section (``generate_large_site``).

The test settings are used (DEBUG off, media in memory, no collectstatic needed) with the
database backend of django-tasks, whose worker (``db_worker``) runs in this process.
"""

import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@contextlib.contextmanager
def django_on(database: str | None):
    """Set Django up on ``database``, a SQLite file or a database URL (kept), or on a temporary
    SQLite file removed at the end."""
    with contextlib.ExitStack() as stack:
        if database is None:
            database = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "db.sqlite3"
        if "://" not in str(database):
            database = f"sqlite:///{Path(database).resolve()}"
        os.environ["DATABASE_URL"] = database
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
        os.environ.pop("REDIS_URL", None)
        sys.path.insert(0, str(ROOT))
        import django
        from django.test.utils import override_settings

        django.setup()
        with override_settings(TASKS=DATABASE_TASKS):
            yield database


def log(message):
    print(message, file=sys.stderr, flush=True)


def build_site(news, events, prefix="bench"):
    """Migrate, load the site's content and generate the synthetic pages in English (each step
    is idempotent), then let the worker do the index tasks that this queued."""
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("load_site_content", stdout=io.StringIO())
    log(f"site content loaded ({time.monotonic() - started:.0f} s)")
    out = io.StringIO()
    call_command(
        "generate_large_site", news=news, events=events, language="en", prefix=prefix, stdout=out
    )
    log(out.getvalue().strip().splitlines()[-1])
    seconds, count = run_worker()
    log(f"worker: {count} queued index task(s) done in {seconds:.1f} s")


def run_worker(max_tasks=None):
    """Run django-tasks-db's worker until the queue is empty (or ``max_tasks`` are done);
    return the seconds it took and how many tasks it ran."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    before = DBTaskResult.objects.finished().count()
    options = ["--batch", "--no-startup-delay", "--no-reload"]
    if max_tasks:
        options += ["--max-tasks", str(max_tasks)]
    started = time.monotonic()
    call_command("db_worker", *options, verbosity=0)
    return time.monotonic() - started, DBTaskResult.objects.finished().count() - before


def superuser():
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user = user_model.objects.filter(username="bench-admin").first()
    return user or user_model.objects.create_superuser("bench-admin", "bench@example.org", None)
