"""``manage.py restore_site DIR``: a backup made by backup_site, verified whole first, into an
empty database (or over one with --force) and the media folder (operations/backups.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from operations.backups import restore_site


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site DIR: verify it whole (checksums, the dump or "
        "the SQLite copy, the media archive), then the database in one transaction (into an "
        "empty one, or replacing everything with --force) and the local media folder. Stop the "
        "site's app instances first."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a directory written by backup_site")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the tables of a database that is not empty",
        )
        parser.add_argument(
            "--pg-bin",
            help="directory of pg_restore and psql (default: "
            "/usr/lib/postgresql/<server version>/bin, then PATH)",
        )

    def handle(self, *args, directory, force, pg_bin, verbosity, **options):
        restore_site(
            Path(directory),
            say=self.stdout.write,
            force=force,
            bin_dir=pg_bin,
            verbose=verbosity > 1,
        )
